import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NashraCore
import NashraSQLite
import NashraTestSupport
import Testing

/// The workflow's answers as the newsroom gives them: 409 from the wrong state, and no button for it.
@Suite("Newsroom workflow")
struct NewsroomWorkflowTests {
    @Test func aTrashedArticlesRevisionIsNotRestoredNorOffered() async throws {
        let harness = try WebHarness()
        try await harness.user("a@example.org", role: .admin)
        let section = try await harness.given.section("دولي")
        try await harness.withClient { client async throws in
            let admin = NewsroomSession(client)
            try await admin.signIn("a@example.org")
            let saved = try await admin.post(
                "/admin/articles", NewsroomSession.article(title: "نص أول", section: section.id, status: "draft"))
            #expect(saved.status == .seeOther)
            let article = try #require(try await harness.store.adminArticles(AdminArticleQuery()).items.first)
            let revision = try #require(try await harness.store.revisions(articleID: article.id).first)
            let revisionsPath = "/admin/articles/\(article.id)/revisions"
            let (_, before) = try await admin.browser.page(revisionsPath)
            #expect(before.count("//form[starts-with(@id,'restore-')]") == 1, "offered while the article lives")

            #expect(try await admin.post("/admin/articles/\(article.id)/trash", []).status == .seeOther)
            let (_, after) = try await admin.browser.page(revisionsPath)
            #expect(after.count("//form[starts-with(@id,'restore-')]") == 0)
            #expect(after.count("//button[@form]") == 0)
            let restore = try await admin.post("\(revisionsPath)/\(revision.id)/restore", [])
            #expect(restore.status == .conflict)
            #expect(try await harness.store.article(id: article.id)?.status == .trash)
            #expect(try await harness.store.revisions(articleID: article.id).count == 1, "no revision was added")
        }
    }
}
