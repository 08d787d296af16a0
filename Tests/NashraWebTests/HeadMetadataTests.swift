import Foundation
import NashraCore
import NashraTestSupport
import Testing

/// Canonical, Open Graph, Twitter, JSON-LD and feed links in every page's head.
@Suite("Head metadata")
struct HeadMetadataTests {
    static func jsonLD(_ page: HTMLDocument) throws -> [[String: Any]] {
        try page.all("//script[@type='application/ld+json']").map { script in
            let data = try #require(script.text.data(using: .utf8))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
    }

    @Test func articlesDescribeThemselvesToCrawlersAndSharePreviews() async throws {
        let harness = try WebHarness()
        let given = harness.given
        let world = try await given.section("دولي")
        let article = try await given.article(
            "اتفاق المناخ", section: world, author: try await given.author("سلمى الحداد"), tags: ["المناخ", "الطاقة"],
            hoursAgo: 2, summary: "ملخص قصير")
        try await harness.withClient { client async throws in
            let (_, page) = try await client.page("/news/" + encoded(article.slug))
            let canonical = "https://news.example.com/news/" + encoded(article.slug)
            func meta(_ property: String) -> String? {
                page.first("//meta[@property='\(property)' or @name='\(property)']")?["content"]
            }
            #expect(meta("description") == "ملخص قصير")
            #expect(meta("og:type") == "article")
            #expect(meta("og:locale") == "ar_AR")
            #expect(meta("og:url") == canonical)
            #expect(meta("og:title") == "اتفاق المناخ")
            #expect(meta("article:published_time") == "2026-03-15T07:00:00Z")
            #expect(meta("article:section") == "دولي")
            #expect(page.all("//meta[@property='article:tag']").compactMap { $0["content"] } == ["المناخ", "الطاقة"])
            #expect(meta("twitter:card") == "summary")

            let data = try Self.jsonLD(page)
            let news = try #require(data.first { $0["@type"] as? String == "NewsArticle" })
            #expect(news["headline"] as? String == "اتفاق المناخ")
            #expect(news["datePublished"] as? String == "2026-03-15T07:00:00Z")
            #expect(news["dateModified"] as? String == "2026-03-15T09:00:00Z")
            #expect(news["inLanguage"] as? String == "ar")
            #expect(news["articleSection"] as? String == "دولي")
            #expect(((news["author"] as? [[String: Any]])?.first?["name"]) as? String == "سلمى الحداد")
            let publisher = try #require(news["publisher"] as? [String: Any])
            #expect(publisher["name"] as? String == "نشرة")
            #expect(
                ((publisher["logo"] as? [String: Any])?["url"] as? String)?.hasPrefix(
                    "https://news.example.com/assets/logo.png") == true)
            #expect((news["mainEntityOfPage"] as? [String: Any])?["@id"] as? String == canonical)
            #expect((news["image"] as? [String])?.isEmpty == false)
            let crumbs = try #require(data.first { $0["@type"] as? String == "BreadcrumbList" })
            let items = try #require(crumbs["itemListElement"] as? [[String: Any]])
            #expect(items.compactMap { $0["name"] as? String } == ["الرئيسية", "دولي"])
            #expect(items.compactMap { $0["position"] as? Int } == [1, 2])

            let feeds = page.all("//head/link[@rel='alternate']")
            #expect(
                feeds.compactMap { $0["type"] } == [
                    "application/rss+xml", "application/atom+xml", "application/rss+xml",
                ])
            #expect(feeds.last?["href"] == "https://news.example.com/section/" + encoded("دولي") + "/feed")
        }
    }

    @Test func theHomePageDeclaresTheSiteSearch() async throws {
        let harness = try WebHarness()
        try await harness.withClient { client async throws in
            let (_, page) = try await client.page("/")
            let site = try #require(try Self.jsonLD(page).first { $0["@type"] as? String == "WebSite" })
            let action = try #require(site["potentialAction"] as? [String: Any])
            #expect(action["@type"] as? String == "SearchAction")
            #expect(
                (action["target"] as? [String: Any])?["urlTemplate"] as? String
                    == "https://news.example.com/search?q={search_term_string}")
            #expect(page.first("//meta[@property='og:type']")?["content"] == "website")
            #expect(page.count("//head/link[@rel='alternate']") == 2)
        }
    }

    @Test("an SEO title and description from the editor lead the head; one too long comes back beside its field")
    func seoFieldsFromTheEditor() async throws {
        let harness = try WebHarness()
        try await harness.user("e@example.org", role: .editor)
        let section = try await harness.given.section("اقتصاد")
        try await harness.withClient { client async throws in
            let editor = NewsroomSession(client)
            try await editor.signIn("e@example.org")
            let (_, blank) = try await editor.browser.page("/admin/articles/new")
            let box = try #require(blank.first("//details[contains(@class,'seo-fields')]"))
            #expect(box["open"] == nil, "closed while empty")
            #expect(blank.first("//input[@id='seo_title']")?["maxlength"] == String(SEOFields.maxTitle))

            let tooLong = String(repeating: "ع", count: SEOFields.maxTitle + 1)
            let refused = try await editor.post(
                "/admin/articles",
                NewsroomSession.article(
                    title: "الموازنة الجديدة", section: section.id,
                    extra: [("seo_title", tooLong), ("seo_description", "وصف كتبه المحرر")]))
            #expect(refused.status == .unprocessableContent)
            let form = HTMLDocument(String(buffer: refused.body))
            let field = try #require(form.first("//input[@id='seo_title']"))
            #expect(field["aria-invalid"] == "true")
            #expect(field["value"] == tooLong, "what was typed is kept")
            let error = try #require(field["aria-describedby"]?.split(separator: " ").last.map(String.init))
            #expect(form.first("//p[@id='\(error)'][@class='field-error']") != nil, "the message is beside the field")
            #expect(form.first("//textarea[@id='seo_description']")?.text == "وصف كتبه المحرر")
            #expect(form.first("//details[contains(@class,'seo-fields')]")?["open"] != nil)
            #expect(form.first("//input[@id='title']")?["value"] == "الموازنة الجديدة")
            #expect(try await harness.store.adminArticles(AdminArticleQuery()).items.isEmpty, "nothing saved")

            let saved = try await editor.post(
                "/admin/articles",
                NewsroomSession.article(
                    title: "الموازنة الجديدة", section: section.id,
                    extra: [("seo_title", "  موازنة 2027: الأرقام كاملة "), ("seo_description", "وصف كتبه المحرر")]))
            #expect(saved.status == .seeOther)
            let article = try #require(try await harness.store.adminArticles(AdminArticleQuery()).items.first)
            let stored = try #require(try await harness.store.article(id: article.id))
            #expect(stored.seo == SEOFields(title: "موازنة 2027: الأرقام كاملة", description: "وصف كتبه المحرر"))

            let (_, page) = try await ReaderSession(client).page("/news/" + encoded(stored.slug))
            #expect(page.first("//head/title")?.text == "موازنة 2027: الأرقام كاملة | نشرة")
            #expect(page.first("//meta[@name='description']")?["content"] == "وصف كتبه المحرر")
            #expect(page.first("//meta[@property='og:title']")?["content"] == "موازنة 2027: الأرقام كاملة")
            #expect(page.first("//meta[@property='og:description']")?["content"] == "وصف كتبه المحرر")
            #expect(page.first("//h1")?.text == "الموازنة الجديدة", "the page itself keeps its headline")

            let (_, edit) = try await editor.browser.page("/admin/articles/\(stored.id)/edit")
            #expect(edit.first("//input[@id='seo_title']")?["value"] == "موازنة 2027: الأرقام كاملة")
            #expect(edit.first("//details[contains(@class,'seo-fields')]")?["open"] != nil)
        }
    }
}
