import Foundation
import Hummingbird
import HummingbirdTesting
import NashraCore
import NashraTestSupport
import Testing

/// Home, section, tag and author pages, 404s and redirects.
@Suite("Site pages")
struct SitePagesTests {
    @Test func homeHasBreakingStripLeadLatestAndABlockPerSection() async throws {
        let harness = try WebHarness()
        let given = harness.given
        let world = try await given.section("دولي", position: 1)
        let sport = try await given.section("رياضة", position: 2)
        try await given.section("ثقافة", position: 3)  // empty: no block
        let author = try await given.author("كاتب")
        try await given.article("عاجل حديث", section: world, author: author, hoursAgo: 3, breaking: true)
        try await given.article("عاجل قديم", section: world, author: author, hoursAgo: 30, breaking: true)
        try await given.article("مباراة الليلة", section: sport, author: author, hoursAgo: 1)
        try await harness.withClient { client async throws in
            let (response, page) = try await client.page("/")
            #expect(response.status == .ok)
            #expect(page.all("//section[@class='breaking-strip']//li/a").map(\.text) == ["عاجل حديث"])
            #expect(page.first("//section[@class='lead-story']//h3/a")?.text == "مباراة الليلة")
            #expect(page.all("//section[@class='latest']//h3/a").map(\.text) == ["عاجل حديث", "عاجل قديم"])
            #expect(page.all("//section[@class='section-block']/h2/a").map(\.text) == ["دولي", "رياضة"])
            #expect(page.all("//nav[@class='site-nav']//a").map(\.text) == ["الرئيسية", "دولي", "رياضة", "ثقافة"])
            #expect(page.count("//h1") == 1)
        }
    }

    @Test func sectionPagesPaginateWithRelPrevAndNext() async throws {
        let harness = try WebHarness()
        let given = harness.given
        let world = try await given.section("دولي")
        let author = try await given.author("كاتب")
        for hour in 1...14 {
            try await given.article("خبر رقم \(hour)", section: world, author: author, hoursAgo: Double(hour))
        }
        try await harness.withClient { client async throws in
            let path = "/section/" + encoded("دولي")
            let (first, page1) = try await client.page(path)
            #expect(first.status == .ok)
            #expect(page1.first("//h1")?.text == "دولي")
            #expect(page1.count("//div[@class='card-grid']/article") == 12)
            #expect(page1.first("//head/link[@rel='next']")?["href"] == WebHarness.baseURL + path + "?page=2")
            #expect(page1.first("//head/link[@rel='prev']") == nil)
            #expect(page1.first("//nav[@class='pagination']//a[@rel='next']")?["href"] == path + "?page=2")
            #expect(page1.first("//nav[@class='site-nav']//a[@aria-current='page']")?.text == "دولي")

            let (_, page2) = try await client.page(path + "?page=2")
            #expect(page2.all("//div[@class='card-grid']//h3/a").map(\.text) == ["خبر رقم 13", "خبر رقم 14"])
            #expect(page2.first("//head/link[@rel='prev']")?["href"] == WebHarness.baseURL + path)
            #expect(page2.first("//link[@rel='canonical']")?["href"] == WebHarness.baseURL + path + "?page=2")

            for bad in ["?page=3", "?page=0", "?page=abc", "?page=-1"] {
                #expect(try await client.get(path + bad).status == .notFound, "\(bad)")
            }
        }
    }

    @Test func tagAndAuthorPagesListTheirArticles() async throws {
        let harness = try WebHarness()
        let given = harness.given
        let world = try await given.section("دولي")
        let salma = try await given.author("سلمى الحداد", bio: "محررة الشؤون الدولية")
        let karim = try await given.author("كريم الزين")
        try await given.article("خبر المناخ", section: world, author: salma, tags: ["المناخ"])
        try await given.article("خبر آخر", section: world, author: karim, tags: ["الطاقة"])
        try await harness.withClient { client async throws in
            let (tagResponse, tagPage) = try await client.page("/tag/" + encoded("المناخ"))
            #expect(tagResponse.status == .ok)
            #expect(tagPage.first("//h1")?.text == "المناخ")
            #expect(tagPage.all("//div[@class='card-grid']//h3/a").map(\.text) == ["خبر المناخ"])
            let (_, authorPage) = try await client.page("/author/" + encoded(salma.slug))
            #expect(authorPage.first("//h1")?.text == "سلمى الحداد")
            #expect(authorPage.first("//p[@class='list-intro']")?.text == "محررة الشؤون الدولية")
            #expect(authorPage.all("//div[@class='card-grid']//h3/a").map(\.text) == ["خبر المناخ"])
            #expect(try await client.get("/tag/" + encoded("لا-يوجد")).status == .notFound)
            #expect(try await client.get("/author/nobody").status == .notFound)
        }
    }

    @Test func anEditedSlugAnswers301ToTheNewURL() async throws {
        let harness = try WebHarness()
        let given = harness.given
        let world = try await given.section("دولي")
        let author = try await given.author("كاتب")
        let original = try await given.article("عنوان أول", section: world, author: author)
        let renamed = try await given.retitle(original, to: "عنوان معدل")
        try await harness.withClient { client async throws in
            let response = try await client.get("/news/" + encoded(original.slug))
            #expect(response.status == .movedPermanently)
            #expect(response.headers[.location] == "/news/" + encoded(renamed.slug))
            #expect(try await client.get("/news/" + encoded(renamed.slug)).status == .ok)
        }
    }

    @Test(arguments: ["/news/" + encoded("لا-يوجد"), "/no/such/page", "/section/" + encoded("مجهول")])
    func missingPagesGetTheArabic404(_ path: String) async throws {
        let harness = try WebHarness()
        try await harness.given.section("دولي")
        try await harness.withClient { client async throws in
            let (response, page) = try await client.page(path)
            #expect(response.status == .notFound)
            #expect(page.first("/html")?["lang"] == "ar")
            #expect(page.first("//h1")?.text == "الصفحة غير موجودة")
            let links = page.all("//ul[@class='error-links']//a").compactMap { $0["href"] }
            #expect(links == ["/", "/search"])
            #expect(page.first("//meta[@name='robots']")?["content"] == "noindex, follow")
            #expect(response.headers[.cacheControl] == "no-store")
        }
    }

    @Test func unpublishedArticlesAre404() async throws {
        let harness = try WebHarness()
        let given = harness.given
        let world = try await given.section("دولي")
        let author = try await given.author("كاتب")
        let draft = try await given.article("مسودة", section: world, author: author, status: .draft)
        let scheduled = try await given.article(
            "مجدول", section: world, author: author, hoursAgo: -3, status: .scheduled)
        try await harness.withClient { client async throws in
            #expect(try await client.get("/news/" + encoded(draft.slug)).status == .notFound)
            #expect(try await client.get("/news/" + encoded(scheduled.slug)).status == .notFound)
        }
    }

    @Test func hostileContentIsEscapedWherePlainTextIsExpected() async throws {
        let harness = try WebHarness()
        let given = harness.given
        let world = try await given.section("دولي")
        let author = try await given.author("<img src=x onerror=alert(1)>")
        let article = try await given.article(
            "عنوان <script>alert('x')</script>", section: world, author: author, tags: ["<b>وسم</b>"],
            summary: "\"><svg onload=alert(1)>")
        _ = try await harness.store.addComment(
            NewComment(
                articleID: article.id, authorName: "<script>alert(2)</script>\u{202E}قارئ",
                authorEmail: "x@example.com",
                body: "<iframe src=javascript:alert(3)>", status: .approved, createdAt: harness.clock.now))
        try await harness.withClient { client async throws in
            let (_, page) = try await client.page("/news/" + encoded(article.slug))
            #expect(page.first("//h1")?.text == "عنوان <script>alert('x')</script>")
            #expect(page.count("//script[not(@type='application/ld+json')]") == 1)  // only the site's own script
            // The title reaches JSON-LD intact but cannot close its script element.
            let data = try #require(page.all("//script[@type='application/ld+json']").first?.text.data(using: .utf8))
            let news = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(news["headline"] as? String == "عنوان <script>alert('x')</script>")
            #expect(!page.html.contains("alert('x')</script>\""))
            #expect(page.count("//img") == 0)
            #expect(page.count("//svg") == 0)
            #expect(page.count("//iframe") == 0)
            #expect(page.count("//*[@onerror or @onload]") == 0)
            #expect(page.first("//bdi")?.text == "<script>alert(2)</script>قارئ")
            #expect(page.first("//div[@class='comment-body']/p")?.text == "<iframe src=javascript:alert(3)>")
        }
    }

    @Test("a quote or bracket followed by a combining mark is escaped too: it cannot end an attribute")
    func combiningMarksDoNotHideQuotes() async throws {
        // `"` + U+0338 is one Character; escaping character by character let the quote through.
        let hostile = "خبر\"\u{0338} onmouseover=alert(1) data-x=\"\u{0338}<\u{0338}b>"
        let harness = try WebHarness()
        let given = harness.given
        let world = try await given.section("دولي")
        let author = try await given.author("كاتب")
        let article = try await given.article(hostile, section: world, author: author, summary: hostile)
        try await harness.withClient { client async throws in
            for path in ["/news/" + encoded(article.slug), "/"] {
                let (_, page) = try await client.page(path)
                #expect(page.count("//*[@onmouseover]") == 0, "\(path)")
                // JSON-LD writes the quote as \" inside its string; everywhere else it must be &quot;.
                // Compared by scalar: as characters, `"` + U+0338 is neither `"` nor `\"`.
                let scalars = Array(page.html.unicodeScalars)
                let bare = scalars.indices.dropFirst().dropLast().filter {
                    (scalars[$0] == "\"" && scalars[$0 - 1] != "\\" || scalars[$0] == "<")
                        && scalars[$0 + 1] == "\u{0338}"
                }
                #expect(bare.isEmpty, "\(path)")
            }
            let (_, page) = try await client.page("/news/" + encoded(article.slug))
            #expect(page.first("//meta[@name='description']")?["content"] == hostile)
            #expect(page.first("//h1")?.text == hostile)
        }
    }
}
