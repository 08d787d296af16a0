import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NashraCore
import NashraTestSupport
import Testing

/// The newsroom's WordPress import: an administrator uploads an export and follows its progress.
@Suite("Newsroom WordPress import")
struct ImportPageTests {
    /// Asks for the import page until the job is no longer running (the page says so), then returns it.
    static func finishedPage(_ admin: NewsroomSession) async throws -> HTMLDocument {
        for _ in 0..<2400 {
            let (response, page) = try await admin.browser.page("/admin/import")
            if response.headers[HTTPField.Name("Refresh")!] == nil, page.first("//section[@class='import-job']") != nil
            {
                return page
            }
            try await Task.sleep(for: .milliseconds(25))
        }
        Issue.record("the import did not end")
        return HTMLDocument("")
    }

    @Test("an administrator uploads an export, sees it run and its report; the site has the posts")
    func administratorImports() async throws {
        let harness = try WebHarness()
        try await harness.user("a@example.org", role: .admin)
        try await harness.user("e@example.org", role: .editor)
        let export = Array(WordPressFixtures.arabicExport.utf8)
        try await harness.withClient { client in
            let admin = NewsroomSession(client)
            try await admin.signIn("a@example.org")
            let (_, form) = try await admin.browser.page("/admin/import")
            #expect(form.first("//form[@enctype='multipart/form-data']//input[@type='file'][@name='file']") != nil)

            // A dry run writes nothing.
            let dry = try await admin.upload(
                "akhbar.xml", export, type: "text/xml", to: "/admin/import", fields: [("dry_run", "1")])
            #expect(dry.status == .seeOther)
            let dryReport = try await Self.finishedPage(admin)
            #expect(dryReport.first("//pre[@class='import-report']")?.text.contains("dry run") == true)
            #expect(try await harness.store.isEmpty())

            // The home page is rendered (and its footer kept) before the import…
            let (_, before) = try await client.page("/")
            #expect(before.count("//ul[@class='footer-pages']") == 0)
            let started = try await admin.upload("akhbar.xml", export, type: "text/xml", to: "/admin/import")
            #expect(started.status == .seeOther)
            let report = try await Self.finishedPage(admin)
            let text = try #require(report.first("//pre[@class='import-report']")?.text)
            #expect(text.contains("articles: 6 imported"), "\(text)")
            let visible = try await harness.store.articles(ArticleQuery(limit: 10), now: harness.clock.now)
            #expect(visible.total == 2)
            #expect(try await client.get("/?p=101").status == .movedPermanently)
            // …and after it, every page's footer links the imported page.
            let (_, after) = try await client.page("/")
            #expect(after.first("//ul[@class='footer-pages']/li/a")?["href"] == "/about")
            let audit = try await harness.store.auditLog(limit: 5, offset: 0).items
            #expect(audit.contains { $0.action == .wordpressImport && $0.target == "akhbar.xml" })
        }
    }

    @Test("no file, a broken file, a forged form and a non-administrator are refused")
    func refusals() async throws {
        let harness = try WebHarness()
        try await harness.user("a@example.org", role: .admin)
        try await harness.user("e@example.org", role: .editor)
        try await harness.withClient { client in
            let admin = NewsroomSession(client)
            try await admin.signIn("a@example.org")
            let empty = try await admin.upload("empty.xml", [], type: "text/xml", to: "/admin/import")
            #expect(empty.status == .unprocessableContent)
            let page = HTMLDocument(String(buffer: empty.body))
            #expect(page.first("//input[@id='file']")?["aria-describedby"] == "file-error")

            let forged = try await admin.upload(
                "akhbar.xml", Array(WordPressFixtures.arabicExport.utf8), to: "/admin/import", csrf: "forged")
            #expect(forged.status == .forbidden)

            let broken = Array("<?xml version=\"1.0\"?><rss><channel><item></channel></rss>".utf8)
            #expect(try await admin.upload("broken.xml", broken, to: "/admin/import").status == .seeOther)
            let refused = try await Self.finishedPage(admin)
            let text = try #require(refused.first("//pre[@class='import-report']")?.text)
            #expect(text.contains("broken.xml: line 1"), "\(text)")
            #expect(try await harness.store.isEmpty())

            let editor = NewsroomSession(client)
            try await editor.signIn("e@example.org")
            #expect(try await editor.browser.get("/admin/import").status == .forbidden)
        }
    }
}
