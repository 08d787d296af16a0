import Foundation
import GRDB
import NashraCore

extension SQLiteStore {
    public func redirect(for key: String, now: Date) async throws -> RedirectTarget? {
        try await pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT r.target_kind, r.target_value, a.slug AS article, s.slug AS section, au.slug AS author,
                                p.slug AS page
                            FROM redirects r
                            LEFT JOIN pages p ON r.target_kind = 'page' AND p.id = r.target_id AND p.status = 'published'
                            LEFT JOIN articles a ON r.target_kind = 'article' AND a.id = r.target_id
                                AND a.status = 'published' AND a.published_at <= ?
                            LEFT JOIN sections s ON r.target_kind = 'section' AND s.id = r.target_id
                            LEFT JOIN authors au ON r.target_kind = 'author' AND au.id = r.target_id
                            WHERE r.from_key = ?
                            """), arguments: [now, key])
            else { return nil }
            return Self.target(row)
        }
    }

    static func target(_ row: Row) -> RedirectTarget? {
        let value: String? = row["target_value"]
        switch row["target_kind"] as String? {
        case "article": return (row["article"] as String?).map { .article(slug: $0) }
        case "section": return (row["section"] as String?).map { .section(slug: $0) }
        case "author": return (row["author"] as String?).map { .author(slug: $0) }
        case "page": return (row["page"] as String?).map { .page(slug: $0) }
        case "tag": return value.map { .tag(slug: $0) }
        case "path": return value.map { .path($0) }
        default: return nil
        }
    }

    public func redirects(limit: Int, offset: Int) async throws -> ResultPage<Redirect> {
        try await pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT r.from_key, r.origin, r.target_kind, r.target_value, a.slug AS article, s.slug AS section,
                        au.slug AS author, p.slug AS page
                    FROM redirects r
                    LEFT JOIN pages p ON r.target_kind = 'page' AND p.id = r.target_id
                    LEFT JOIN articles a ON r.target_kind = 'article' AND a.id = r.target_id
                    LEFT JOIN sections s ON r.target_kind = 'section' AND s.id = r.target_id
                    LEFT JOIN authors au ON r.target_kind = 'author' AND au.id = r.target_id
                    ORDER BY r.created_at DESC, r.from_key LIMIT ? OFFSET ?
                    """, arguments: [limit, offset])
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM redirects") ?? 0
            return ResultPage(
                // A row whose article, section, author or page is gone is still listed, so it can be removed.
                items: rows.map { row in
                    Redirect(from: row["from_key"], target: Self.target(row) ?? .path(""), origin: row["origin"])
                }, total: total)
        }
    }

    public func saveRedirect(_ redirect: Redirect) async throws {
        try await pool.write { db in
            let (kind, id, value) = try Self.columns(of: redirect.target, in: db)
            try db.execute(
                sql: """
                    INSERT INTO redirects (from_key, target_kind, target_id, target_value, origin, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(from_key) DO UPDATE SET target_kind = excluded.target_kind,
                        target_id = excluded.target_id, target_value = excluded.target_value, origin = excluded.origin
                    """, arguments: [redirect.from, kind, id, value, redirect.origin, Date()])
        }
    }

    /// The stored form of a target: articles, sections and authors by id (so a later rename is followed).
    private static func columns(of target: RedirectTarget, in db: Database) throws -> (String, Int64?, String?) {
        func id(_ table: String, _ slug: String) throws -> Int64 {
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM \(table) WHERE slug = ?", arguments: [slug])
            else {
                throw ValidationError(field: "target", problem: .notFound)
            }
            return id
        }
        switch target {
        case .article(let slug): return ("article", try id("articles", slug), nil)
        case .section(let slug): return ("section", try id("sections", slug), nil)
        case .author(let slug): return ("author", try id("authors", slug), nil)
        case .page(let slug): return ("page", try id("pages", slug), nil)
        case .tag(let slug): return ("tag", nil, slug)
        case .path(let path): return ("path", nil, path)
        }
    }

    public func deleteRedirect(from key: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM redirects WHERE from_key = ?", arguments: [key])
        }
    }
}
