import Foundation
import NashraCore
import PostgresNIO

/// Turning rows into Core types. Column lists live next to the code that reads them.
enum PostgresRows {
    /// Columns for ``ArticleSummary``; FROM `articles a` joined to `sections s` and `authors au`.
    static let summaryColumns = """
        a.id, a.slug, a.title, a.summary, a.section_id, s.slug AS section_slug, s.name AS section_name,
        au.slug AS author_slug, au.name AS author_name, a.cover_url, a.cover_alt, a.is_breaking,
        a.published_at, a.reading_minutes
        """
    static let summaryJoins = "JOIN sections s ON s.id = a.section_id JOIN authors au ON au.id = a.author_id"

    /// Visible at the time bound as `now` (a placeholder such as `$1`).
    static func visible(_ now: String) -> String {
        "a.status = 'published' AND a.published_at <= \(now)"
    }

    static func summary(_ row: Columns) throws -> ArticleSummary {
        ArticleSummary(
            id: try row["id"], slug: try row["slug"], title: try row["title"], summary: try row["summary"],
            sectionID: try row["section_id"], sectionSlug: try row["section_slug"],
            sectionName: try row["section_name"], authorSlug: try row["author_slug"],
            authorName: try row["author_name"],
            cover: cover(url: try row.optional("cover_url"), alt: try row.optional("cover_alt")),
            isBreaking: try row["is_breaking"], publishedAt: try row["published_at"],
            readingMinutes: try row["reading_minutes"])
    }

    static func cover(url: String?, alt: String?) -> CoverImage? {
        guard let url, let alt else { return nil }
        return CoverImage(url: url, alt: alt)
    }

    static func section(_ row: Columns) throws -> Section {
        Section(
            id: try row["id"], slug: try row["slug"], name: try row["name"], description: try row["description"],
            position: try row["position"], parentID: try row.optional("parent_id"))
    }

    static func author(_ row: Columns) throws -> Author {
        Author(id: try row["id"], slug: try row["slug"], name: try row["name"], bio: try row["bio"])
    }

    static func tag(_ row: Columns) throws -> Tag {
        Tag(id: try row["id"], slug: try row["slug"], name: try row["name"])
    }

    static func comment(_ row: Columns) throws -> Comment {
        Comment(
            id: try row["id"], articleID: try row["article_id"], parentID: try row.optional("parent_id"),
            authorName: try row["author_name"], authorEmail: try row["author_email"],
            authorURL: try row.optional("author_url"), body: try row["body"],
            status: CommentStatus(rawValue: try row["status"]) ?? .pending, createdAt: try row["created_at"])
    }

    static func media(_ row: Columns) throws -> MediaItem {
        MediaItem(
            id: try row["id"], fileName: try row["file_name"], originalName: try row["original_name"],
            mimeType: try row["mime_type"], width: try row["width"], height: try row["height"],
            bytes: try row["bytes"], uploadedAt: try row["uploaded_at"], userID: try row.optional("user_id"),
            details: MediaDetails(
                alt: try row["alt"], caption: try row["caption"], credit: try row["credit"],
                focus: FocalPoint(x: try row["focal_x"], y: try row["focal_y"])),
            state: MediaState(rawValue: try row["state"]) ?? .pending)
    }

    static func variant(_ row: Columns) throws -> (mediaID: Int64, variant: ImageVariant)? {
        guard let purpose = ImageVariant.Purpose(rawValue: try row["purpose"]),
            let format = ImageFormat(rawValue: try row["format"])
        else { return nil }
        return (
            try row["media_id"],
            ImageVariant(
                purpose: purpose, format: format, width: try row["width"], height: try row["height"],
                fileName: try row["file_name"], bytes: try row["bytes"])
        )
    }

    static func user(_ row: Columns) throws -> User {
        User(
            id: try row["id"], email: try row["email"], name: try row["name"],
            role: Role(rawValue: try row["role"]) ?? .contributor, authorID: try row["author_id"],
            isActive: try row["is_active"], createdAt: try row["created_at"], passwordHash: try row["password_hash"])
    }

    static func revision(_ row: Columns) throws -> Revision {
        Revision(
            id: try row["id"], articleID: try row["article_id"], savedAt: try row["saved_at"],
            userID: try row.optional("user_id"), userName: try row["user_name"], title: try row["title"],
            summary: try row["summary"], bodyMarkdown: try row["body_markdown"],
            status: PublishState(rawValue: try row["status"]) ?? .draft)
    }

    static func auditEntry(_ row: Columns) throws -> AuditEntry {
        AuditEntry(
            id: try row["id"], at: try row["at"],
            action: AuditAction(rawValue: try row["action"]) ?? .signInFailed, userID: try row.optional("user_id"),
            actorName: try row["actor_name"], target: try row["target"], detail: try row["detail"],
            address: try row["address"])
    }

    /// Loads whole articles by id (with section, author and tags), in the order of `ids`.
    static func articles(ids: [Int64], in db: some QueryRunner) async throws -> [Article] {
        guard !ids.isEmpty else { return [] }
        let rows = try await db.all(
            """
            SELECT a.*, s.slug AS s_slug, s.name AS s_name, s.description AS s_description,
                s.position AS s_position, s.parent_id AS s_parent_id,
                au.slug AS au_slug, au.name AS au_name, au.bio AS au_bio
            FROM articles a \(unescaped: summaryJoins) WHERE a.id = ANY(\(ids))
            """)
        var tags: [Int64: [Tag]] = [:]
        for row in try await db.all(
            """
            SELECT at.article_id, t.id, t.slug, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id
            WHERE at.article_id = ANY(\(ids)) ORDER BY at.article_id, at.position
            """)
        {
            tags[try row["article_id"], default: []].append(try tag(row))
        }
        var byID: [Int64: Article] = [:]
        for row in rows {
            let id: Int64 = try row["id"]
            let sourceName: String? = try row.optional("source_name")
            let sourceURL: String? = try row.optional("source_url")
            byID[id] = Article(
                id: id, slug: try row["slug"], title: try row["title"], summary: try row["summary"],
                body: StorageRules.storedBody(try row["body_html"]),
                section: Section(
                    id: try row["section_id"], slug: try row["s_slug"], name: try row["s_name"],
                    description: try row["s_description"], position: try row["s_position"],
                    parentID: try row.optional("s_parent_id")),
                author: Author(
                    id: try row["author_id"], slug: try row["au_slug"], name: try row["au_name"],
                    bio: try row["au_bio"]),
                tags: tags[id] ?? [],
                source: sourceName.map { SourceCredit(name: $0, url: sourceURL) },
                cover: cover(url: try row.optional("cover_url"), alt: try row.optional("cover_alt")),
                isBreaking: try row["is_breaking"], status: PublishState(rawValue: try row["status"]) ?? .draft,
                publishedAt: try row.optional("published_at"), updatedAt: try row["updated_at"],
                readingMinutes: try row["reading_minutes"], commentsOpen: try row["comments_open"],
                bodyMarkdown: try row.optional("body_markdown"), isPinned: try row["is_pinned"],
                seo: SEOFields(title: try row["seo_title"], description: try row["seo_description"]))
        }
        return ids.compactMap { byID[$0] }
    }

    static func article(id: Int64, in db: some QueryRunner) async throws -> Article? {
        try await articles(ids: [id], in: db).first
    }
}
