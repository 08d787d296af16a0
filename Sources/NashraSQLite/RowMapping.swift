import Foundation
import GRDB
import NashraCore

/// Turning rows into Core types. Column lists live next to the code that reads them.
enum RowMapping {
    /// Columns for ``ArticleSummary``; FROM `articles a` joined to `sections s` and `authors au`.
    static let summaryColumns = """
        a.id, a.slug, a.title, a.summary, a.section_id, s.slug AS section_slug, s.name AS section_name,
        au.slug AS author_slug, au.name AS author_name, a.cover_url, a.cover_alt, a.is_breaking,
        a.published_at, a.reading_minutes
        """
    static let summaryJoins = "JOIN sections s ON s.id = a.section_id JOIN authors au ON au.id = a.author_id"
    /// Visible at the `:now` argument.
    static let visible = "a.status = 'published' AND a.published_at <= :now"

    static func summary(_ row: Row) -> ArticleSummary {
        ArticleSummary(
            id: row["id"], slug: row["slug"], title: row["title"], summary: row["summary"],
            sectionID: row["section_id"], sectionSlug: row["section_slug"], sectionName: row["section_name"],
            authorSlug: row["author_slug"], authorName: row["author_name"],
            cover: cover(url: row["cover_url"], alt: row["cover_alt"]), isBreaking: row["is_breaking"],
            publishedAt: row["published_at"], readingMinutes: row["reading_minutes"])
    }

    static func cover(url: String?, alt: String?) -> CoverImage? {
        guard let url, let alt else { return nil }
        return CoverImage(url: url, alt: alt)
    }

    static func section(_ row: Row) -> Section {
        Section(
            id: row["id"], slug: row["slug"], name: row["name"], description: row["description"],
            position: row["position"], parentID: row["parent_id"])
    }

    static func author(_ row: Row) -> Author {
        Author(id: row["id"], slug: row["slug"], name: row["name"], bio: row["bio"])
    }

    static func tag(_ row: Row) -> Tag {
        Tag(id: row["id"], slug: row["slug"], name: row["name"])
    }

    static func comment(_ row: Row) -> Comment {
        Comment(
            id: row["id"], articleID: row["article_id"], parentID: row["parent_id"], authorName: row["author_name"],
            authorEmail: row["author_email"], authorURL: row["author_url"], body: row["body"],
            status: CommentStatus(rawValue: row["status"]) ?? .pending, createdAt: row["created_at"])
    }

    /// Loads a whole article by id, with its section, author and tags.
    static func article(id: Int64, in db: Database) throws -> Article? {
        guard
            let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM articles WHERE id = ?"), arguments: [id])
        else {
            return nil
        }
        guard
            let sectionRow = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM sections WHERE id = ?"), arguments: [row["section_id"]]),
            let authorRow = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM authors WHERE id = ?"), arguments: [row["author_id"]])
        else { return nil }
        let tags = try Row.fetchAll(
            db.cachedStatement(
                sql:
                    "SELECT t.* FROM tags t JOIN article_tags at ON at.tag_id = t.id WHERE at.article_id = ? ORDER BY at.position"
            ),
            arguments: [id]
        ).map(tag)
        let sourceName: String? = row["source_name"]
        return Article(
            id: row["id"], slug: row["slug"], title: row["title"], summary: row["summary"],
            // Stored bodies were sanitized on the way in; sanitizing again on the way out means a row
            // written by hand or by an older version can never put raw HTML on a page.
            body: StorageRules.storedBody(row["body_html"]),
            section: section(sectionRow), author: author(authorRow), tags: tags,
            source: sourceName.map { SourceCredit(name: $0, url: row["source_url"]) },
            cover: cover(url: row["cover_url"], alt: row["cover_alt"]), isBreaking: row["is_breaking"],
            status: PublishState(rawValue: row["status"]) ?? .draft, publishedAt: row["published_at"],
            updatedAt: row["updated_at"], readingMinutes: row["reading_minutes"], commentsOpen: row["comments_open"],
            bodyMarkdown: row["body_markdown"], isPinned: row["is_pinned"],
            seo: SEOFields(title: row["seo_title"], description: row["seo_description"]))
    }
}
