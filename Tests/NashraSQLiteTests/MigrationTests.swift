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

    @Test func picturesCopiesKeepTheirRowsWhenTheCropsArrive() async throws {
        try await withTemporaryDirectory { folder in
            let path = folder + "/pictures.sqlite"
            let queue = try DatabaseQueue(path: path)
            try Migrations.migrator.migrate(queue, upTo: "v9-pictures")
            try await queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO media (id, file_name, original_name, mime_type, width, height, bytes, uploaded_at,
                            state)
                        VALUES (7, 'p.jpg', 'p.jpg', 'image/jpeg', 2000, 1500, 9000, ?, 'ready')
                        """, arguments: [Date(timeIntervalSince1970: 1_773_565_200)])
                try db.execute(
                    sql: """
                        INSERT INTO media_variants (file_name, media_id, purpose, format, width, height, bytes)
                        VALUES ('p-640-aaaaaaaaaaaa.webp', 7, 'width', 'webp', 640, 480, 100),
                            ('p-social-aaaaaaaaaaaa.jpg', 7, 'social', 'jpeg', 1200, 630, 200)
                        """)
                // Before the crops, the schema refuses them.
                #expect(throws: DatabaseError.self) {
                    try db.execute(
                        sql: """
                            INSERT INTO media_variants (file_name, media_id, purpose, format, width, height, bytes)
                            VALUES ('p-square-aaaaaaaaaaaa.jpg', 7, 'square', 'jpeg', 1200, 1200, 300)
                            """)
                }
            }
            try queue.close()

            let store = try SQLiteStore(path: path)
            let before = try #require(try await store.media(id: 7))
            #expect(
                before.variants.map(\.fileName).sorted() == ["p-640-aaaaaaaaaaaa.webp", "p-social-aaaaaaaaaaaa.jpg"])
            #expect(try await store.servableMediaType(fileName: "p-640-aaaaaaaaaaaa.webp") == "image/webp")
            let crops = ImageVariantPlan.crops.map { crop in
                ImageVariant(
                    purpose: crop.purpose, format: .jpeg, width: crop.width, height: crop.height,
                    fileName: "p-\(crop.purpose.rawValue)-bbbbbbbbbbbb.jpg", bytes: 300)
            }
            _ = try await store.recordVariants(crops, state: .ready, mediaID: 7)
            #expect(
                try await store.media(id: 7)?.searchCrops.map(\.fileName) == [
                    "p-wide-bbbbbbbbbbbb.jpg", "p-standard-bbbbbbbbbbbb.jpg", "p-square-bbbbbbbbbbbb.jpg",
                ])
            #expect(try await store.pragma("foreign_key_check") == nil)
        }
    }
}
