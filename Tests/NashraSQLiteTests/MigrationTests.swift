import Foundation
import GRDB
import NashraCore
import Testing

@testable import NashraSQLite

/// A database made by the previous release keeps everything when the newsroom schema arrives.
@Suite("Schema migrations")
struct MigrationTests {
    @Test func aVersion3DatabaseKeepsItsArticlesIdsAndSearchAndGetsTitleKeys() async throws {
        try await withTemporaryDirectory { try await Self.migrate(at: $0 + "/old.sqlite") }
    }

    static func migrate(at path: String) async throws {
        let queue = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(queue, upTo: "v3-search-and-import")
        let now = Date(timeIntervalSince1970: 1_773_565_200)
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO sections (slug, name) VALUES ('دولي', 'دولي')")
            try db.execute(sql: "INSERT INTO authors (slug, name) VALUES ('كاتب', 'كاتب')")
            try db.execute(
                sql: """
                    INSERT INTO articles (id, slug, title, body_html, section_id, author_id, status, published_at,
                        created_at, updated_at, external_id)
                    VALUES (42, 'قمة', 'قمة المناخ في الإسكندرية', '<p>نص</p>', 1, 1, 'published', ?, ?, ?, 'ext-1')
                    """, arguments: [now, now, now])
            // Rows an older analyzer left: one in a form the current one no longer writes, one for an
            // article that is gone.
            try db.execute(
                sql:
                    "INSERT INTO article_search (rowid, title, summary, body, tags, author, alternates) VALUES (?, ?, '', '', '', '', '')",
                arguments: [42, "صيغهقديمه"])
            try db.execute(
                sql:
                    "INSERT INTO article_search (rowid, title, summary, body, tags, author, alternates) VALUES (?, ?, '', '', '', '', '')",
                arguments: [99, "يتيم"])
        }
        try queue.close()

        let store = try SQLiteStore(path: path)
        // A database with published articles from before analyzer versions is rebuilt once, in place.
        #expect(try await store.searchAnalyzerVersion() == 1)
        let rebuilt = try await SearchIndexUpgrade.run(store, shared: nil)
        #expect(rebuilt == SearchIndexUpgrade.Rebuilt(from: 1, articles: 1))
        #expect(try await store.searchAnalyzerVersion() == ArabicAnalyzer.version)
        for stale in ["صيغهقديمه", "يتيم"] {
            #expect(try await store.search(SearchQuery(stale), limit: 5, offset: 0, now: now).total == 0, "\(stale)")
        }
        let article = try #require(try await store.article(id: 42))
        #expect(article.title == "قمة المناخ في الإسكندرية")
        // v5 filled the title key of rows written before it: the newsroom's match is normalized.
        #expect(try await store.adminArticles(AdminArticleQuery(text: "الاسكندريه")).items.map(\.id) == [42])
        #expect(article.bodyMarkdown == nil)
        #expect(try await store.search(SearchQuery("المناخ"), limit: 5, offset: 0, now: now).total == 1)
        // The new states are accepted; unknown ones still are not.
        _ = try await store.setArticleStatus(id: 42, status: .pending, now: now)
        #expect(try await store.article(id: 42)?.status == .pending)
        #expect(try await store.pragma("foreign_key_check") == nil)
        let next = try await store.saveArticle(
            try ArticleDraft(title: "خبر جديد", bodyHTML: "<p>ب</p>", sectionID: 1, authorID: 1).validated(), now: now)
        #expect(next.id == 43, "ids continue after the old ones")
    }
}
