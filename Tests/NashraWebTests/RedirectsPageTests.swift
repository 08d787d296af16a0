import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NashraCore
import NashraTestSupport
import Testing

/// The newsroom's redirects page: imported rows listed, rows added and removed, typed values kept.
@Suite("Newsroom redirects")
struct RedirectsPageTests {
    @Test("an editor lists, adds and removes redirects; the site follows them at once")
    func editorManagesRedirects() async throws {
        let harness = try WebHarness()
        try await harness.user("e@example.org", role: .editor)
        try await harness.user("w@example.org", role: .author)
        let folder = URL(fileURLWithPath: harness.directory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = try WordPressFixtures.write(WordPressFixtures.arabicExport, in: folder)
        _ = try await WordPressImport(path: path).run(into: harness.store, now: harness.clock.now)
        try await harness.withClient { client in
            let editor = NewsroomSession(client)
            try await editor.signIn("e@example.org")
            let (listed, page) = try await editor.browser.page("/admin/redirects")
            #expect(listed.status == .ok)
            let from = page.all("//table/tbody/tr/td[1]").map(\.text)
            #expect(from.contains("/?p=101"))
            #expect(page.first("//nav[contains(@class,'admin-nav')]//a[@href='/admin/redirects']") != nil)

            // A bad form comes back with what was typed and the message beside each field.
            let refused = try await editor.post("/admin/redirects", [("from", "/"), ("to", "//evil.example/x")])
            #expect(refused.status == .unprocessableContent)
            let form = HTMLDocument(String(buffer: refused.body))
            #expect(form.first("//input[@id='to']")?["value"] == "//evil.example/x")
            #expect(form.first("//input[@id='from']")?["aria-invalid"] == "true")
            let describedBy = try #require(form.first("//input[@id='to']")?["aria-describedby"])
            #expect(form.first("//p[@id='\(describedBy)']") != nil)

            let added = try await editor.post(
                "/admin/redirects", [("from", "https://akhbar.example/Old-Story/"), ("to", "/search?q=x")])
            #expect(added.status == .seeOther)
            let moved = try await client.get("/old-story")
            #expect(moved.status == .movedPermanently)
            #expect(moved.headers[.location] == "/search?q=x")
            let deleted = try await editor.post("/admin/redirects", [("delete", "/old-story")])
            #expect(deleted.status == .seeOther)
            #expect(try await client.get("/old-story").status == .notFound)

            // Without the form token the table does not change; an author may not see it.
            let forged = try await editor.browser.post(
                "/admin/redirects", [("from", "/x"), ("to", "/y")], origin: WebHarness.baseURL)
            #expect(forged.status == .forbidden)
            let author = NewsroomSession(client)
            try await author.signIn("w@example.org")
            #expect(try await author.browser.get("/admin/redirects").status == .forbidden)
        }
    }
}
