import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NashraCore
import NashraTestSupport
import NashraWeb
import Testing

/// The comment form on the article page every reader shares: the page token in it, the binding
/// to a reader issued at the first post, and the defences that still hold.
@Suite("Shared comment form")
struct SharedCommentFormTests {
    typealias Setup = CommentFlowTests.Setup

    static func tokenOf(_ document: HTMLDocument) -> String? {
        document.first("//form[contains(@class,'comment-form')]//input[@name='_token']")?["value"]
    }

    @Test func theCachedPageCarriesOnePageTokenForEveryReader() async throws {
        let setup = try await CommentFlowTests.setup()
        try await setup.harness.withClient { client async throws in
            let (first, page) = try await ReaderSession(client).page(setup.path)
            let (second, again) = try await ReaderSession(client).page(setup.path)
            #expect(first.body == second.body)
            #expect(first.headers[.setCookie] == nil)
            let token = try #require(Self.tokenOf(page))
            #expect(token.hasPrefix("p"))
            #expect(Self.tokenOf(again) == token)
        }
    }

    @Test func aPostFromTheCachedPageWithOurOriginIsAcceptedAndBindsTheReader() async throws {
        let setup = try await CommentFlowTests.setup()
        try await setup.harness.withClient { client async throws in
            let (reader, token) = try await CommentFlowTests.reader(client, setup)
            #expect(reader.cookies.isEmpty)
            let posted = try await reader.post(setup.action, CommentFlowTests.fields(token: token, comment: "رأي"))
            #expect(posted.status == .seeOther)
            // The reader's id is issued here, with the pending list bound to it.
            #expect(reader.cookies.keys.contains("__Host-nashra_reader"))
            #expect(reader.cookies.keys.contains("__Host-nashra_pending"))
            let (mine, page) = try await reader.page(setup.path)
            #expect(mine.headers[.cacheControl] == "private, no-store")
            #expect(page.first("//li[contains(@class,'comment-pending')]//div[@class='comment-body']/p")?.text == "رأي")
        }
    }

    @Test func withoutOriginOrCookieTheFirstPostAsksToConfirmAndKeepsTheText() async throws {
        let setup = try await CommentFlowTests.setup()
        try await setup.harness.withClient { client async throws in
            let (reader, token) = try await CommentFlowTests.reader(client, setup)
            let typed = CommentFlowTests.fields(token: token, author: "ليلى", comment: "نص كتبته بعناية")
            let first = try await reader.post(setup.action, typed, origin: nil)
            #expect(first.status == .unprocessableContent)
            let form = HTMLDocument(String(buffer: first.body))
            #expect(form.first("//textarea[@name='comment']")?.text == "نص كتبته بعناية")
            #expect(form.first("//input[@name='author']")?["value"] == "ليلى")
            #expect(
                form.first("//div[@id='respond']/p[@class='form-notice']")?.text
                    == "راجع تعليقك ثم اضغط «إرسال» مرة أخرى لتأكيده.")
            let fresh = try #require(Self.tokenOf(form))
            #expect(!fresh.hasPrefix("p"))
            #expect(reader.cookies.keys.contains("__Host-nashra_reader"))
            #expect(try await setup.harness.store.comments(status: nil, limit: 10, offset: 0).total == 0)

            // Sent again at once with the reader's token and cookie: stored.
            let second = try await reader.post(
                setup.action, CommentFlowTests.fields(token: fresh, author: "ليلى", comment: "نص كتبته بعناية"),
                origin: nil)
            #expect(second.status == .seeOther)
            #expect(try await setup.harness.store.comments(status: nil, limit: 10, offset: 0).total == 1)
        }
    }

    @Test func aPostTooSoonAfterTheRenderOrFromAnotherOriginIsRefused() async throws {
        let setup = try await CommentFlowTests.setup()
        try await setup.harness.withClient { client async throws in
            let reader = ReaderSession(client)
            let token = try await reader.token(for: setup.path)
            let fast = try await reader.post(setup.action, CommentFlowTests.fields(token: token))
            #expect(fast.status == .unprocessableContent)
            let again = HTMLDocument(String(buffer: fast.body))
            #expect(again.first("//textarea[@name='comment']")?.text == "تعليق مفيد")
            #expect(again.first("//div[@id='respond']/p[@class='form-notice']")?.text.contains("بسرعة") == true)
            setup.harness.clock.advance(by: 5)
            let forged = try await reader.post(
                setup.action, CommentFlowTests.fields(token: token), origin: "https://evil.example")
            #expect(forged.status == .forbidden)
            #expect(try await setup.harness.store.comments(status: nil, limit: 10, offset: 0).total == 0)
        }
    }

    @Test func aPageTokenOnlyCountsForItsOwnArticle() async throws {
        let setup = try await CommentFlowTests.setup()
        let other = try await setup.harness.given.article(
            "خبر آخر", section: setup.article.section, author: setup.article.author)
        try await setup.harness.withClient { client async throws in
            let (reader, token) = try await CommentFlowTests.reader(client, setup)
            let elsewhere = try await reader.post(
                "/news/" + encoded(other.slug) + "/comments", CommentFlowTests.fields(token: token))
            #expect(elsewhere.status == .unprocessableContent)
            #expect(try await setup.harness.store.comments(status: nil, limit: 10, offset: 0).total == 0)
        }
    }

    @Test func replyFormsAreSharedAndUnknownTargetsRedirect() async throws {
        let setup = try await CommentFlowTests.setup()
        let comment = try await setup.harness.store.addComment(
            NewComment(
                articleID: setup.article.id, parentID: nil, authorName: "قارئ", authorEmail: "r@example.com",
                authorURL: nil, body: "رأي أول", status: .approved, createdAt: setup.harness.clock.now))
        try await setup.harness.withClient { client async throws in
            let path = setup.path + "?reply=\(comment.id)"
            let (first, page) = try await ReaderSession(client).page(path)
            let (second, _) = try await ReaderSession(client).page(path)
            #expect(first.status == .ok && first.body == second.body)
            #expect(first.headers[.cacheControl]?.hasPrefix("public,") == true)
            #expect(first.headers[.setCookie] == nil)
            #expect(page.first("//input[@name='parent']")?["value"] == String(comment.id))
            let unknown = try await ReaderSession(client).get(setup.path + "?reply=999999")
            #expect(unknown.status == .movedPermanently)
            #expect(unknown.headers[.location] == setup.path)
        }
    }
}
