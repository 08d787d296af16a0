import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NashraCore
import NashraTestSupport
import Testing

/// RSS, Atom, sitemaps, robots.txt and head metadata, checked by parsing the XML and HTML.
@Suite("Feeds and sitemaps")
struct FeedAndSitemapTests {
    struct Newsroom {
        let harness: WebHarness
        let recent: Article
        let older: Article
    }

    static func newsroom(_ configure: (inout SiteSettings) throws -> Void = { _ in }) async throws -> Newsroom {
        let harness = try WebHarness()
        let given = harness.given
        let world = try await given.section("دولي", position: 1)
        let economy = try await given.section("اقتصاد", position: 2)
        let author = try await given.author("سلمى الحداد")
        let older = try await given.article(
            "اتفاق المناخ في جنيف", section: world, author: author, tags: ["المناخ"], hoursAgo: 72,
            body: "<p>نص <a href=\"/news/x\">داخلي</a> & «اقتباس»</p>", summary: "ملخص الاتفاق")
        let recent = try await given.article(
            "التضخم يتباطأ <للمرة> الثالثة", section: economy, author: author, tags: ["التضخم", "المناخ"], hoursAgo: 2,
            summary: "ملخص التضخم")
        try await given.article("مسودة", section: world, author: author, tags: ["المناخ"], status: .draft)
        var settings = SiteSettings()
        try configure(&settings)
        try await harness.store.saveSettings(settings)
        return Newsroom(harness: harness, recent: recent, older: older)
    }

    static func xml(_ client: any TestClientProtocol, _ path: String) async throws -> (TestResponse, XMLTestDocument) {
        let response = try await client.get(path)
        #expect(response.status == .ok, "\(path)")
        let document = try #require(XMLTestDocument(String(buffer: response.body)), "\(path) is not well-formed XML")
        return (response, document)
    }

    @Test func rssCarriesEveryRequiredElementWithArabicIntact() async throws {
        let newsroom = try await Self.newsroom()
        try await newsroom.harness.withClient { client async throws in
            let (response, rss) = try await Self.xml(client, "/feed")
            #expect(response.headers[.contentType] == "application/rss+xml; charset=utf-8")
            #expect(response.headers[.lastModified] != nil)
            #expect(rss.first("/rss")?["version"] == "2.0")
            #expect(rss.first("/rss/channel/title")?.text == "نشرة")
            #expect(rss.first("/rss/channel/link")?.text == "https://news.example.com/")
            #expect(rss.first("/rss/channel/language")?.text == "ar")
            #expect(rss.first("/rss/channel/atom:link[@rel='self']")?["href"] == "https://news.example.com/feed")
            // RSS readers render titles as HTML: the text arrives escaped once more and reads as written.
            #expect(
                rss.texts("/rss/channel/item/title").map { HTMLDocument($0).first("//body")?.text }
                    == ["التضخم يتباطأ <للمرة> الثالثة", "اتفاق المناخ في جنيف"])
            #expect(rss.count("/rss/channel/item") == 2)
            for item in ["/rss/channel/item[1]", "/rss/channel/item[2]"] {
                for element in ["title", "link", "guid", "pubDate", "description", "dc:creator"] {
                    #expect(rss.count("\(item)/\(element)") == 1, "\(item) lacks \(element)")
                }
            }
            let link = try #require(rss.first("/rss/channel/item[1]/link")?.text)
            #expect(link == "https://news.example.com/news/" + encoded(newsroom.recent.slug))
            #expect(rss.first("/rss/channel/item[1]/guid")?["isPermaLink"] == "false")
            #expect(rss.first("/rss/channel/item[1]/pubDate")?.text == "Sun, 15 Mar 2026 07:00:00 +0000")
            #expect(rss.texts("/rss/channel/item[1]/category") == ["اقتصاد", "التضخم", "المناخ"])
            // Full text by default, with site links made absolute.
            let content = try #require(rss.first("/rss/channel/item[2]/content:encoded")?.text)
            let body = HTMLDocument(content)
            #expect(body.first("//p/a")?["href"] == "https://news.example.com/news/x")
            #expect(body.first("//p")?.text == "نص داخلي & «اقتباس»")
        }
    }

    @Test func aCoverOfOursReachesFeedReadersAsACopyWithItsSizeNotTheOriginal() async throws {
        let harness = try WebHarness()
        let given = harness.given
        let section = try await given.section("دولي")
        let author = try await given.author("سلمى الحداد")
        let item = try await harness.store.addMedia(
            NewMedia(
                fileName: "coverPhoto.jpg", originalName: "ميناء.jpg", mimeType: "image/jpeg", width: 4000,
                height: 3000, bytes: 9_000_000, uploadedAt: harness.clock.now, userID: nil))
        let copies = [640, 1280, 1920].flatMap { width in
            [ImageFormat.jpeg, .webp].map { format in
                ImageVariant(
                    purpose: .width, format: format, width: width, height: width * 3 / 4,
                    fileName: "coverPhoto-\(width)-aaaaaaaaaaaa.\(format.fileExtension)", bytes: width * 50)
            }
        }
        _ = try await harness.store.recordVariants(copies, state: .ready, mediaID: item.id)
        _ = try await given.article(
            "سفن في الميناء", section: section, author: author, hoursAgo: 1,
            cover: CoverImage(url: item.path, alt: "سفن راسية"))
        _ = try await given.article(
            "صورة من وكالة", section: section, author: author, hoursAgo: 2,
            cover: CoverImage(url: "https://agency.example/photo.jpg", alt: "صورة"))
        try await harness.withClient { client async throws in
            let (_, rss) = try await Self.xml(client, "/feed")
            let ours = try #require(rss.first("/rss/channel/item[1]/media:content"))
            #expect(ours["url"] == WebHarness.baseURL + "/media/coverPhoto-1280-aaaaaaaaaaaa.jpg")
            #expect(ours["width"] == "1280" && ours["height"] == "960" && ours["type"] == "image/jpeg")
            #expect(ours["fileSize"] == "64000")
            #expect(rss.first("/rss/channel/item[1]/media:content/media:description")?.text == "سفن راسية")
            // A picture elsewhere is linked as it is, with nothing claimed about it.
            let elsewhere = try #require(rss.first("/rss/channel/item[2]/media:content"))
            #expect(elsewhere["url"] == "https://agency.example/photo.jpg" && elsewhere["width"] == nil)

            let (_, atom) = try await Self.xml(client, "/feed/atom")
            let enclosure = try #require(atom.first("/atom:feed/atom:entry[1]/atom:link[@rel='enclosure']"))
            #expect(enclosure["href"] == WebHarness.baseURL + "/media/coverPhoto-1280-aaaaaaaaaaaa.jpg")
            #expect(enclosure["type"] == "image/jpeg" && enclosure["length"] == "64000")
        }
    }

    @Test func hostileTextInEveryFeedStaysTextAfterTheReaderParsesItAsHTML() async throws {
        let attack = #"ملخص <img src="/x" onerror=alert(1)><script>alert(2)</script>"#
        let harness = try WebHarness()
        let given = harness.given
        let section = try await harness.store.createSection(
            NewSection(slug: "dawli", name: "دولي", description: attack, position: 1))
        let author = try await given.author("كاتب <b onmouseover=alert(3)>", bio: attack)
        try await given.article(attack, section: section, author: author, tags: ["وسم"], summary: attack)
        var settings = SiteSettings()
        try settings.set("tagline", to: attack)
        try settings.set("feedFullText", to: "false")
        try await harness.store.saveSettings(settings)
        let authorSlug = try #require(try await harness.store.allAuthors().first?.slug)
        try await harness.withClient { client async throws in
            for path in [
                "/feed", "/section/dawli/feed", "/author/" + encoded(authorSlug) + "/feed",
                "/tag/" + encoded("وسم") + "/feed",
            ] {
                let (_, rss) = try await Self.xml(client, path)
                let htmlBearing =
                    rss.texts("//channel/description") + rss.texts("//channel/title")
                    + rss.texts("//item/description") + rss.texts("//item/title")
                #expect(htmlBearing.count >= 4, "\(path)")
                for text in htmlBearing {
                    let parsed = HTMLDocument(text)
                    // Only the wrapper libxml2 adds around a fragment: no element the text did not mean.
                    let elements = Set(parsed.all("//*").map(\.name))
                    #expect(elements.isSubset(of: ["html", "body", "p"]), "\(path): \(text) gives \(elements)")
                    #expect(parsed.all("//*[@onerror or @onmouseover]").isEmpty)
                }
            }
        }
    }

    @Test func atomCarriesEveryRequiredElement() async throws {
        let newsroom = try await Self.newsroom { try $0.set("feedFullText", to: "false") }
        try await newsroom.harness.withClient { client async throws in
            let (response, atom) = try await Self.xml(client, "/section/" + encoded("اقتصاد") + "/feed/atom")
            #expect(response.headers[.contentType] == "application/atom+xml; charset=utf-8")
            #expect(atom.first("/atom:feed/atom:title")?.text == "اقتصاد | نشرة")
            #expect(atom.first("/atom:feed/atom:id")?.text.hasPrefix("tag:news.example.com,2026:feed-section-") == true)
            // Updated is the newest save: the fixtures save at the clock's 09:00, backdating publication.
            #expect(atom.first("/atom:feed/atom:updated")?.text == "2026-03-15T09:00:00Z")
            #expect(atom.first("/atom:feed/atom:entry/atom:published")?.text == "2026-03-15T07:00:00Z")
            #expect(atom.first("/atom:feed/atom:link[@rel='self']")?["href"]?.hasSuffix("/feed/atom") == true)
            #expect(atom.texts("/atom:feed/atom:entry/atom:title") == ["التضخم يتباطأ <للمرة> الثالثة"])
            for element in [
                "atom:id", "atom:title", "atom:updated", "atom:published", "atom:link", "atom:author/atom:name",
                "atom:summary",
            ] {
                #expect(atom.count("/atom:feed/atom:entry/\(element)") == 1, "entry lacks \(element)")
            }
            #expect(atom.count("/atom:feed/atom:entry/atom:content") == 0)  // summary-only setting
        }
    }

    @Test func everyScopeHasFeedsAndUnknownScopesAre404() async throws {
        let newsroom = try await Self.newsroom()
        try await newsroom.harness.withClient { client async throws in
            let tag = "/tag/" + encoded(Slug.make(from: "المناخ"))
            let author = "/author/" + encoded(Slug.make(from: "سلمى الحداد"))
            for path in [tag + "/feed", tag + "/feed/atom", author + "/feed", author + "/feed/atom", "/feed/atom"] {
                let (_, document) = try await Self.xml(client, path)
                #expect(document.count("//item | //atom:entry") == 2, "\(path)")
            }
            #expect(try await client.get("/tag/" + encoded("لا-يوجد") + "/feed").status == .notFound)
        }
    }

    @Test func sitemapsListEveryPublishedArticleExactlyOnce() async throws {
        let newsroom = try await Self.newsroom { try $0.set("sitemapPageSize", to: "1") }
        try await newsroom.harness.withClient { client async throws in
            let (_, index) = try await Self.xml(client, "/sitemap.xml")
            let sitemaps = index.texts("/sm:sitemapindex/sm:sitemap/sm:loc")
            #expect(sitemaps.contains("https://news.example.com/sitemaps/articles-2.xml"))
            #expect(sitemaps.contains("https://news.example.com/sitemaps/news.xml"))
            var articleURLs: [String] = []
            for sitemap in sitemaps where sitemap.contains("/sitemaps/articles-") {
                let (_, page) = try await Self.xml(client, String(sitemap.dropFirst(WebHarness.baseURL.count)))
                articleURLs += page.texts("/sm:urlset/sm:url/sm:loc")
                #expect(page.count("/sm:urlset/sm:url/sm:lastmod") == page.count("/sm:urlset/sm:url"))
            }
            let expected = [newsroom.older, newsroom.recent].map { "https://news.example.com/news/" + encoded($0.slug) }
            #expect(articleURLs.sorted() == expected.sorted())
            #expect(try await client.get("/sitemaps/articles-3.xml").status == .notFound)
            #expect(try await client.get("/sitemaps/nothing-1.xml").status == .notFound)
            let (_, tags) = try await Self.xml(client, "/sitemaps/tags-1.xml")
            #expect(tags.count("/sm:urlset/sm:url") == 1)
        }
    }

    @Test func theNewsSitemapHasTheLast48Hours() async throws {
        let newsroom = try await Self.newsroom()
        try await newsroom.harness.withClient { client async throws in
            let (_, news) = try await Self.xml(client, "/sitemaps/news.xml")
            #expect(news.count("/sm:urlset/sm:url") == 1)
            #expect(news.first("//sm:loc")?.text == "https://news.example.com/news/" + encoded(newsroom.recent.slug))
            #expect(news.first("//news:publication/news:name")?.text == "نشرة")
            #expect(news.first("//news:publication/news:language")?.text == "ar")
            #expect(news.first("//news:publication_date")?.text == "2026-03-15T07:00:00Z")
            #expect(news.first("//news:title")?.text == "التضخم يتباطأ <للمرة> الثالثة")
        }
    }

    @Test func robotsNamesTheSitemapAndKeepsCrawlersOut() async throws {
        let newsroom = try await Self.newsroom()
        try await newsroom.harness.withClient { client async throws in
            let robots = String(buffer: try await client.get("/robots.txt").body)
            let lines = Set(robots.split(separator: "\n").map(String.init))
            #expect(
                lines.isSuperset(of: [
                    "User-agent: *", "Disallow: /admin", "Disallow: /search",
                    "Sitemap: https://news.example.com/sitemap.xml",
                ]))
        }
    }

    @Test func feedsAndSitemapsAreCachedWithValidatorsAndCompressed() async throws {
        let newsroom = try await Self.newsroom()
        try await newsroom.harness.withClient { client async throws in
            for path in ["/feed", "/sitemap.xml", "/sitemaps/articles-1.xml"] {
                let first = try await client.get(path, headers: [.acceptEncoding: "gzip"])
                #expect(first.headers[.contentEncoding] == "gzip", "\(path)")
                let etag = try #require(first.headers[.eTag])
                let again = try await client.get(path, headers: [.acceptEncoding: "gzip", .ifNoneMatch: etag])
                #expect(again.status == .notModified, "\(path)")
            }
            let feed = try await client.get("/feed")
            let lastModified = try #require(feed.headers[.lastModified])
            #expect(lastModified == "Sun, 15 Mar 2026 09:00:00 GMT")
            #expect(try await client.get("/feed", headers: [.ifModifiedSince: lastModified]).status == .notModified)
            #expect(
                try await client.get("/feed", headers: [.ifModifiedSince: "Sun, 15 Mar 2026 08:00:00 GMT"]).status
                    == .ok)
        }
    }

    @Test func aForgedHostChangesNoURLInFeedsOrSitemaps() async throws {
        let newsroom = try await Self.newsroom()
        try await newsroom.harness.withClient { client async throws in
            for path in [
                "/feed", "/feed/atom", "/sitemap.xml", "/sitemaps/articles-1.xml", "/sitemaps/news.xml", "/robots.txt",
            ] {
                let response = try await client.get(path, headers: [HTTPField.Name("Host")!: "evil.example"])
                #expect(!String(buffer: response.body).contains("evil.example"), "\(path)")
            }
        }
    }
}
