import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NashraCore
import NashraTestSupport
import Testing

/// The newsroom's page editor: static pages written in Markdown, served at `/SLUG`, in the footer.
@Suite("Newsroom page editor")
struct PageEditorTests {
    static func fields(
        title: String, slug: String = "", body: String = "نحن **صحيفة** الحي منذ ٢٠١٠.", state: String = "published",
        footer: Bool = true, position: String = "2"
    ) -> [(String, String)] {
        [("title", title), ("slug", slug), ("body", body), ("state", state), ("position", position)]
            + (footer ? [("in_footer", "on")] : [])
    }

    @Test func anEditorWritesAPageThatIsServedAtItsAddressAndLinkedFromTheFooter() async throws {
        let harness = try WebHarness()
        try await harness.user("e@example.org", role: .editor)
        try await harness.withClient { client async throws in
            let editor = NewsroomSession(client)
            try await editor.signIn("e@example.org")
            let (listing, list) = try await editor.browser.page("/admin/pages")
            #expect(listing.status == .ok)
            #expect(list.first("//nav//a[@href='/admin/pages'][@aria-current='page']") != nil)
            let (_, form) = try await editor.browser.page("/admin/pages/new")
            #expect(form.first("//form[@id='page-form'][@method='post'][@action='/admin/pages']") != nil)
            #expect(form.first("//form[@id='page-form']//input[@name='_csrf']")?["value"]?.isEmpty == false)

            let saved = try await editor.post("/admin/pages", Self.fields(title: "من نحن"))
            #expect(saved.status == .seeOther)
            let page = try #require(try await harness.store.allPages().first)
            #expect(saved.headers[.location] == "/admin/pages/\(page.id)/edit?done=1")
            #expect(page.slug == "من-نحن" && page.state == .published && page.inFooter && page.position == 2)
            #expect(page.bodyMarkdown == "نحن **صحيفة** الحي منذ ٢٠١٠.")

            let (_, edit) = try await editor.browser.page(try #require(saved.headers[.location]))
            #expect(edit.first("//p[@class='flash']") != nil)
            #expect(edit.first("//textarea[@id='body']")?.text == "نحن **صحيفة** الحي منذ ٢٠١٠.")
            #expect(edit.first("//section[@class='page-preview']//strong")?.text == "صحيفة")

            let reader = ReaderSession(client)
            let (shown, publicPage) = try await reader.page("/" + encoded("من-نحن"))
            #expect(shown.status == .ok)
            #expect(publicPage.first("//main//h1")?.text == "من نحن")
            #expect(publicPage.first("//main//strong")?.text == "صحيفة")
            let (_, home) = try await reader.page("/")
            #expect(
                home.first("//footer//ul[@class='footer-pages']//a[@href='/\(encoded("من-نحن"))']")?.text == "من نحن")
            let log = try await harness.store.auditLog(limit: 5, offset: 0).items
            #expect(log.contains { $0.action == .pageSaved && $0.target == "page \(page.id)" })
        }
    }

    @Test func aRefusedSaveComesBackWithTheTextAndTheMessageBesideTheField() async throws {
        let harness = try WebHarness()
        try await harness.user("e@example.org", role: .editor)
        try await harness.withClient { client async throws in
            let editor = NewsroomSession(client)
            try await editor.signIn("e@example.org")
            for (fields, field) in [
                (Self.fields(title: "  ", body: "نص طويل كتبه المحرر"), "title"),
                (Self.fields(title: "البحث", slug: "search", body: "نص طويل كتبه المحرر"), "slug"),
                (Self.fields(title: "اتصل بنا", body: "نص طويل كتبه المحرر", position: "أول"), "position"),
            ] {
                let refused = try await editor.post("/admin/pages", fields)
                #expect(refused.status == .unprocessableContent, "\(field)")
                let form = HTMLDocument(String(buffer: refused.body))
                let input = try #require(form.first("//*[@id='\(field)']"))
                #expect(input["aria-invalid"] == "true", "\(field)")
                let described = (input["aria-describedby"] ?? "").split(separator: " ").map(String.init)
                #expect(
                    described.contains { form.first("//p[@id='\($0)'][@class='field-error']") != nil },
                    "the message for \(field) is beside it")
                #expect(form.first("//textarea[@id='body']")?.text == "نص طويل كتبه المحرر", "\(field)")
            }
            let reserved = try await editor.post(
                "/admin/pages", Self.fields(title: "البحث", slug: "search", body: "نص"))
            let message = HTMLDocument(String(buffer: reserved.body)).first("//p[@class='field-error']")?.text
            #expect(message == "هذا العنوان يخص الموقع نفسه؛ اختر غيره.")
            #expect(try await harness.store.allPages().isEmpty, "nothing saved")
        }
    }

    @Test func aRenamedPageAnswersAtItsOldAddressAndADraftIsNotPublic() async throws {
        let harness = try WebHarness()
        try await harness.user("e@example.org", role: .editor)
        try await harness.withClient { client async throws in
            let editor = NewsroomSession(client)
            try await editor.signIn("e@example.org")
            _ = try await editor.post("/admin/pages", Self.fields(title: "اتصل بنا"))
            let page = try #require(try await harness.store.allPages().first)
            let renamed = try await editor.post(
                "/admin/pages/\(page.id)", Self.fields(title: "اتصل بنا", slug: "تواصل"))
            #expect(renamed.status == .seeOther)
            let reader = ReaderSession(client)
            let old = try await reader.get("/" + encoded("اتصل-بنا"))
            #expect(old.status == .movedPermanently)
            #expect(old.headers[.location] == "/" + encoded("تواصل"))
            #expect(try await reader.get("/" + encoded("تواصل")).status == .ok)

            _ = try await editor.post(
                "/admin/pages/\(page.id)", Self.fields(title: "اتصل بنا", slug: "تواصل", state: "draft"))
            #expect(try await reader.get("/" + encoded("تواصل")).status == .notFound)
            let (_, home) = try await reader.page("/")
            #expect(home.first("//footer") != nil)
            #expect(home.count("//footer//a[@href='/\(encoded("تواصل"))']") == 0, "a draft is not linked")
            #expect(try await editor.post("/admin/pages/\(page.id + 99)", Self.fields(title: "x")).status == .notFound)
        }
    }

    @Test func authorsMayNotEditPages() async throws {
        let harness = try WebHarness()
        try await harness.user("a@example.org", role: .author)
        try await harness.withClient { client async throws in
            let author = NewsroomSession(client)
            try await author.signIn("a@example.org")
            #expect(try await author.browser.get("/admin/pages").status == .forbidden)
            #expect(try await author.post("/admin/pages", Self.fields(title: "من نحن")).status == .forbidden)
            #expect(try await harness.store.allPages().isEmpty)
        }
    }
}
