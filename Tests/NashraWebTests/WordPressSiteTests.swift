import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NashraCore
import NashraTestSupport
import NashraWeb
import Testing

/// A WordPress site moved in, tried as its readers would: every post reachable, old links answering
/// 301, threads on the page, nothing private shown.
@Suite("WordPress site moved in")
struct WordPressSiteTests {
    static let themeUnitTest = "wordpress-theme-test-data/themeunittestdata.wordpress.xml"

    /// The posts of an export a reader may see: published, no password, dated in the past.
    static func publicPosts(_ path: String, now: Date) throws -> [WXRItem] {
        let reader = try WXRReader(path: path)
        var posts: [WXRItem] = []
        while let entry = try reader.next() {
            guard case .item(let item) = entry, item.type == "post", item.status == "publish", item.password.isEmpty
            else { continue }
            posts.append(item)
        }
        return posts
    }

    @Test("the Theme Unit Test export: every published post reachable, sections with parents, threads, old links")
    func themeUnitTest() async throws {
        let harness = try WebHarness()
        let path = try SharedData.file(Self.themeUnitTest).path
        let report = try await WordPressImport(path: path).run(into: harness.store, now: harness.clock.now)
        let expected = try Self.publicPosts(path, now: harness.clock.now)
        #expect(report.counts["articles"]?.imported == 58)
        let visible = try await harness.store.articles(ArticleQuery(limit: 100), now: harness.clock.now).items
        #expect(visible.count == expected.count)
        let sections = try await harness.store.sections()
        #expect(sections.count == 68)
        #expect(sections.filter { $0.parentID != nil }.count == 10)
        try await harness.withClient { client in
            for article in visible {
                let response = try await client.get("/news/" + encoded(article.slug))
                #expect(response.status == .ok, "\(article.slug)")
            }
            // Old links: ?p=ID and the dated permalink of one post, and the category of a child.
            let post = try #require(expected.first { $0.slug == "layout-test" } ?? expected.first)
            let article = try #require(visible.first { $0.title == post.title })
            let day = post.date.prefix(10).split(separator: "-")
            for old in ["/?p=\(post.postID)", "/\(day[0])/\(day[1])/\(day[2])/\(post.slug)/"] {
                let response = try await client.get(old)
                #expect(response.status == .movedPermanently, "\(old)")
                #expect(response.headers[.location] == "/news/" + encoded(article.slug), "\(old)")
            }
            // WordPress's sticky post leads the home page although newer posts exist.
            let sticky = try #require(visible.first { $0.slug == "template-sticky" })
            #expect(visible.first?.id != sticky.id, "the sticky post is not the newest")
            let (_, home) = try await client.page("/")
            #expect(
                home.first("//section[@class='lead-story']//a[starts-with(@href, '/news/')]")?["href"]
                    == "/news/" + encoded(sticky.slug))
            let child = try #require(sections.first { $0.parentID != nil })
            let parent = try #require(sections.first { $0.id == child.parentID })
            let moved = try await client.get("/category/\(parent.slug)/\(child.slug)/")
            #expect(moved.headers[.location] == "/section/" + encoded(child.slug))
            // A thread: the post with the most comments shows replies inside their parents.
            var threaded: Article?
            for summary in visible {
                let comments = try await harness.store.approvedComments(articleID: summary.id)
                if comments.contains(where: { $0.parentID != nil }) {
                    threaded = try await harness.store.article(id: summary.id)
                    break
                }
            }
            let thread = try #require(threaded)
            let (_, page) = try await client.page("/news/" + encoded(thread.slug))
            #expect(page.count("//ol[@class='comment-list']/li//ol[@class='children']/li") > 0)
        }
    }

    @Test("our Arabic export: threads shown, pending and spam not public, no email on any page")
    func arabicExport() async throws {
        let harness = try WebHarness()
        let folder = URL(fileURLWithPath: harness.directory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = try WordPressFixtures.write(WordPressFixtures.arabicExport, in: folder)
        _ = try await WordPressImport(path: path).run(into: harness.store, now: harness.clock.now)
        typealias Arabic = WordPressFixtures.Arabic
        try await harness.withClient { client in
            let slug = Arabic.publishedSlugs[0]
            let (response, page) = try await client.page("/news/" + encoded(slug))
            #expect(response.status == .ok)
            let bodies = page.all("//li[contains(@class,'comment')]//div[@class='comment-body']").map(\.text)
            #expect(bodies == Arabic.approvedComments)
            #expect(page.count("//ol[@class='comment-list']/li/ol[@class='children']/li") == 1, "the reply is nested")
            #expect(!page.html.contains(Arabic.pendingComment))
            #expect(!page.html.contains(Arabic.spamComment))
            #expect(!page.html.contains(Arabic.trashedComment))
            #expect(page.first("//figure/figcaption")?.text == "قاعة المطالعة في يومها الأول")
            let dated = "/2026/03/14/" + encoded(slug).lowercased() + "/"
            let moved = try await client.get(dated)
            #expect(moved.status == .movedPermanently)
            #expect(moved.headers[.location] == "/news/" + encoded(slug))
            // The page: at /SLUG, in every page's footer, and its old ?page_id= address leads to it.
            let (aboutResponse, about) = try await client.page("/about")
            #expect(aboutResponse.status == .ok)
            #expect(about.first("//main//h1")?.text == "من نحن")
            #expect(about.first("//div[@class='article-body']/p")?.text == "صحيفة الحي منذ ٢٠١٠.")
            let (_, home) = try await client.page("/")
            #expect(home.first("//footer//ul[@class='footer-pages']/li/a")?["href"] == "/about")
            #expect(try await client.get("/?page_id=107").headers[.location] == "/about")
            #expect(try await client.get("/ABOUT").status == .notFound, "slugs are not matched without case")
            #expect(
                try await client.get("/search?q=" + encoded("المكتبة")).status == .ok, "a page never shadows a route")
            var pages = ["/", "/feed", "/feed/atom", "/sitemap.xml", "/search?q=" + encoded("المكتبة")]
            for section in try await harness.store.sections() { pages.append("/section/" + encoded(section.slug)) }
            pages += Arabic.publishedSlugs.map { "/news/" + encoded($0) }
            for path in pages {
                let body = String(buffer: try await client.get(path).body)
                #expect(!body.contains(Arabic.privateEmail), "\(path)")
                #expect(!body.contains("@mail.example"), "\(path)")
                #expect(!body.contains(Arabic.draftTitle) && !body.contains(Arabic.privateTitle), "\(path)")
            }
        }
    }

    @Test("pictures from a copy of wp-content/uploads: checked, stored as ours, in bodies and covers; a bomb refused")
    func uploadsFolder() async throws {
        let harness = try WebHarness()
        let folder = URL(fileURLWithPath: harness.directory)
        let uploads = folder.appendingPathComponent("uploads")
        try FileManager.default.createDirectory(
            at: uploads.appendingPathComponent("2026/03"), withIntermediateDirectories: true)
        try Data(MediaUploadTests.png).write(to: uploads.appendingPathComponent(WordPressFixtures.arabicUploads[0]))
        try Data(MediaUploadTests.pngHeader(width: 30000, height: 30000)).write(
            to: uploads.appendingPathComponent(WordPressFixtures.arabicUploads[1]))
        let path = try WordPressFixtures.write(WordPressFixtures.arabicExport, in: folder)
        var importer = WordPressImport(path: path)
        importer.uploads = uploads.path
        importer.mediaFiles = MediaFiles(directory: harness.directory + "/media", shared: nil)
        let report = try await importer.run(into: harness.store, now: harness.clock.now)
        #expect(report.counts["attachments"]?.imported == 1)
        #expect(report.counts["attachments"]?.skipped == 1)
        #expect(report.skipped.contains { $0.kind == "attachment" && $0.reason.contains("huge.png") })
        let media = try await harness.store.media(limit: 10, offset: 0).items
        #expect(media.count == 1)
        // Its alt text, caption (as text) and credit reach the library.
        #expect(
            media.first?.details
                == MediaDetails(alt: "قاعة المطالعة", caption: "القاعة بعد الترميم", credit: "تصوير: هالة منصور"))
        let ours = try #require(media.first).path
        let slug = WordPressFixtures.Arabic.publishedSlugs[0]
        guard case .found(let article) = try await harness.store.publishedArticle(slug: slug, now: harness.clock.now)
        else {
            Issue.record("the library post is not published")
            return
        }
        #expect(article.cover == CoverImage(url: ours, alt: "قاعة المطالعة"))
        try await harness.withClient { client in
            let (_, page) = try await client.page("/news/" + encoded(slug))
            #expect(
                page.first("//div[contains(@class,'article-body')]//figure/img")?["src"] == ours,
                "the -800x600 size too")
            let image = try await client.get(ours)
            #expect(image.status == .ok)
            #expect(image.headers[.contentType] == "image/png")
        }
        let again = try await importer.run(into: harness.store, now: harness.clock.now)
        #expect(again.counts["attachments"]?.updated == 1)
        #expect(try await harness.store.media(limit: 10, offset: 0).total == 1, "a re-run reuses the picture")
    }

    @Test(
        "--accounts: one newsroom account per author with an email, on its byline, unable to sign in until a password is set"
    )
    func accounts() async throws {
        let harness = try WebHarness()
        let folder = URL(fileURLWithPath: harness.directory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = try WordPressFixtures.write(WordPressFixtures.arabicExport, in: folder)
        let importer = WordPressImport(path: path)
        var report = try await importer.run(into: harness.store, now: harness.clock.now)
        try await WordPressAccounts.create(
            for: try importer.scan(), in: harness.store, now: harness.clock.now, report: &report)
        #expect(report.counts["accounts"]?.imported == 2)
        let samira = try #require(try await harness.store.user(email: "samira@akhbar.example"))
        #expect(samira.role == .author)
        #expect(samira.authorID == (try await harness.store.author(slug: "samira"))?.id)
        #expect(!WebHarness.passwords.verify("", hash: samira.passwordHash))
        #expect(!WebHarness.passwords.verify(WordPressAccounts.noPassword, hash: samira.passwordHash))
        try await harness.withClient { client in
            let session = NewsroomSession(client)
            let answer = try await session.signIn("samira@akhbar.example", password: WordPressAccounts.noPassword)
            #expect(answer.status != .seeOther, "no password signs this account in")
        }
        var again = WordPressImportReport()
        try await WordPressAccounts.create(
            for: try importer.scan(), in: harness.store, now: harness.clock.now, report: &again)
        #expect(again.counts["accounts"]?.updated == 2)
        #expect(try await harness.store.users().count == 2)
    }

    @Test("every fixture of WordPress's importer either imports with its counts or is refused with its line")
    func everyImporterFixture() async throws {
        let folder = try SharedData.file("wordpress-importer-wxr-fixtures")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xml") }
        #expect(files.count == 33)
        let refused: Set<String> = [
            "malformed.xml", "malformed-simple.xml", "crazy-cdata.xml", "invalid-version-tag.xml",
            "missing-version-tag.xml",
        ]
        for file in files.sorted() {
            let harness = try WebHarness()
            let path = folder.appendingPathComponent(file).path
            if refused.contains(file) {
                let error = await #expect(throws: WXRError.self, "\(file)") {
                    try await WordPressImport(path: path).run(into: harness.store, now: harness.clock.now)
                }
                #expect((error?.line ?? 0) > 0, "\(file)")
                #expect(try await harness.store.isEmpty(), "\(file): nothing written before the refusal")
                continue
            }
            let site = try WordPressImport(path: path).scan()
            let report = try await WordPressImport(path: path).run(into: harness.store, now: harness.clock.now)
            let handled = (report.counts["articles"].map { $0.imported + $0.skipped } ?? 0)
            let posts = try Self.countPosts(path)
            #expect(handled == posts, "\(file): every post imported or skipped with a reason")
            #expect(report.counts["sections"]?.imported ?? 0 <= site.categories.count, "\(file)")
            // A second run changes nothing.
            let again = try await WordPressImport(path: path).run(into: harness.store, now: harness.clock.now)
            #expect(again.counts["articles"]?.imported ?? 0 == 0, "\(file)")
        }
    }

    static func countPosts(_ path: String) throws -> Int {
        let reader = try WXRReader(path: path)
        var count = 0
        while let entry = try reader.next() {
            if case .item(let item) = entry, item.type == "post" { count += 1 }
        }
        return count
    }
}
