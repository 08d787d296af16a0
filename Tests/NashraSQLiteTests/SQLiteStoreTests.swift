import Foundation
import NashraCore
import NashraDemo
import NashraSQLite
import NashraTestSupport
import Testing

/// What is particular to the SQLite backend: the file, its modes, reopening.
@Suite("SQLite store")
struct SQLiteStoreTests {
    @Test func theDatabaseIsAFileInWALModeWithForeignKeysOn() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore(directory: directory)
            try await store.ping()
            #expect(FileManager.default.fileExists(atPath: directory + "/nashra.sqlite"))
            #expect(try await store.pragma("journal_mode") == "wal")
            #expect(try await store.pragma("foreign_keys") == "1")
        }
    }

    @Test func contentSurvivesReopeningTheFile() async throws {
        try await withTemporaryDirectory { directory in try await Self.reopen(directory) }
    }

    static func reopen(_ directory: String) async throws {
        let clock = FixedClock()
        do {
            let store = try SQLiteStore(directory: directory)
            let given = Fixtures(store: store, now: clock.now)
            let section = try await given.section("دولي")
            try await given.article("خبر باق", section: section, author: try await given.author("كاتب"))
        }
        let reopened = try SQLiteStore(directory: directory)
        let titles = try await reopened.articles(ArticleQuery(limit: 5), now: clock.now).items.map(\.title)
        #expect(titles == ["خبر باق"])
    }

    /// `nashra user add` before the first `serve` makes a byline that the demo may also have.
    @Test func theDemoFillsAStoreThatAlreadyHasANewsroomAccount() async throws {
        let store = try SQLiteStore.inMemory()
        let now = FixedClock().now
        let user = try await store.createUser(
            NewUser(email: "s@example.org", name: "سلمى الحداد", role: .admin, passwordHash: "h"), now: now)
        #expect(try await store.isEmpty(), "an account alone leaves the site empty, so the demo still comes")
        let report = try await DemoContent.seed(into: store, now: now)
        #expect(report.articles >= 30)
        let byline = try #require(try await store.author(slug: "سلمي-الحداد"))
        #expect(byline.id == user.authorID, "the demo reuses the account's byline")
    }

    @Test func theDemoNewsroomIsBigEnoughForARealFrontPage() async throws {
        let store = try SQLiteStore.inMemory()
        let now = FixedClock().now
        let report = try await DemoContent.seed(into: store, now: now)
        #expect(report.sections >= 6)
        #expect(report.articles >= 30)
        #expect(report.comments >= 3)
        // The footer links an About page and a privacy policy, written in Markdown.
        #expect(try await store.footerPages().map(\.title) == ["من نحن", "سياسة الخصوصية"])
        let pages = try await store.footerPages()
        try #require(pages.count == 2)
        #expect(pages.allSatisfy { $0.bodyMarkdown != nil })
        #expect(HTMLDocument(pages[0].body.markup).first("//h2")?.text == "التحرير")
        #expect(HTMLDocument(pages[1].body.markup).count("//ul/li") == 3)
        let sections = try await store.sections()
        #expect(sections.contains { $0.name == "دولي" })
        let all = try await store.articles(ArticleQuery(limit: 100), now: now)
        #expect(all.total == report.articles)
        let breaking = try await store.articles(
            ArticleQuery(filter: .breakingSince(now.addingTimeInterval(-86_400)), limit: 10), now: now)
        #expect(!breaking.items.isEmpty)
        // Every article has tags, a sanitized body of realistic length, and at least three related articles.
        for summary in all.items {
            let article = try #require(try await store.article(id: summary.id))
            #expect(!article.tags.isEmpty, "\(article.title) has no tags")
            #expect(article.readingMinutes >= 1)
            #expect(article.body.markup.count > 1_000, "\(article.title) is too short")
            #expect(try await store.relatedArticles(to: article, limit: 4, now: now).count >= 3)
        }
        let withSources = try await all.items.asyncFilter { try await store.article(id: $0.id)?.source != nil }
        #expect(withSources.count >= 5)
    }
}

extension Array where Element: Sendable {
    func asyncFilter(_ predicate: (Element) async throws -> Bool) async rethrows -> [Element] {
        var result: [Element] = []
        for element in self where try await predicate(element) { result.append(element) }
        return result
    }
}
