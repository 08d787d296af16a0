import Foundation
import GRDB
import NashraCore

extension SQLiteStore {
    public func importTaxonomy(_ taxonomy: ImportedTaxonomy) async throws -> (sections: Int, authors: Int) {
        try await pool.write { db in
            let now = Date()
            var sections = 0
            for section in taxonomy.sections {
                let parentID = try section.parentSlug.flatMap {
                    try Int64.fetchOne(db, sql: "SELECT id FROM sections WHERE slug = ?", arguments: [$0])
                }
                let existing = try Int64.fetchOne(
                    db, sql: "SELECT id FROM sections WHERE slug = ?", arguments: [section.slug])
                if let existing {
                    try db.execute(
                        sql: "UPDATE sections SET name = ?, description = ?, parent_id = ? WHERE id = ?",
                        arguments: [section.name, section.description, parentID == existing ? nil : parentID, existing])
                } else {
                    try db.execute(
                        sql: "INSERT INTO sections (slug, name, description, parent_id) VALUES (?, ?, ?, ?)",
                        arguments: [section.slug, section.name, section.description, parentID])
                    sections += 1
                }
                let id = try existing ?? db.lastInsertedRowID
                for key in section.oldKeys {
                    try Self.saveImportedRedirect(key, kind: "section", id: id, value: nil, now: now, in: db)
                }
            }
            var authors = 0
            for author in taxonomy.authors {
                let existing = try Int64.fetchOne(
                    db, sql: "SELECT id FROM authors WHERE slug = ?", arguments: [author.slug])
                if let existing {
                    // A WordPress export has no biography: the one the newsroom wrote stays.
                    try db.execute(
                        sql: "UPDATE authors SET name = ?, bio = coalesce(?, bio) WHERE id = ?",
                        arguments: [author.name, author.bio, existing])
                } else {
                    try db.execute(
                        sql: "INSERT INTO authors (slug, name, bio) VALUES (?, ?, ?)",
                        arguments: [author.slug, author.name, author.bio ?? ""])
                    authors += 1
                }
                let id = try existing ?? db.lastInsertedRowID
                for key in author.oldKeys {
                    try Self.saveImportedRedirect(key, kind: "author", id: id, value: nil, now: now, in: db)
                }
            }
            for (key, slug) in taxonomy.tagKeys {
                try Self.saveImportedRedirect(key, kind: "tag", id: nil, value: slug, now: now, in: db)
            }
            for (key, path) in taxonomy.pathKeys {
                try Self.saveImportedRedirect(key, kind: "path", id: nil, value: path, now: now, in: db)
            }
            try Self.bumpVersion(db)
            return (sections, authors)
        }
    }

    public func importPosts(_ posts: [ImportedPost], checkpoint: ImportCheckpoint, now: Date) async throws
        -> [ImportedPostOutcome]
    {
        try await pool.write { db in
            var keys: Set<String> = []
            var outcomes: [ImportedPostOutcome] = []
            let nowText = StorageDate.text(now)
            // Posts of a batch share a few sections, authors and tags: each is looked up once.
            var known = KnownRows()
            for post in posts {
                let sectionID = try known.section(post.sectionSlug, name: post.sectionName, in: db)
                let authorID = try known.author(post.authorSlug, name: post.authorName, in: db)
                let existing = try Int64.fetchOne(
                    db.cachedStatement(sql: "SELECT id FROM articles WHERE external_id = ?"),
                    arguments: [post.externalID])
                let before = try existing.flatMap { try Self.footprint(of: $0, in: db) }
                let previousSlug = try existing.flatMap {
                    try String.fetchOne(
                        db.cachedStatement(sql: "SELECT slug FROM articles WHERE id = ?"), arguments: [$0])
                }
                let slug = try Self.uniqueSlug(post.slug, for: existing, in: db)
                let values: [(any DatabaseValueConvertible)?] = [
                    slug, post.title, post.summary, post.body.markup, sectionID, authorID, post.cover?.url,
                    post.cover?.alt, post.status.rawValue, post.publishedAt.map(StorageDate.text), nowText,
                    post.readingMinutes,
                    post.commentsOpen, post.source?.name, post.source?.url, post.isBreaking, post.bodyMarkdown,
                    post.isPinned, post.seo.title, post.seo.description, StorageRules.titleKey(post.title),
                ]
                let id: Int64
                if let existing {
                    try db.cachedStatement(
                        sql: """
                            UPDATE articles SET slug = ?, title = ?, summary = ?, body_html = ?, section_id = ?, author_id = ?,
                                cover_url = ?, cover_alt = ?, status = ?, published_at = ?, updated_at = ?,
                                reading_minutes = ?, comments_open = ?, source_name = ?, source_url = ?, is_breaking = ?,
                                body_markdown = ?, is_pinned = ?, seo_title = ?, seo_description = ?, title_key = ?
                            WHERE id = ?
                            """
                    ).execute(arguments: StatementArguments(values + [existing]))
                    id = existing
                    try Self.recordSlugChange(from: previousSlug, to: slug, of: id, in: db)
                } else {
                    try db.cachedStatement(
                        sql: """
                            INSERT INTO articles (slug, title, summary, body_html, section_id, author_id, cover_url, cover_alt,
                                status, published_at, updated_at, reading_minutes, comments_open, source_name, source_url,
                                is_breaking, body_markdown, is_pinned, seo_title, seo_description, title_key, created_at,
                                external_id)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """
                    ).execute(
                        arguments: StatementArguments(
                            values + [post.publishedAt.map(StorageDate.text) ?? nowText, post.externalID]))
                    id = db.lastInsertedRowID
                }
                let tagIDs = try Self.replaceTags(post.tags, of: id, known: &known.tags, in: db)
                if StorageRules.isIndexed(post.status) {
                    try Self.index(post.search, articleID: id, in: db)
                } else {
                    try db.cachedStatement(sql: "DELETE FROM article_search WHERE rowid = ?").execute(arguments: [id])
                }
                let (created, updated) = try Self.importComments(post.comments, articleID: id, in: db)
                for key in post.oldKeys {
                    try Self.saveImportedRedirect(key, kind: "article", id: id, value: nil, now: nowText, in: db)
                }
                // Where it shows now, from what was just written (as `footprint(of:in:)` would read it).
                let after = ArticleFootprint(
                    id: id, isPublic: post.status == .published,
                    sectionIDs: [sectionID] + [try known.parent(ofSection: sectionID, in: db)].compactMap { $0 },
                    authorID: authorID, tagIDs: tagIDs)
                keys.formUnion(StorageRules.cacheKeys(before: before, after: after))
                if created + updated > 0 { keys.insert(CacheKey.article(id)) }
                outcomes.append(
                    ImportedPostOutcome(
                        articleID: id, created: existing == nil, commentsCreated: created, commentsUpdated: updated))
            }
            try db.execute(
                sql:
                    "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: [checkpoint.key, checkpoint.items])
            try Self.bumpVersion(db, keys: keys)
            return outcomes
        }
    }

    /// Comments matched by external id; parents are set once every comment of the article is in.
    private static func importComments(_ comments: [ImportedComment], articleID: Int64, in db: Database) throws -> (
        created: Int, updated: Int
    ) {
        var ids: [String: Int64] = [:]
        var created = 0
        // Threads come parents first: a reply gets its parent as it is written, and only a reply
        // that comes before its parent is updated once every comment is in.
        var late: [ImportedComment] = []
        for comment in comments {
            let parent = comment.parentExternalID.flatMap { ids[$0] }
            if comment.parentExternalID != nil, parent == nil { late.append(comment) }
            let values: [(any DatabaseValueConvertible)?] = [
                articleID, comment.authorName, comment.authorEmail, comment.authorURL, comment.body,
                comment.status.rawValue, StorageDate.text(comment.createdAt), parent,
            ]
            if let existing = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM comments WHERE external_id = ?"),
                arguments: [comment.externalID])
            {
                try db.cachedStatement(
                    sql: """
                        UPDATE comments SET article_id = ?, author_name = ?, author_email = ?, author_url = ?, body = ?,
                            status = ?, created_at = ?, parent_id = ? WHERE id = ?
                        """
                ).execute(arguments: StatementArguments(values + [existing]))
                ids[comment.externalID] = existing
            } else {
                try db.cachedStatement(
                    sql: """
                        INSERT INTO comments (article_id, author_name, author_email, author_url, body, status, created_at,
                            parent_id, external_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """
                ).execute(arguments: StatementArguments(values + [comment.externalID]))
                ids[comment.externalID] = db.lastInsertedRowID
                created += 1
            }
        }
        for comment in late {
            guard let parent = comment.parentExternalID.flatMap({ ids[$0] }) else { continue }
            try db.cachedStatement(sql: "UPDATE comments SET parent_id = ? WHERE id = ?").execute(arguments: [
                parent, ids[comment.externalID],
            ])
        }
        return (created, comments.count - created)
    }

    /// An import's redirect; one the newsroom set for the same address wins.
    static func saveImportedRedirect(
        _ key: String, kind: String, id: Int64?, value: String?, now: some DatabaseValueConvertible, in db: Database
    ) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO redirects (from_key, target_kind, target_id, target_value, origin, created_at)
                VALUES (?, ?, ?, ?, 'wordpress', ?)
                ON CONFLICT(from_key) DO UPDATE SET target_kind = excluded.target_kind, target_id = excluded.target_id,
                    target_value = excluded.target_value WHERE redirects.origin = 'wordpress'
                """
        ).execute(arguments: [key, kind, id, value, now])
    }

    public func importCheckpoint(key: String) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) ?? 0
        }
    }

    public func clearImportCheckpoint(key: String) async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [key]) }
    }
}

extension SQLiteStore {
    public func articleIDs(after id: Int64, limit: Int) async throws -> [Int64] {
        try await pool.read { db in
            try Int64.fetchAll(
                db, sql: "SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT ?", arguments: [id, limit])
        }
    }

    public func allComments(articleID: Int64) async throws -> [Comment] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM comments WHERE article_id = ? ORDER BY created_at, id", arguments: [articleID]
            ).map(RowMapping.comment)
        }
    }
}

extension SQLiteStore {
    public func importedMedia(externalID: String) async throws -> MediaItem? {
        try await pool.read { db in
            try Self.media(
                Row.fetchAll(db, sql: "SELECT * FROM media WHERE external_id = ?", arguments: [externalID]), in: db
            ).first
        }
    }

    public func addImportedMedia(_ new: NewMedia, externalID: String) async throws -> MediaItem {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO media (file_name, original_name, mime_type, width, height, bytes, uploaded_at, user_id,
                        alt, caption, credit, focal_x, focal_y, external_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    new.fileName, new.originalName, new.mimeType, new.width, new.height, new.bytes, new.uploadedAt,
                    new.userID, new.details.alt, new.details.caption, new.details.credit, new.details.focus.x,
                    new.details.focus.y, externalID,
                ])
            return try Self.insertedMedia(in: db)
        }
    }
}
