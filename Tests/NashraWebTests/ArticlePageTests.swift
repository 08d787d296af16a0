import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NashraCore
import NashraTestSupport
import NashraWeb
import Testing

/// The article page, part by part, checked by parsing its HTML.
@Suite("Article page")
struct ArticlePageTests {
    /// An article with tags shared by others, a source, comments in every state.
    static func newsroom(_ harness: WebHarness) async throws -> Article {
        let given = harness.given
        let world = try await given.section("دولي", position: 1)
        let economy = try await given.section("اقتصاد", position: 2)
        let author = try await given.author("سلمى الحداد")
        let article = try await given.article(
            "اختراقات واسعة.. تحقيق دولي في هجمات على خوادم البريد", section: world, author: author,
            tags: ["الأمن السيبراني", "المناخ"], hoursAgo: 2,
            body:
                "<p>الفقرة الأولى.</p><blockquote><p>اقتباس</p></blockquote><p>الفقرة <a href=\"https://example.org/x\">الثانية</a>.</p>",
            summary: "ملخص الخبر", source: SourceCredit(name: "وكالة الأنباء", url: "https://example.org/source"))
        try await given.article(
            "خبر يشترك في وسمين", section: economy, author: author, tags: ["المناخ", "الأمن السيبراني"], hoursAgo: 30)
        try await given.article("خبر في القسم نفسه", section: world, author: author, hoursAgo: 20)
        try await given.article("خبر حديث آخر", section: economy, author: author, hoursAgo: 1)
        try await given.article("مسودة ذات صلة", section: world, author: author, tags: ["المناخ"], status: .draft)
        for (name, status) in [("قارئ موافق", CommentStatus.approved), ("قارئ معلق", .pending), ("مزعج", .spam)] {
            _ = try await harness.store.addComment(
                NewComment(
                    articleID: article.id, authorName: name, authorEmail: "\(status.rawValue)@readers.example",
                    body: "سطر أول\nسطر ثانٍ", status: status, createdAt: harness.clock.now))
        }
        return article
    }

    @Test func everyPartOfTheReferencePageIsThere() async throws {
        let harness = try WebHarness()
        let article = try await Self.newsroom(harness)
        try await harness.withClient { client async throws in
            let (response, page) = try await client.page("/news/" + encoded(article.slug))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let html = try #require(page.first("/html"))
            #expect(html["lang"] == "ar")
            #expect(html["dir"] == "rtl")
            #expect(page.first("//title")?.text == "\(article.title) | نشرة")

            // Breadcrumb: home › section, as links.
            let crumbs = page.all("//nav[contains(@class,'breadcrumb')]//a")
            #expect(crumbs.map(\.text) == ["الرئيسية", "دولي"])
            #expect(crumbs.map { $0["href"] } == ["/", "/section/" + encoded("دولي")])

            // One h1, the title.
            #expect(page.all("//h1").map(\.text) == [article.title])

            // Byline: author linked to the author page, source linked, machine-readable date, reading time.
            let authorLink = try #require(page.first("//*[contains(@class,'byline-author')]/a"))
            #expect(authorLink.text == "سلمى الحداد")
            #expect(authorLink["href"] == "/author/" + encoded(Slug.make(from: "سلمى الحداد")))
            #expect(page.first("//*[contains(@class,'byline-source')]/a")?["href"] == "https://example.org/source")
            let time = try #require(page.first("//*[contains(@class,'byline-date')]/time"))
            #expect(time["datetime"] == "2026-03-15T07:00:00Z")
            #expect(time.text.contains("مارس"))
            #expect(page.first("//*[contains(@class,'byline-reading')]")?.text.isEmpty == false)

            // The body is the sanitized HTML, with external links marked.
            #expect(page.count("//div[@class='article-body']/p") == 2)
            #expect(page.count("//div[@class='article-body']/blockquote") == 1)
            #expect(page.first("//div[@class='article-body']//a")?["rel"] == "noopener nofollow ugc")

            // Tags link to tag pages.
            #expect(page.all("//section[@class='tags']//a").map(\.text) == ["الأمن السيبراني", "المناخ"])

            // Back to top: a link to an element that exists, working without JavaScript.
            let backToTop = try #require(page.first("//a[contains(@class,'back-to-top')]"))
            #expect(backToTop["href"] == "#top")
            #expect(page.count("//*[@id='top']") == 1)
            #expect(backToTop["aria-label"] == "زر الذهاب إلى الأعلى")
        }
    }

    @Test func shareLinksCarryTheEncodedCanonicalURL() async throws {
        let harness = try WebHarness()
        let article = try await Self.newsroom(harness)
        try await harness.withClient { client async throws in
            let (_, page) = try await client.page("/news/" + encoded(article.slug))
            let canonical = "https://news.example.com/news/" + encoded(article.slug)
            #expect(page.first("//link[@rel='canonical']")?["href"] == canonical)
            let links = page.all("//section[@class='share']//a")
            #expect(
                links.map { $0["data-network"] ?? "" } == [
                    "facebook", "x", "whatsapp", "telegram", "linkedin", "email", "copy",
                ])
            // Each network's own parameter, decoded, is the canonical URL (WhatsApp: title, space, URL).
            let carriers: [String: (host: String?, parameter: String)] = [
                "facebook": ("www.facebook.com", "u"), "x": ("x.com", "url"), "whatsapp": ("wa.me", "text"),
                "telegram": ("t.me", "url"), "linkedin": ("www.linkedin.com", "url"), "email": (nil, "body"),
            ]
            for link in links.dropLast() {
                let network = try #require(link["data-network"])
                let href = try #require(link["href"])
                let components = try #require(URLComponents(string: href), "\(network): \(href)")
                let carrier = try #require(carriers[network])
                #expect(components.host == carrier.host, "\(network)")
                let value = components.queryItems?.first { $0.name == carrier.parameter }?.value
                let expected = network == "whatsapp" ? article.title + " " + canonical : canonical
                #expect(value == expected, "\(network) does not carry the canonical URL")
                #expect(!href.contains(canonical), "the URL must be encoded in \(href)")
            }
            #expect(links.last?["href"] == canonical)
            // Plain links: no third-party script anywhere on the page.
            for script in page.all("//script[not(@type='application/ld+json')]") {
                #expect(script["src"]?.hasPrefix("/assets/") == true)
            }
        }
    }

    @Test func relatedArticlesFollowTagsThenSectionAndNeverTheArticleOrDrafts() async throws {
        let harness = try WebHarness()
        let article = try await Self.newsroom(harness)
        try await harness.withClient { client async throws in
            let (_, page) = try await client.page("/news/" + encoded(article.slug))
            let titles = page.all("//section[@class='related']//h3/a").map(\.text)
            #expect(titles == ["خبر يشترك في وسمين", "خبر في القسم نفسه", "خبر حديث آخر"])
            #expect(page.first("//section[@class='related']/h2")?.text == "مقالات ذات صلة")
        }
    }

    @Test func onlyApprovedCommentsShowAndNoEmailEver() async throws {
        let harness = try WebHarness()
        let article = try await Self.newsroom(harness)
        try await harness.withClient { client async throws in
            let (response, page) = try await client.page("/news/" + encoded(article.slug))
            let comments = page.all("//ol[@class='comment-list']/li")
            #expect(comments.count == 1)
            #expect(page.first("//ol[@class='comment-list']//bdi")?.text == "قارئ موافق")
            #expect(page.count("//ol[@class='comment-list']//div[@class='comment-body']/p") == 2)
            #expect(page.first("//*[@class='comment-count']")?.text == "(تعليق واحد)")
            let body = String(buffer: response.body)
            for email in ["approved@readers.example", "pending@readers.example", "spam@readers.example"] {
                #expect(!body.contains(email))
            }
            #expect(!body.contains("قارئ معلق"))
        }
    }

    @Test func theCommentFormHasTheFieldsTheNoteAndRequiredMarks() async throws {
        let harness = try WebHarness()
        let article = try await Self.newsroom(harness)
        try await harness.withClient { client async throws in
            let (_, page) = try await client.page("/news/" + encoded(article.slug))
            let form = try #require(page.first("//form[contains(@class,'comment-form')]"))
            #expect(form["method"] == "post")
            #expect(form["action"] == "/news/" + encoded(article.slug) + "/comments")
            let visible =
                "//form[contains(@class,'comment-form')]//*[self::input or self::textarea]"
                + "[not(@type='hidden') and not(@type='checkbox') and not(ancestor::*[@aria-hidden='true'])]"
            let fields = page.all(visible)
            #expect(fields.map { $0["name"] ?? "" } == ["comment", "author", "email", "url"])
            #expect(page.first("//form//input[@type='hidden' and @name='_token']")?["value"]?.isEmpty == false)
            #expect(page.first("//form//input[@type='checkbox']")?["name"] == "remember")
            #expect(page.first("//form[contains(@class,'comment-form')]")?.attributes["novalidate"] != nil)
            for field in fields {
                let required = field.attributes["required"] != nil
                #expect(required == (field["name"] != "url"), "\(field["name"] ?? "") required: \(required)")
                let id = try #require(field["id"])
                #expect(page.count("//label[@for='\(id)']") == 1, "\(id) has no label")
            }
            #expect(page.first("//input[@name='email']")?["type"] == "email")
            #expect(
                page.first("//*[@class='comment-notes']")?.text.contains("لن يتم نشر عنوان بريدك الإلكتروني") == true)
            #expect(page.first("//h2[@id='reply-title']")?.text == "اترك تعليقاً")
        }
    }
}
