import Foundation
import GRDB
import NashraCore

extension SQLiteStore: EditorialStore, AutosaveStore, TaxonomyStore, CommentCounting {
    public func adminArticles(_ query: AdminArticleQuery) async throws -> ResultPage<AdminArticleRow> {
        try await pool.read { db in
            var conditions: [String] = []
            var arguments: [String: (any DatabaseValueConvertible)?] = [:]
            if let status = query.status {
                conditions.append("a.status = :status")
                arguments["status"] = status.rawValue
            } else {
                conditions.append("a.status <> 'trash'")
            }
            if let section = query.sectionID {
                conditions.append("(a.section_id = :section OR s.parent_id = :section)")
                arguments["section"] = section
            }
            if let author = query.authorID {
                conditions.append("a.author_id = :author")
                arguments["author"] = author
            }
            let text = query.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty {
                // Titles are short; a scan over the newsroom's list is fast enough and finds drafts,
                // which the search index does not hold. Both sides Arabic-normalized.
                conditions.append("instr(a.title_key, :text) > 0")
                arguments["text"] = StorageRules.titleKey(text)
            }
            let filter = conditions.joined(separator: " AND ")
            let from = "FROM articles a JOIN sections s ON s.id = a.section_id JOIN authors au ON au.id = a.author_id"
            let total =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) \(from) WHERE \(filter)", arguments: StatementArguments(arguments)) ?? 0
            arguments["limit"] = query.limit
            arguments["offset"] = query.offset
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT a.id, a.slug, a.title, a.status, a.author_id, a.published_at, a.updated_at,
                        s.name AS section_name, au.name AS author_name
                    \(from) WHERE \(filter) ORDER BY a.updated_at DESC, a.id DESC LIMIT :limit OFFSET :offset
                    """,
                arguments: StatementArguments(arguments))
            let items = rows.map { row in
                AdminArticleRow(
                    id: row["id"], slug: row["slug"], title: row["title"],
                    status: PublishState(rawValue: row["status"]) ?? .draft, sectionName: row["section_name"],
                    authorID: row["author_id"], authorName: row["author_name"], publishedAt: row["published_at"],
                    updatedAt: row["updated_at"])
            }
            return ResultPage(items: items, total: total)
        }
    }

    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    public func articleTitles(ids: [Int64]) async throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        return try await pool.read { db in
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
            let rows = try Row.fetchAll(
                db, sql: "SELECT id, title FROM articles WHERE id IN (\(marks))", arguments: StatementArguments(ids))
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["id"] as Int64, $0["title"] as String) })
        }
    }

    public func saveArticle(_ article: ValidatedArticle, now: Date, editor: User) async throws -> Article {
        try await save(article, now: now, editor: editor)
    }

    public func setArticleStatus(id: Int64, status: PublishState, now: Date) async throws -> Article {
        try await pool.write { db in
            guard let current = try RowMapping.article(id: id, in: db) else {
                throw ValidationError(field: "id", problem: .notFound)
            }
            let before = try Self.footprint(of: id, in: db)
            let publishedAt =
                (status == .published || status == .scheduled) ? (current.publishedAt ?? now) : current.publishedAt
            try db.execute(
                sql: "UPDATE articles SET status = ?, published_at = ?, updated_at = ? WHERE id = ?",
                arguments: [status.rawValue, publishedAt, now, id])
            if StorageRules.isIndexed(status) {
                try Self.index(StorageRules.searchDocument(for: current), articleID: id, in: db)
            } else {
                try db.execute(sql: "DELETE FROM article_search WHERE rowid = ?", arguments: [id])
            }
            try Self.bumpVersion(
                db, keys: StorageRules.cacheKeys(before: before, after: try Self.footprint(of: id, in: db)))
            guard let saved = try RowMapping.article(id: id, in: db) else {
                throw ValidationError(field: "id", problem: .notFound)
            }
            return saved
        }
    }

    public func publishDue(now: Date) async throws -> [Int64] {
        // Cheap read first: the scheduler asks every second and almost always finds nothing.
        let due = try await pool.read { db in
            try Int64.fetchAll(
                db, sql: "SELECT id FROM articles WHERE status = 'scheduled' AND published_at <= ? ORDER BY id",
                arguments: [now])
        }
        guard !due.isEmpty else { return [] }
        return try await pool.write { db in
            var published: [Int64] = []
            for id in due {
                // Checked again inside the transaction: an editor may have changed it meanwhile.
                guard let article = try RowMapping.article(id: id, in: db), article.status == .scheduled,
                    let time = article.publishedAt, time <= now
                else { continue }
                try db.execute(sql: "UPDATE articles SET status = 'published' WHERE id = ?", arguments: [id])
                try Self.index(StorageRules.searchDocument(for: article), articleID: id, in: db)
                published.append(id)
            }
            if !published.isEmpty {
                var keys: Set<String> = []
                for id in published {
                    keys.formUnion(StorageRules.cacheKeys(before: nil, after: try Self.footprint(of: id, in: db)))
                }
                try Self.bumpVersion(db, keys: keys)
            }
            return published
        }
    }

    public func revisions(articleID: Int64) async throws -> [Revision] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM revisions WHERE article_id = ? ORDER BY id DESC", arguments: [articleID]
            ).map(Self.revision)
        }
    }

    public func revision(id: Int64) async throws -> Revision? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM revisions WHERE id = ?", arguments: [id]).map(Self.revision)
        }
    }

    static func revision(_ row: Row) -> Revision {
        Revision(
            id: row["id"], articleID: row["article_id"], savedAt: row["saved_at"], userID: row["user_id"],
            userName: row["user_name"], title: row["title"], summary: row["summary"],
            bodyMarkdown: row["body_markdown"], status: PublishState(rawValue: row["status"]) ?? .draft)
    }

    public func saveAutosave(userID: Int64, _ autosave: Autosave) async throws {
        let json = String(decoding: try JSONEncoder().encode(autosave.fields), as: UTF8.self)
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO autosaves (user_id, key, fields, saved_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (user_id, key) DO UPDATE SET fields = excluded.fields, saved_at = excluded.saved_at
                    """,
                arguments: [userID, autosave.key, json, autosave.savedAt])
        }
    }

    public func autosave(userID: Int64, key: String) async throws -> Autosave? {
        let row = try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM autosaves WHERE user_id = ? AND key = ?", arguments: [userID, key])
        }
        return Self.autosave(row)
    }

    public func latestAutosave(userID: Int64, prefix: String) async throws -> Autosave? {
        let row = try await pool.read { db in
            try Row.fetchOne(
                db,
                sql:
                    "SELECT * FROM autosaves WHERE user_id = ? AND substr(key, 1, ?) = ? ORDER BY saved_at DESC LIMIT 1",
                arguments: [userID, prefix.count, prefix])
        }
        return Self.autosave(row)
    }

    public func deleteAutosaves(savedBefore date: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM autosaves WHERE saved_at < ?", arguments: [date])
        }
    }

    static func autosave(_ row: Row?) -> Autosave? {
        guard let row,
            let fields = try? JSONDecoder().decode([String: String].self, from: Data((row["fields"] as String).utf8))
        else { return nil }
        return Autosave(key: row["key"], fields: fields, savedAt: row["saved_at"])
    }

    public func deleteAutosave(userID: Int64, key: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM autosaves WHERE user_id = ? AND key = ?", arguments: [userID, key])
        }
    }

    public func commentCounts() async throws -> [CommentStatus: Int] {
        try await pool.read { db in
            var counts: [CommentStatus: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM comments GROUP BY status") {
                if let status = CommentStatus(rawValue: row["status"]) { counts[status] = row["n"] }
            }
            return counts
        }
    }
}
