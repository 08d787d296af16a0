import Foundation
import GRDB
import NashraCore

extension SQLiteStore {
    public func createSection(_ new: NewSection) async throws -> Section {
        try await pool.write { db in
            guard Slug.isValid(new.slug) else { throw ValidationError(field: "slug", problem: .invalid) }
            if try Self.exists(db, "SELECT 1 FROM sections WHERE slug = ?", [new.slug]) {
                throw ValidationError(field: "slug", problem: .duplicate)
            }
            if let parent = new.parentID, try !Self.exists(db, "SELECT 1 FROM sections WHERE id = ?", [parent]) {
                throw ValidationError(field: "parent", problem: .notFound)
            }
            try db.execute(
                sql: "INSERT INTO sections (slug, name, description, position, parent_id) VALUES (?, ?, ?, ?, ?)",
                arguments: [new.slug, new.name, new.description, new.position, new.parentID])
            try Self.bumpVersion(db)
            return Section(
                id: db.lastInsertedRowID, slug: new.slug, name: new.name, description: new.description,
                position: new.position, parentID: new.parentID)
        }
    }

    public func createAuthor(_ new: NewAuthor) async throws -> Author {
        try await pool.write { db in
            guard Slug.isValid(new.slug) else { throw ValidationError(field: "slug", problem: .invalid) }
            if try Self.exists(db, "SELECT 1 FROM authors WHERE slug = ?", [new.slug]) {
                throw ValidationError(field: "slug", problem: .duplicate)
            }
            try db.execute(
                sql: "INSERT INTO authors (slug, name, bio) VALUES (?, ?, ?)", arguments: [new.slug, new.name, new.bio])
            try Self.bumpVersion(db)
            return Author(id: db.lastInsertedRowID, slug: new.slug, name: new.name, bio: new.bio)
        }
    }

    public func saveArticle(_ article: ValidatedArticle, now: Date) async throws -> Article {
        try await save(article, now: now, editor: nil)
    }

    /// Saves an article; with an editor, a revision is kept in the same transaction.
    func save(_ article: ValidatedArticle, now: Date, editor: User?) async throws -> Article {
        // Analysis happens before the write lock is taken; the index row is written in the same
        // transaction as the article, so search never disagrees with the site.
        let authorName = try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT name FROM authors WHERE id = ?", arguments: [article.draft.authorID])
        }
        let document = SearchDocument(
            title: article.title, summary: article.summary, bodyHTML: article.body.markup, tags: article.tagNames,
            author: authorName ?? "")
        return try await pool.write { db in
            let draft = article.draft
            guard try Self.exists(db, "SELECT 1 FROM sections WHERE id = ?", [draft.sectionID]) else {
                throw ValidationError(field: "section", problem: .notFound)
            }
            guard try Self.exists(db, "SELECT 1 FROM authors WHERE id = ?", [draft.authorID]) else {
                throw ValidationError(field: "author", problem: .notFound)
            }
            var previousSlug: String?
            let before = try draft.id.flatMap { try Self.footprint(of: $0, in: db) }
            if let id = draft.id {
                guard let slug = try String.fetchOne(db, sql: "SELECT slug FROM articles WHERE id = ?", arguments: [id])
                else { throw ValidationError(field: "id", problem: .notFound) }
                previousSlug = slug
            }
            let slug = try Self.uniqueSlug(article.slug, for: draft.id, in: db)
            let values: [(any DatabaseValueConvertible)?] = [
                slug, article.title, article.summary, article.body.markup, draft.sectionID, draft.authorID,
                draft.source?.name, draft.source?.url, draft.cover?.url, draft.cover?.alt, draft.isBreaking,
                draft.status.rawValue, draft.publishedAt, now, article.readingMinutes, draft.commentsOpen,
                draft.bodyMarkdown, draft.isPinned, article.seo.title, article.seo.description,
            ]
            let id: Int64
            if let existing = draft.id {
                try db.execute(
                    sql: """
                        UPDATE articles SET slug = ?, title = ?, summary = ?, body_html = ?, section_id = ?, author_id = ?,
                            source_name = ?, source_url = ?, cover_url = ?, cover_alt = ?, is_breaking = ?, status = ?,
                            published_at = ?, updated_at = ?, reading_minutes = ?, comments_open = ?, body_markdown = ?,
                            is_pinned = ?, seo_title = ?, seo_description = ?
                        WHERE id = ?
                        """,
                    arguments: StatementArguments(values + [existing]))
                id = existing
                try Self.recordSlugChange(from: previousSlug, to: slug, of: id, in: db)
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO articles (slug, title, summary, body_html, section_id, author_id, source_name,
                            source_url, cover_url, cover_alt, is_breaking, status, published_at, updated_at,
                            reading_minutes, comments_open, body_markdown, is_pinned, seo_title, seo_description,
                            created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: StatementArguments(values + [now]))
                id = db.lastInsertedRowID
            }
            try Self.replaceTags(article.tagNames, of: id, in: db)
            if let editor {
                try db.execute(
                    sql: """
                        INSERT INTO revisions (article_id, saved_at, user_id, user_name, title, summary, body_markdown, status)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        id, now, editor.id, editor.name, article.title, article.summary,
                        draft.bodyMarkdown ?? HTMLToMarkdown.convert(article.body), draft.status.rawValue,
                    ])
            }
            try Self.setTitleKey(article.title, of: id, in: db)
            if StorageRules.isIndexed(article.draft.status) {
                try Self.index(document, articleID: id, in: db)
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

    public func addComment(_ new: NewComment) async throws -> Comment {
        try await pool.write { db in try Self.insert(new, in: db) }
    }

    public func addReply(_ reply: NewComment, approving parentID: Int64) async throws -> Comment {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE comments SET status = ? WHERE id = ? AND status <> ?",
                arguments: [CommentStatus.approved.rawValue, parentID, CommentStatus.approved.rawValue])
            return try Self.insert(reply, in: db)
        }
    }

    /// Inserts a comment after checking its article and parent; bumps the content version.
    static func insert(_ new: NewComment, in db: Database) throws -> Comment {
        guard try exists(db, "SELECT 1 FROM articles WHERE id = ?", [new.articleID]) else {
            throw ValidationError(field: "article", problem: .notFound)
        }
        if let parent = new.parentID,
            try !exists(db, "SELECT 1 FROM comments WHERE id = ? AND article_id = ?", [parent, new.articleID])
        {
            throw ValidationError(field: "parent", problem: .notFound)
        }
        try db.execute(
            sql: """
                INSERT INTO comments (article_id, parent_id, author_name, author_email, author_url, body, status, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                new.articleID, new.parentID, new.authorName, new.authorEmail, new.authorURL, new.body,
                new.status.rawValue, new.createdAt,
            ])
        try bumpVersion(db, keys: new.status == .approved ? [CacheKey.article(new.articleID)] : [])
        return Comment(
            id: db.lastInsertedRowID, articleID: new.articleID, parentID: new.parentID, authorName: new.authorName,
            authorEmail: new.authorEmail, authorURL: new.authorURL, body: new.body, status: new.status,
            createdAt: new.createdAt)
    }

    public func setCommentStatus(_ status: CommentStatus, ids: [Int64]) async throws -> [Comment] {
        guard !ids.isEmpty else { return [] }
        return try await pool.write { db in
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
            try db.execute(
                sql: "UPDATE comments SET status = ? WHERE id IN (\(marks))",
                arguments: StatementArguments([status.rawValue] as [any DatabaseValueConvertible] + ids))
            let changed = db.changesCount > 0
            let comments = try Row.fetchAll(
                db, sql: "SELECT * FROM comments WHERE id IN (\(marks)) ORDER BY id", arguments: StatementArguments(ids)
            ).map(RowMapping.comment)
            if changed { try Self.bumpVersion(db, keys: Set(comments.map { CacheKey.article($0.articleID) })) }
            return comments
        }
    }

    public func saveSettings(_ settings: SiteSettings) async throws {
        try await pool.write { db in
            for key in SiteSettings.keys {
                guard let value = settings.value(for: key) else { continue }
                try db.execute(
                    sql:
                        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    arguments: [key, value])
            }
            try Self.bumpVersion(db)
        }
    }

    // MARK: - Helpers inside a write transaction

    static func exists(_ db: Database, _ sql: String, _ arguments: StatementArguments) throws -> Bool {
        try Int.fetchOne(db, sql: sql, arguments: arguments) != nil
    }

    /// `slug`, or `slug-2`, `slug-3`… — the first one no other article uses now or used before
    /// (``StorageRules/firstFreeSlug(_:owners:for:)`` decides; this gathers who holds what).
    static func uniqueSlug(_ slug: String, for articleID: Int64?, in db: Database) throws -> String {
        // Every slug starting with "slug-": a range on the index ('.' follows '-'), since LIKE here
        // ignores case and cannot use it.
        var owners: [String: Int64] = [:]
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT slug, id FROM articles WHERE slug = ?1 OR (slug >= ?1 || '-' AND slug < ?1 || '.')
                    UNION ALL
                    SELECT slug, article_id FROM article_slug_history
                    WHERE slug = ?1 OR (slug >= ?1 || '-' AND slug < ?1 || '.')
                    """), arguments: [slug])
        for row in rows { owners[row[0]] = owners[row[0]] ?? row[1] }
        return StorageRules.firstFreeSlug(slug, owners: owners, for: articleID)
    }

    /// An article's slug changed from `previous` (nil for none): the old one keeps leading to it, and
    /// the new one is no longer anyone's old slug.
    static func recordSlugChange(from previous: String?, to slug: String, of id: Int64, in db: Database) throws {
        if let previous, previous != slug {
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO article_slug_history (slug, article_id) VALUES (?, ?)")
                .execute(arguments: [previous, id])
        }
        try db.cachedStatement(sql: "DELETE FROM article_slug_history WHERE slug = ?").execute(arguments: [slug])
    }

    static func setTitleKey(_ title: String, of articleID: Int64, in db: Database) throws {
        try db.cachedStatement(sql: "UPDATE articles SET title_key = ? WHERE id = ?").execute(
            arguments: [StorageRules.titleKey(title), articleID])
    }

    static func replaceTags(_ names: [String], of articleID: Int64, in db: Database) throws {
        var known: [String: Int64] = [:]
        _ = try replaceTags(names, of: articleID, known: &known, in: db)
    }

    /// Sets an article's tags, making the ones that do not exist; `known` holds tag ids by slug
    /// already looked up in this transaction. Returns the ids of the article's tags.
    static func replaceTags(
        _ names: [String], of articleID: Int64, known: inout [String: Int64], in db: Database
    ) throws -> [Int64] {
        try db.cachedStatement(sql: "DELETE FROM article_tags WHERE article_id = ?").execute(arguments: [articleID])
        var ids: [Int64] = []
        for (position, name) in names.enumerated() {
            let slug = StorageRules.tagSlug(name)
            let tagID: Int64
            if let id = known[slug] {
                tagID = id
            } else if let existing = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM tags WHERE slug = ?"), arguments: [slug])
            {
                tagID = existing
            } else {
                try db.cachedStatement(sql: "INSERT INTO tags (slug, name) VALUES (?, ?)").execute(arguments: [
                    slug, name,
                ])
                tagID = db.lastInsertedRowID
            }
            known[slug] = tagID
            try db.cachedStatement(
                sql: "INSERT OR IGNORE INTO article_tags (article_id, tag_id, position) VALUES (?, ?, ?)"
            ).execute(arguments: [articleID, tagID, position])
            if !ids.contains(tagID) { ids.append(tagID) }
        }
        return ids
    }
}
