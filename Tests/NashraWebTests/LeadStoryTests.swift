import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NashraCore
import NashraTestSupport
import Testing

/// The lead story: the newest pinned article leads the home page, else the newest of all.
@Suite("Lead story")
struct LeadStoryTests {
    static func leadHref(_ client: some TestClientProtocol) async throws -> String? {
        let (_, home) = try await client.page("/")
        return home.first("//section[@class='lead-story']//a[starts-with(@href, '/news/')]")?["href"]
    }

    @Test("an editor pins an older article as the lead, and unpinning gives the lead back to the newest")
    func pinningFromTheEditor() async throws {
        let harness = try WebHarness()
        try await harness.user("e@example.org", role: .editor)
        let section = try await harness.given.section("محليات")
        let author = try await harness.given.author("كاتب")
        let older = try await harness.given.article("خبر قديم مهم", section: section, author: author, hoursAgo: 30)
        let newer = try await harness.given.article("خبر أحدث", section: section, author: author, hoursAgo: 1)
        try await harness.withClient { client in
            #expect(try await Self.leadHref(client) == "/news/" + encoded(newer.slug))
            let editor = NewsroomSession(client)
            try await editor.signIn("e@example.org")
            let (_, form) = try await editor.browser.page("/admin/articles/\(older.id)/edit")
            #expect(form.first("//input[@type='checkbox'][@name='pinned']") != nil)
            let fields = NewsroomSession.article(
                title: older.title, section: section.id, extra: [("pinned", "on"), ("published_at", "")])
            let saved = try await editor.post("/admin/articles/\(older.id)", fields)
            #expect(saved.status == .seeOther)
            #expect(try await harness.store.article(id: older.id)?.isPinned == true)
            #expect(try await Self.leadHref(client) == "/news/" + encoded(older.slug))
            let (_, pinnedForm) = try await editor.browser.page("/admin/articles/\(older.id)/edit")
            #expect(pinnedForm.first("//input[@name='pinned']")?["checked"] != nil)
            let unpinned = try await editor.post(
                "/admin/articles/\(older.id)", NewsroomSession.article(title: older.title, section: section.id))
            #expect(unpinned.status == .seeOther)
            #expect(try await Self.leadHref(client) == "/news/" + encoded(newer.slug))
        }
    }
}
