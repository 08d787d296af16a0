import Foundation
import NashraCore
import PostgresNIO

extension PostgresStore {
    public func createSection(_ new: NewSection) async throws -> Section {
        guard Slug.isValid(new.slug) else { throw ValidationError(field: "slug", problem: .invalid) }
        return try await transaction { db in
            try await db.bumpVersion()
            if try await db.exists("SELECT 1 FROM sections WHERE slug = \(new.slug)") {
                throw ValidationError(field: "slug", problem: .duplicate)
            }
            if let parent = new.parentID, try await !db.exists("SELECT 1 FROM sections WHERE id = \(parent)") {
                throw ValidationError(field: "parent", problem: .notFound)
            }
            let id = try await db.value(
                """
                INSERT INTO sections (slug, name, description, position, parent_id)
                VALUES (\(new.slug), \(new.name), \(new.description), \(new.position), \(new.parentID)) RETURNING id
                """, as: Int64.self)
            return Section(
                id: id ?? 0, slug: new.slug, name: new.name, description: new.description, position: new.position,
                parentID: new.parentID)
        }
    }

    public func createAuthor(_ new: NewAuthor) async throws -> Author {
        guard Slug.isValid(new.slug) else { throw ValidationError(field: "slug", problem: .invalid) }
        return try await transaction { db in
            try await db.bumpVersion()
            if try await db.exists("SELECT 1 FROM authors WHERE slug = \(new.slug)") {
                throw ValidationError(field: "slug", problem: .duplicate)
            }
            let id = try await db.value(
                "INSERT INTO authors (slug, name, bio) VALUES (\(new.slug), \(new.name), \(new.bio)) RETURNING id",
                as: Int64.self)
            return Author(id: id ?? 0, slug: new.slug, name: new.name, bio: new.bio)
        }
    }

    public func saveArticle(_ article: ValidatedArticle, now: Date) async throws -> Article {
        try await save(article, now: now, editor: nil)
    }

    /// Saves an article; with an editor, a revision is kept in the same transaction.
    func save(_ article: ValidatedArticle, now: Date, editor: User?) async throws -> Article {
        let draft = article.draft
        // Analysis happens before the transaction; the index row is written in the same transaction
        // as the article, so search never disagrees with the site.
        let authorName = try await client.value(
            "SELECT name FROM authors WHERE id = \(draft.authorID)", as: String.self)
        let document = SearchDocument(
            title: article.title, summary: article.summary, bodyHTML: article.body.markup, tags: article.tagNames,
            author: authorName ?? "")
        return try await transaction { db in
            try await db.bumpVersion()
            guard try await db.exists("SELECT 1 FROM sections WHERE id = \(draft.sectionID)") else {
                throw ValidationError(field: "section", problem: .notFound)
            }
            guard try await db.exists("SELECT 1 FROM authors WHERE id = \(draft.authorID)") else {
                throw ValidationError(field: "author", problem: .notFound)
            }
            var previousSlug: String?
            var before: ArticleFootprint?
            if let id = draft.id { before = try await db.footprint(of: id) }
            if let id = draft.id {
                guard let slug = try await db.value("SELECT slug FROM articles WHERE id = \(id)", as: String.self)
                else { throw ValidationError(field: "id", problem: .notFound) }
                previousSlug = slug
            }
            let slug = try await Self.uniqueSlug(article.slug, for: draft.id, in: db)
            let titleKey = StorageRules.titleKey(article.title)
            let id: Int64
            if let existing = draft.id {
                try await db.exec(
                    """
                    UPDATE articles SET slug = \(slug), title = \(article.title), title_key = \(titleKey),
                        summary = \(article.summary), body_html = \(article.body.markup), section_id = \(draft.sectionID),
                        author_id = \(draft.authorID), source_name = \(draft.source?.name),
                        source_url = \(draft.source?.url), cover_url = \(draft.cover?.url), cover_alt = \(draft.cover?.alt),
                        is_breaking = \(draft.isBreaking), status = \(draft.status.rawValue),
                        published_at = \(draft.publishedAt), updated_at = \(now),
                        reading_minutes = \(article.readingMinutes), comments_open = \(draft.commentsOpen),
                        body_markdown = \(draft.bodyMarkdown), is_pinned = \(draft.isPinned),
                        seo_title = \(article.seo.title), seo_description = \(article.seo.description)
                    WHERE id = \(existing)
                    """)
                id = existing
                try await Self.recordSlugChange(from: previousSlug, to: slug, of: id, in: db)
            } else {
                id =
                    try await db.value(
                        """
                        INSERT INTO articles (slug, title, title_key, summary, body_html, section_id, author_id,
                            source_name, source_url, cover_url, cover_alt, is_breaking, status, published_at,
                            updated_at, reading_minutes, comments_open, body_markdown, is_pinned, seo_title,
                            seo_description, created_at)
                        VALUES (\(slug), \(article.title), \(titleKey), \(article.summary), \(article.body.markup),
                            \(draft.sectionID), \(draft.authorID), \(draft.source?.name), \(draft.source?.url),
                            \(draft.cover?.url), \(draft.cover?.alt), \(draft.isBreaking), \(draft.status.rawValue),
                            \(draft.publishedAt), \(now), \(article.readingMinutes), \(draft.commentsOpen),
                            \(draft.bodyMarkdown), \(draft.isPinned), \(article.seo.title),
                            \(article.seo.description), \(now))
                        RETURNING id
                        """, as: Int64.self) ?? 0
            }
            try await Self.replaceTags(article.tagNames, of: id, in: db)
            if let editor {
                let markdown = draft.bodyMarkdown ?? HTMLToMarkdown.convert(article.body)
                try await db.exec(
                    """
                    INSERT INTO revisions (article_id, saved_at, user_id, user_name, title, summary, body_markdown, status)
                    VALUES (\(id), \(now), \(editor.id), \(editor.name), \(article.title), \(article.summary),
                        \(markdown), \(draft.status.rawValue))
                    """)
            }
            if StorageRules.isIndexed(draft.status) {
                try await PostgresSearch.index(document, articleID: id, in: db)
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

    public func addComment(_ new: NewComment) async throws -> Comment {
        try await transaction { db in try await Self.insert(new, in: db) }
    }

    public func addReply(_ reply: NewComment, approving parentID: Int64) async throws -> Comment {
        try await transaction { db in
            try await db.bumpVersion()
            try await db.exec("UPDATE comments SET status = 'approved' WHERE id = \(parentID) AND status <> 'approved'")
            return try await Self.insert(reply, in: db, bumping: false)
        }
    }

    /// Inserts a comment after checking its article and parent; bumps the content version.
    static func insert(_ new: NewComment, in db: PostgresConnection, bumping: Bool = true) async throws -> Comment {
        if bumping { try await db.bumpVersion() }
        guard try await db.exists("SELECT 1 FROM articles WHERE id = \(new.articleID)") else {
            throw ValidationError(field: "article", problem: .notFound)
        }
        if let parent = new.parentID,
            try await !db.exists("SELECT 1 FROM comments WHERE id = \(parent) AND article_id = \(new.articleID)")
        {
            throw ValidationError(field: "parent", problem: .notFound)
        }
        let id = try await db.value(
            """
            INSERT INTO comments (article_id, parent_id, author_name, author_email, author_url, body, status, created_at)
            VALUES (\(new.articleID), \(new.parentID), \(new.authorName), \(new.authorEmail), \(new.authorURL),
                \(new.body), \(new.status.rawValue), \(new.createdAt))
            RETURNING id
            """, as: Int64.self)
        try await db.recordChange(keys: new.status == .approved ? [CacheKey.article(new.articleID)] : [])
        return Comment(
            id: id ?? 0, articleID: new.articleID, parentID: new.parentID, authorName: new.authorName,
            authorEmail: new.authorEmail, authorURL: new.authorURL, body: new.body, status: new.status,
            createdAt: new.createdAt)
    }

    public func setCommentStatus(_ status: CommentStatus, ids: [Int64]) async throws -> [Comment] {
        guard !ids.isEmpty else { return [] }
        return try await transaction { db in
            let changed = try await db.values(
                "UPDATE comments SET status = \(status.rawValue) WHERE id = ANY(\(ids)) RETURNING id", as: Int64.self)
            let comments = try await db.all("SELECT * FROM comments WHERE id = ANY(\(ids)) ORDER BY id")
                .map(PostgresRows.comment)
            if !changed.isEmpty {
                try await db.bumpVersion()
                try await db.recordChange(keys: Set(comments.map { CacheKey.article($0.articleID) }))
            }
            return comments
        }
    }

    public func saveSettings(_ settings: SiteSettings) async throws {
        try await transaction { db in
            try await db.bumpVersion()
            for key in SiteSettings.keys {
                guard let value = settings.value(for: key) else { continue }
                try await db.exec(
                    """
                    INSERT INTO settings (key, value) VALUES (\(key), \(value))
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value
                    """)
            }
        }
    }

    // MARK: - Helpers inside a write transaction

    /// `slug`, or `slug-2`, `slug-3`… — the first no other article uses now or used before.
    /// An article's slug changed from `previous` (nil for none): the old one keeps leading to it, and
    /// the new one is no longer anyone's old slug.
    static func recordSlugChange(from previous: String?, to slug: String, of id: Int64, in db: some QueryRunner)
        async throws
    {
        if let previous, previous != slug {
            try await db.exec(
                """
                INSERT INTO article_slug_history (slug, article_id) VALUES (\(previous), \(id))
                ON CONFLICT (slug) DO UPDATE SET article_id = excluded.article_id
                """)
        }
        try await db.exec("DELETE FROM article_slug_history WHERE slug = \(slug)")
    }

    static func uniqueSlug(_ slug: String, for articleID: Int64?, in db: some QueryRunner) async throws -> String {
        let pattern = likeEscaped(slug) + "-%"
        var owners: [String: Int64] = [:]
        for row in try await db.all(
            """
            SELECT slug, id FROM articles WHERE slug = \(slug) OR slug LIKE \(pattern)
            UNION ALL
            SELECT slug, article_id FROM article_slug_history WHERE slug = \(slug) OR slug LIKE \(pattern)
            """)
        {
            let taken: String = try row["slug"]
            if owners[taken] == nil { owners[taken] = try row["id"] }
        }
        return StorageRules.firstFreeSlug(slug, owners: owners, for: articleID)
    }

    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    /// Tags are upserted by slug: a name met again is the same tag.
    static func replaceTags(_ names: [String], of articleID: Int64, in db: some QueryRunner) async throws {
        try await db.exec("DELETE FROM article_tags WHERE article_id = \(articleID)")
        for (position, name) in names.enumerated() {
            let slug = StorageRules.tagSlug(name)
            let tagID =
                try await db.value(
                    """
                    INSERT INTO tags (slug, name) VALUES (\(slug), \(name))
                    ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug RETURNING id
                    """, as: Int64.self) ?? 0
            try await db.exec(
                """
                INSERT INTO article_tags (article_id, tag_id, position) VALUES (\(articleID), \(tagID), \(position))
                ON CONFLICT DO NOTHING
                """)
        }
    }
}
