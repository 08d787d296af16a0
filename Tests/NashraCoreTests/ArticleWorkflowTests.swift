import Foundation
import NashraCore
import Testing

/// Roles, ownership and every transition of the article workflow.
@Suite("Article workflow")
struct ArticleWorkflowTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func user(_ role: Role, authorID: Int64 = 1) -> User {
        User(
            id: 1, email: "\(role.rawValue)@x.org", name: role.rawValue, role: role, authorID: authorID,
            isActive: true, createdAt: now, passwordHash: "")
    }

    static func article(_ status: PublishState, authorID: Int64 = 1) -> Article {
        Article(
            id: 9, slug: "s", title: "t", summary: "", body: .empty, section: Section(id: 1, slug: "a", name: "a"),
            author: Author(id: authorID, slug: "w", name: "w"), tags: [], source: nil, cover: nil, isBreaking: false,
            status: status, publishedAt: status == .draft ? nil : now, updatedAt: now, readingMinutes: 1,
            commentsOpen: true)
    }

    @Test func rolesAreOrderedAndGrantWhatTheySay() {
        let grants = Role.allCases.map { ($0, $0.isAdmin, $0.editsOthersArticles, $0.canPublish, $0.canModerate) }
        for (role, isAdmin, editsOthers, publishes, moderates) in grants {
            #expect(isAdmin == (role == .admin), "\(role)")
            #expect(editsOthers == (role == .admin || role == .editor), "\(role)")
            #expect(publishes == (role != .contributor), "\(role)")
            #expect(moderates == (role == .admin || role == .editor), "\(role)")
        }
        #expect(ArticleWorkflow.choosableStates(for: .contributor) == [.draft, .pending])
        #expect(ArticleWorkflow.choosableStates(for: .author) == [.draft, .pending, .scheduled, .published])
    }

    @Test func whoMayEditWhat() {
        let mine = Self.article(.published, authorID: 1)
        let theirs = Self.article(.draft, authorID: 2)
        #expect(Self.user(.editor).mayEdit(theirs))
        #expect(!Self.user(.author).mayEdit(theirs))
        #expect(Self.user(.author).mayEdit(mine))
        // A contributor's work is theirs until it is published or scheduled.
        for status in [PublishState.draft, .pending, .trash] {
            #expect(Self.user(.contributor).mayEdit(Self.article(status)))
        }
        for status in [PublishState.published, .scheduled] {
            #expect(!Self.user(.contributor).mayEdit(Self.article(status)))
        }
    }

    /// Every action from every state, for an editor on anyone's article.
    @Test(arguments: [
        (ArticleAction.trash, [PublishState.draft, .pending, .scheduled, .published]),
        (.restore, [.trash]), (.unpublish, [.published, .scheduled]),
        (.restoreRevision, [.draft, .pending, .scheduled, .published]),
        (.edit, [.draft, .pending, .scheduled, .published]),
    ])
    func transitionsStartOnlyFromTheirStates(action: ArticleAction, from: [PublishState]) {
        for status in PublishState.allCases {
            let decision = ArticleWorkflow.decide(action, on: Self.article(status, authorID: 2), by: Self.user(.editor))
            #expect(decision == (from.contains(status) ? .allowed : .conflict), "\(action) from \(status)")
        }
        #expect(ArticleWorkflow.transition(.trash).to == .trash)
        #expect(ArticleWorkflow.transition(.restore).to == .draft)
        #expect(ArticleWorkflow.transition(.unpublish).to == .draft)
    }

    @Test func aTrashedArticleIsReadOnlyUntilRestored() {
        let trashed = Self.article(.trash)
        #expect(ArticleWorkflow.decide(.restoreRevision, on: trashed, by: Self.user(.admin)) == .conflict)
        #expect(ArticleWorkflow.decide(.edit, on: trashed, by: Self.user(.admin)) == .conflict)
        #expect(ArticleWorkflow.offered(on: trashed, to: Self.user(.admin)) == [.restore])
    }

    @Test func takingAnArticleDownIsAPublishingDecision() {
        let contributor = Self.user(.contributor)
        #expect(ArticleWorkflow.decide(.trash, on: Self.article(.pending), by: contributor) == .allowed)
        #expect(ArticleWorkflow.decide(.trash, on: Self.article(.published), by: contributor) == .forbidden)
        #expect(ArticleWorkflow.decide(.unpublish, on: Self.article(.scheduled), by: contributor) == .forbidden)
        #expect(ArticleWorkflow.decide(.unpublish, on: Self.article(.published), by: Self.user(.author)) == .allowed)
        #expect(
            ArticleWorkflow.decide(.trash, on: Self.article(.draft, authorID: 2), by: Self.user(.author)) == .forbidden)
        #expect(
            ArticleWorkflow.offered(on: Self.article(.published), to: Self.user(.author)) == [
                .trash, .unpublish, .restoreRevision, .edit,
            ])
    }

    @Test func aChosenStateAndTimeResolve() throws {
        let later = Self.now.addingTimeInterval(3600)
        let earlier = Self.now.addingTimeInterval(-3600)
        func resolve(_ status: PublishState, _ time: Date?, _ role: Role = .author) throws -> (PublishState, Date?) {
            let resolved = try ArticleWorkflow.resolve(status, at: time, role: role, existing: nil, now: Self.now)
            return (resolved.status, resolved.publishedAt)
        }
        #expect(try resolve(.published, later) == (.scheduled, later), "published with a time to come is scheduled")
        #expect(try resolve(.published, nil) == (.published, Self.now))
        #expect(try resolve(.scheduled, earlier) == (.published, earlier), "a time already past publishes")
        #expect(try resolve(.draft, nil) == (.draft, nil))
        #expect(throws: ValidationError(field: "publishedAt", problem: .required)) { try resolve(.scheduled, nil) }
        #expect(throws: ValidationError(field: "status", problem: .invalid)) {
            try resolve(.published, nil, .contributor)
        }
        let existing = Self.article(.published)
        let kept = try ArticleWorkflow.resolve(.published, at: nil, role: .editor, existing: existing, now: later)
        #expect(kept.publishedAt == existing.publishedAt, "a republished article keeps its time")
    }

    @Test func bylines() {
        let existing = Self.article(.draft, authorID: 7)
        #expect(ArticleWorkflow.byline(chosen: 5, user: Self.user(.editor), existing: existing) == 5)
        #expect(ArticleWorkflow.byline(chosen: nil, user: Self.user(.editor, authorID: 3), existing: nil) == 3)
        #expect(ArticleWorkflow.byline(chosen: 5, user: Self.user(.author, authorID: 3), existing: existing) == 7)
        #expect(ArticleWorkflow.byline(chosen: 5, user: Self.user(.author, authorID: 3), existing: nil) == 3)
    }

    @Test func namesAndSlugsOfSectionsTagsAndAuthors() throws {
        #expect(try TaxonomyRules.name("  اقتصاد ", max: 100) == "اقتصاد")
        #expect(throws: ValidationError(field: "name", problem: .required)) { try TaxonomyRules.name(" ", max: 100) }
        #expect(throws: ValidationError(field: "name", problem: .tooLong(max: 100))) {
            try TaxonomyRules.name(String(repeating: "ب", count: 101), max: 100)
        }
        #expect(try TaxonomyRules.slug("", name: "الشرق الأوسط") == Slug.make(from: "الشرق الأوسط"))
        #expect(throws: ValidationError(field: "slug", problem: .invalid)) { try TaxonomyRules.slug("!!!", name: "x") }
        #expect(throws: ValidationError(field: "position", problem: .invalid)) { try TaxonomyRules.position("1001") }
        #expect(throws: ValidationError(field: "position", problem: .invalid)) {
            try TaxonomyRules.position("9223372036854775808")
        }
        let longTag = ArticleDraft(
            title: "t", bodyHTML: "", sectionID: 1, authorID: 1, tagNames: [String(repeating: "و", count: 101)])
        #expect(throws: ValidationError(field: "tags", problem: .tooLong(max: 100))) { try longTag.validated() }
    }

    @Test func anAccountIsCheckedInFull() {
        let account = AccountCreation(email: "  Editor@X.org ", name: " ", role: .editor, password: "short")
        #expect(account.email == "editor@x.org")
        #expect(account.problems.map(\.field) == ["name", "password"])
        #expect(
            AccountCreation(email: "e@x.org", name: "س", role: .author, password: "long-enough-pass").problems.isEmpty)
    }
}
