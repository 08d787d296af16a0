import Foundation
import NashraCore
import PostgresNIO

extension PostgresStore {
    public func importTaxonomy(_ taxonomy: ImportedTaxonomy) async throws -> (sections: Int, authors: Int) {
        try await transaction { db in
            try await db.bumpVersion()
            let now = Date()
            var sections = 0
            for section in taxonomy.sections {
                var parentID: Int64?
                if let parentSlug = section.parentSlug {
                    parentID = try await db.value("SELECT id FROM sections WHERE slug = \(parentSlug)", as: Int64.self)
                }
                let id: Int64
                if let existing = try await db.value(
                    "SELECT id FROM sections WHERE slug = \(section.slug)", as: Int64.self)
                {
                    let parent = parentID == existing ? nil : parentID
                    try await db.exec(
                        """
                        UPDATE sections SET name = \(section.name), description = \(section.description),
                            parent_id = \(parent) WHERE id = \(existing)
                        """)
                    id = existing
                } else {
                    id =
                        try await db.value(
                            """
                            INSERT INTO sections (slug, name, description, parent_id)
                            VALUES (\(section.slug), \(section.name), \(section.description), \(parentID)) RETURNING id
                            """, as: Int64.self) ?? 0
                    sections += 1
                }
                for key in section.oldKeys {
                    try await Self.saveImportedRedirect(key, kind: "section", id: id, value: nil, now: now, in: db)
                }
            }
            var authors = 0
            for author in taxonomy.authors {
                let id: Int64
                if let existing = try await db.value(
                    "SELECT id FROM authors WHERE slug = \(author.slug)", as: Int64.self)
                {
                    // A WordPress export has no biography: the one the newsroom wrote stays.
                    try await db.exec(
                        "UPDATE authors SET name = \(author.name), bio = coalesce(\(author.bio), bio) WHERE id = \(existing)"
                    )
                    id = existing
                } else {
                    id =
                        try await db.value(
                            """
                            INSERT INTO authors (slug, name, bio) VALUES (\(author.slug), \(author.name), \(author.bio ?? ""))
                            RETURNING id
                            """,
                            as: Int64.self) ?? 0
                    authors += 1
                }
                for key in author.oldKeys {
                    try await Self.saveImportedRedirect(key, kind: "author", id: id, value: nil, now: now, in: db)
                }
            }
            for (key, slug) in taxonomy.tagKeys {
                try await Self.saveImportedRedirect(key, kind: "tag", id: nil, value: slug, now: now, in: db)
            }
            for (key, path) in taxonomy.pathKeys {
                try await Self.saveImportedRedirect(key, kind: "path", id: nil, value: path, now: now, in: db)
            }
            return (sections, authors)
        }
    }

    public func importPosts(_ posts: [ImportedPost], checkpoint: ImportCheckpoint, now: Date) async throws
        -> [ImportedPostOutcome]
    {
        try await transaction { db in
            try await db.bumpVersion()
            var sections: [String: Int64] = [:]
            var authors: [String: Int64] = [:]
            var keys: Set<String> = []
            var indexed: [(id: Int64, document: SearchDocument)] = []
            var outcomes: [ImportedPostOutcome] = []
            for post in posts {
                let sectionID = try await Self.importedOwner(
                    .sections, name: post.sectionName, slug: post.sectionSlug, known: &sections, created: &keys, in: db)
                let authorID = try await Self.importedOwner(
                    .authors, name: post.authorName, slug: post.authorSlug, known: &authors, created: &keys, in: db)
                let existing = try await db.value(
                    "SELECT id FROM articles WHERE external_id = \(post.externalID)", as: Int64.self)
                var before: ArticleFootprint?
                var previousSlug: String?
                if let existing {
                    before = try await db.footprint(of: existing)
                    previousSlug = try await db.value(
                        "SELECT slug FROM articles WHERE id = \(existing)", as: String.self)
                }
                let slug = try await Self.uniqueSlug(post.slug, for: existing, in: db)
                let titleKey = StorageRules.titleKey(post.title)
                let id: Int64
                if let existing {
                    try await db.exec(
                        """
                        UPDATE articles SET slug = \(slug), title = \(post.title), title_key = \(titleKey),
                            summary = \(post.summary), body_html = \(post.body.markup), section_id = \(sectionID),
                            author_id = \(authorID), cover_url = \(post.cover?.url), cover_alt = \(post.cover?.alt),
                            status = \(post.status.rawValue), published_at = \(post.publishedAt), updated_at = \(now),
                            reading_minutes = \(post.readingMinutes), comments_open = \(post.commentsOpen),
                            source_name = \(post.source?.name), source_url = \(post.source?.url),
                            is_breaking = \(post.isBreaking), body_markdown = \(post.bodyMarkdown),
                            is_pinned = \(post.isPinned), seo_title = \(post.seo.title),
                            seo_description = \(post.seo.description)
                        WHERE id = \(existing)
                        """)
                    id = existing
                    try await Self.recordSlugChange(from: previousSlug, to: slug, of: id, in: db)
                } else {
                    id =
                        try await db.value(
                            """
                            INSERT INTO articles (slug, title, title_key, summary, body_html, section_id, author_id,
                                cover_url, cover_alt, status, published_at, updated_at, reading_minutes, comments_open,
                                source_name, source_url, is_breaking, body_markdown, is_pinned, seo_title,
                                seo_description, created_at, external_id)
                            VALUES (\(slug), \(post.title), \(titleKey), \(post.summary), \(post.body.markup),
                                \(sectionID), \(authorID), \(post.cover?.url), \(post.cover?.alt), \(post.status.rawValue),
                                \(post.publishedAt), \(now), \(post.readingMinutes), \(post.commentsOpen),
                                \(post.source?.name), \(post.source?.url), \(post.isBreaking), \(post.bodyMarkdown),
                                \(post.isPinned), \(post.seo.title), \(post.seo.description),
                                \(post.publishedAt ?? now), \(post.externalID))
                            RETURNING id
                            """, as: Int64.self) ?? 0
                }
                try await Self.replaceTags(post.tags, of: id, in: db)
                if StorageRules.isIndexed(post.status) {
                    indexed.append((id, post.search))
                } else {
                    try await PostgresSearch.unindex(articleID: id, in: db)
                }
                let (created, updated) = try await Self.importComments(post.comments, articleID: id, in: db)
                for key in post.oldKeys {
                    try await Self.saveImportedRedirect(key, kind: "article", id: id, value: nil, now: now, in: db)
                }
                keys.formUnion(StorageRules.cacheKeys(before: before, after: try await db.footprint(of: id)))
                if created + updated > 0 { keys.insert(CacheKey.article(id)) }
                outcomes.append(
                    ImportedPostOutcome(
                        articleID: id, created: existing == nil, commentsCreated: created, commentsUpdated: updated))
            }
            try await PostgresSearch.index(indexed, in: db)
            try await db.exec(
                """
                INSERT INTO meta (key, value) VALUES (\(checkpoint.key), \(Int64(checkpoint.items)))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """)
            try await db.recordChange(keys: keys)
            return outcomes
        }
    }

    /// Comments matched by external id; parents are set once every comment of the article is in.
    private static func importComments(_ comments: [ImportedComment], articleID: Int64, in db: PostgresConnection)
        async throws -> (created: Int, updated: Int)
    {
        var ids: [String: Int64] = [:]
        var created = 0
        for comment in comments {
            if let existing = try await db.value(
                "SELECT id FROM comments WHERE external_id = \(comment.externalID)", as: Int64.self)
            {
                try await db.exec(
                    """
                    UPDATE comments SET article_id = \(articleID), author_name = \(comment.authorName),
                        author_email = \(comment.authorEmail), author_url = \(comment.authorURL), body = \(comment.body),
                        status = \(comment.status.rawValue), created_at = \(comment.createdAt)
                    WHERE id = \(existing)
                    """)
                ids[comment.externalID] = existing
            } else {
                ids[comment.externalID] =
                    try await db.value(
                        """
                        INSERT INTO comments (article_id, author_name, author_email, author_url, body, status, created_at,
                            external_id)
                        VALUES (\(articleID), \(comment.authorName), \(comment.authorEmail), \(comment.authorURL),
                            \(comment.body), \(comment.status.rawValue), \(comment.createdAt), \(comment.externalID))
                        RETURNING id
                        """, as: Int64.self)
                created += 1
            }
        }
        for comment in comments {
            let parent = comment.parentExternalID.flatMap { ids[$0] }
            try await db.exec("UPDATE comments SET parent_id = \(parent) WHERE id = \(ids[comment.externalID])")
        }
        return (created, comments.count - created)
    }

    /// An import's redirect; one the newsroom set for the same address wins.
    static func saveImportedRedirect(
        _ key: String, kind: String, id: Int64?, value: String?, now: Date, in db: PostgresConnection
    ) async throws {
        try await db.exec(
            """
            INSERT INTO redirects (from_key, target_kind, target_id, target_value, origin, created_at)
            VALUES (\(key), \(kind), \(id), \(value), 'wordpress', \(now))
            ON CONFLICT (from_key) DO UPDATE SET target_kind = excluded.target_kind, target_id = excluded.target_id,
                target_value = excluded.target_value WHERE redirects.origin = 'wordpress'
            """)
    }

    public func importCheckpoint(key: String) async throws -> Int {
        Int(try await client.value("SELECT value FROM meta WHERE key = \(key)", as: Int64.self) ?? 0)
    }

    public func clearImportCheckpoint(key: String) async throws {
        try await client.exec("DELETE FROM meta WHERE key = \(key)")
    }
}

extension PostgresStore {
    public func articleIDs(after id: Int64, limit: Int) async throws -> [Int64] {
        try await client.values("SELECT id FROM articles WHERE id > \(id) ORDER BY id LIMIT \(limit)", as: Int64.self)
    }

    public func allComments(articleID: Int64) async throws -> [Comment] {
        try await client.all("SELECT * FROM comments WHERE article_id = \(articleID) ORDER BY created_at, id")
            .map(PostgresRows.comment)
    }
}

extension PostgresStore {
    public func importedMedia(externalID: String) async throws -> MediaItem? {
        try await mediaWithVariants(client.all("SELECT * FROM media WHERE external_id = \(externalID)")).first
    }

    public func addImportedMedia(_ new: NewMedia, externalID: String) async throws -> MediaItem {
        let id = try await client.value(
            """
            INSERT INTO media (file_name, original_name, mime_type, width, height, bytes, uploaded_at, user_id,
                alt, caption, credit, focal_x, focal_y, external_id)
            VALUES (\(new.fileName), \(new.originalName), \(new.mimeType), \(new.width), \(new.height), \(new.bytes),
                \(new.uploadedAt), \(new.userID), \(new.details.alt), \(new.details.caption), \(new.details.credit),
                \(new.details.focus.x), \(new.details.focus.y), \(externalID))
            RETURNING id
            """, as: Int64.self)
        return try await insertedMedia(id)
    }
}
