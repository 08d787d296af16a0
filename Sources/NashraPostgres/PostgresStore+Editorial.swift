import Foundation
import NashraCore
import PostgresNIO

extension PostgresStore {
    public func adminArticles(_ query: AdminArticleQuery) async throws -> ResultPage<AdminArticleRow> {
        func filtered(_ sql: inout SQL) -> String {
            var conditions: [String] = []
            if let status = query.status {
                conditions.append("a.status = \(sql.bind(status.rawValue))")
            } else {
                conditions.append("a.status <> 'trash'")
            }
            if let section = query.sectionID {
                let placeholder = sql.bind(section)
                conditions.append("(a.section_id = \(placeholder) OR s.parent_id = \(placeholder))")
            }
            if let author = query.authorID { conditions.append("a.author_id = \(sql.bind(author))") }
            let text = StorageRules.titleKey(query.text.trimmingCharacters(in: .whitespacesAndNewlines))
            if !text.isEmpty {
                // Titles are short; a scan over the newsroom's list finds drafts, which search does not hold.
                conditions.append("strpos(a.title_key, \(sql.bind(text))) > 0")
            }
            return conditions.joined(separator: " AND ")
        }
        let from = "FROM articles a JOIN sections s ON s.id = a.section_id JOIN authors au ON au.id = a.author_id"
        var count = SQL()
        let countFilter = filtered(&count)
        count.append("SELECT COUNT(*) \(from) WHERE \(countFilter)")
        let total = try await client.value(count, as: Int.self) ?? 0
        var page = SQL()
        let filter = filtered(&page)
        page.append(
            """
            SELECT a.id, a.slug, a.title, a.status, a.author_id, a.published_at, a.updated_at,
                s.name AS section_name, au.name AS author_name
            \(from) WHERE \(filter) ORDER BY a.updated_at DESC, a.id DESC
            LIMIT \(page.bind(query.limit)) OFFSET \(page.bind(query.offset))
            """)
        let items = try await client.all(page).map { row in
            AdminArticleRow(
                id: try row["id"], slug: try row["slug"], title: try row["title"],
                status: PublishState(rawValue: try row["status"]) ?? .draft, sectionName: try row["section_name"],
                authorID: try row["author_id"], authorName: try row["author_name"],
                publishedAt: try row.optional("published_at"), updatedAt: try row["updated_at"])
        }
        return ResultPage(items: items, total: total)
    }

    public func articleTitles(ids: [Int64]) async throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        var titles: [Int64: String] = [:]
        for row in try await client.all("SELECT id, title FROM articles WHERE id = ANY(\(ids))") {
            titles[try row["id"]] = try row["title"]
        }
        return titles
    }

    public func saveArticle(_ article: ValidatedArticle, now: Date, editor: User) async throws -> Article {
        try await save(article, now: now, editor: editor)
    }

    public func setArticleStatus(id: Int64, status: PublishState, now: Date) async throws -> Article {
        try await transaction { db in
            try await db.bumpVersion()
            guard let current = try await PostgresRows.article(id: id, in: db) else {
                throw ValidationError(field: "id", problem: .notFound)
            }
            let before = try await db.footprint(of: id)
            let publishedAt =
                (status == .published || status == .scheduled) ? (current.publishedAt ?? now) : current.publishedAt
            try await db.exec(
                """
                UPDATE articles SET status = \(status.rawValue), published_at = \(publishedAt), updated_at = \(now)
                WHERE id = \(id)
                """)
            if StorageRules.isIndexed(status) {
                try await PostgresSearch.index(StorageRules.searchDocument(for: current), articleID: id, in: db)
            } else {
                try await PostgresSearch.unindex(articleID: id, in: db)
            }
            try await db.recordChange(
                keys: StorageRules.cacheKeys(before: before, after: try await db.footprint(of: id)))
            guard let saved = try await PostgresRows.article(id: id, in: db) else {
                throw ValidationError(field: "id", problem: .notFound)
            }
            return saved
        }
    }

    /// The advisory lock of the scheduler: whichever node holds it this round publishes; the others
    /// skip. A node that dies holds nothing, so the next round another one publishes.
    static let schedulerLock: Int64 = 0x6e61_7368_7261 + 1

    public func publishDue(now: Date) async throws -> [Int64] {
        // Cheap read first: the scheduler asks every second and almost always finds nothing.
        guard
            try await client.exists(
                "SELECT 1 FROM articles WHERE status = 'scheduled' AND published_at <= \(now) LIMIT 1")
        else { return [] }
        return try await transaction { db in
            guard try await db.value("SELECT pg_try_advisory_xact_lock(\(Self.schedulerLock))", as: Bool.self) == true
            else { return [] }
            try await db.bumpVersion()
            // Checked again under the locks: an editor, or another node, may have changed it meanwhile.
            let due = try await db.values(
                "SELECT id FROM articles WHERE status = 'scheduled' AND published_at <= \(now) ORDER BY id",
                as: Int64.self)
            var published: [Int64] = []
            for article in try await PostgresRows.articles(ids: due, in: db) {
                try await db.exec("UPDATE articles SET status = 'published' WHERE id = \(article.id)")
                try await PostgresSearch.index(StorageRules.searchDocument(for: article), articleID: article.id, in: db)
                published.append(article.id)
            }
            var keys: Set<String> = []
            for id in published {
                keys.formUnion(StorageRules.cacheKeys(before: nil, after: try await db.footprint(of: id)))
            }
            try await db.recordChange(keys: keys)
            return published
        }
    }

    public func revisions(articleID: Int64) async throws -> [Revision] {
        try await client.all("SELECT * FROM revisions WHERE article_id = \(articleID) ORDER BY id DESC")
            .map(PostgresRows.revision)
    }

    public func revision(id: Int64) async throws -> Revision? {
        try await client.one("SELECT * FROM revisions WHERE id = \(id)").map(PostgresRows.revision)
    }

    public func saveAutosave(userID: Int64, _ autosave: Autosave) async throws {
        let json = String(decoding: try JSONEncoder().encode(autosave.fields), as: UTF8.self)
        try await client.exec(
            """
            INSERT INTO autosaves (user_id, key, fields, saved_at) VALUES (\(userID), \(autosave.key), \(json), \(autosave.savedAt))
            ON CONFLICT (user_id, key) DO UPDATE SET fields = excluded.fields, saved_at = excluded.saved_at
            """)
    }

    public func autosave(userID: Int64, key: String) async throws -> Autosave? {
        try Self.autosave(try await client.one("SELECT * FROM autosaves WHERE user_id = \(userID) AND key = \(key)"))
    }

    public func latestAutosave(userID: Int64, prefix: String) async throws -> Autosave? {
        try Self.autosave(
            try await client.one(
                """
                SELECT * FROM autosaves WHERE user_id = \(userID) AND starts_with(key, \(prefix))
                ORDER BY saved_at DESC LIMIT 1
                """))
    }

    public func deleteAutosaves(savedBefore date: Date) async throws {
        try await client.exec("DELETE FROM autosaves WHERE saved_at < \(date)")
    }

    public func deleteAutosave(userID: Int64, key: String) async throws {
        try await client.exec("DELETE FROM autosaves WHERE user_id = \(userID) AND key = \(key)")
    }

    static func autosave(_ row: Columns?) throws -> Autosave? {
        guard let row,
            let fields = try? JSONDecoder().decode(
                [String: String].self, from: Data((try row["fields"] as String).utf8))
        else { return nil }
        return Autosave(key: try row["key"], fields: fields, savedAt: try row["saved_at"])
    }

    public func commentCounts() async throws -> [CommentStatus: Int] {
        var counts: [CommentStatus: Int] = [:]
        for row in try await client.all("SELECT status, COUNT(*) AS n FROM comments GROUP BY status") {
            if let status = CommentStatus(rawValue: try row["status"]) { counts[status] = try row["n"] }
        }
        return counts
    }
}
