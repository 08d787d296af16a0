import Foundation
import HTTPTypes
import NashraCore
import NashraTestSupport
import NashraWeb
import Testing

/// Findings of a security review, each pinned by a test.
@Suite("Hardening")
struct HardeningTests {
    @Test func aHugeSitemapPageIs404NotACrash() async throws {
        let harness = try WebHarness()
        try await harness.withClient { client async throws in
            for name in ["articles-9223372036854775807.xml", "articles-100001.xml", "tags-0.xml", "authors--1.xml"] {
                #expect(try await client.get("/sitemaps/" + name).status == .notFound, "\(name)")
            }
        }
    }

    @Test func nonCanonicalArticlePathsRedirectToTheOneURL() async throws {
        let setup = try await CommentFlowTests.setup()
        try await setup.harness.withClient { client async throws in
            let slug = setup.article.slug
            let lowerHex = "/news/" + encoded(slug).lowercased().replacingOccurrences(of: "/news/", with: "")
            for path in ["//news/" + encoded(slug), "/news/" + encoded(slug) + "/", lowerHex] {
                let response = try await client.get(path)
                #expect(response.status == .movedPermanently, "\(path)")
                #expect(response.headers[.location] == setup.path, "\(path)")
                #expect(response.headers[.setCookie] == nil, "a redirect must not carry a reader cookie")
            }
            #expect(SiteURLs.isCanonicalSegment(encoded(slug)))
            #expect(!SiteURLs.isCanonicalSegment("%78"))
        }
    }

    @Test func rejectedAttemptsDoNotUseUpTheAcceptedCommentLimit() async throws {
        let setup = try await CommentFlowTests.setup { try $0.set("commentLimitPerIP", to: "2") }
        try await setup.harness.withClient { client async throws in
            let (reader, token) = try await CommentFlowTests.reader(client, setup)
            for _ in 1...3 {
                let invalid = try await reader.post(
                    setup.action, CommentFlowTests.fields(token: token, email: "not-an-email"))
                #expect(invalid.status == .unprocessableContent)
            }
            let first = try await reader.post(setup.action, CommentFlowTests.fields(token: token, comment: "أول"))
            let second = try await reader.post(
                setup.action, CommentFlowTests.fields(token: token, email: "other@example.com", comment: "ثان"))
            let third = try await reader.post(
                setup.action, CommentFlowTests.fields(token: token, email: "third@example.com", comment: "ثالث"))
            #expect([first.status, second.status, third.status] == [.seeOther, .seeOther, .tooManyRequests])
        }
    }

    @Test func theEmailLimitIgnoresTrailingNewlines() async throws {
        let setup = try await CommentFlowTests.setup { try $0.set("commentLimitPerEmail", to: "1") }
        try await setup.harness.withClient { client async throws in
            let (reader, token) = try await CommentFlowTests.reader(client, setup)
            #expect(
                try await reader.post(setup.action, CommentFlowTests.fields(token: token, comment: "واحد")).status
                    == .seeOther)
            let again = try await reader.post(
                setup.action, CommentFlowTests.fields(token: token, email: "sami@example.com\n\n", comment: "اثنان"))
            #expect(again.status == .tooManyRequests)
        }
    }

    @Test func aReplyFormNeverNamesTheAuthorOfAnUnapprovedComment() async throws {
        let setup = try await CommentFlowTests.setup()
        let held = try await setup.harness.store.addComment(
            NewComment(
                articleID: setup.article.id, authorName: "اسم محجوب", authorEmail: "h@example.com", body: "معلق",
                status: .pending, createdAt: setup.harness.clock.now))
        try await setup.harness.withClient { client async throws in
            let reader = ReaderSession(client)
            var fields = CommentFlowTests.fields(token: "bad")
            fields.append(("parent", String(held.id)))
            let response = try await reader.post(setup.action, fields)
            #expect(response.status == .unprocessableContent)
            #expect(!String(buffer: response.body).contains("اسم محجوب"))
        }
    }
}
