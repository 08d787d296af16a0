import Foundation
import NashraCore
import PostgresNIO

extension PostgresStore {
    public func redirect(for key: String, now: Date) async throws -> RedirectTarget? {
        guard
            let row = try await client.one(
                """
                SELECT r.target_kind, r.target_value, a.slug AS article, s.slug AS section, au.slug AS author,
                    p.slug AS page
                FROM redirects r
                LEFT JOIN pages p ON r.target_kind = 'page' AND p.id = r.target_id AND p.status = 'published'
                LEFT JOIN articles a ON r.target_kind = 'article' AND a.id = r.target_id
                    AND a.status = 'published' AND a.published_at <= \(now)
                LEFT JOIN sections s ON r.target_kind = 'section' AND s.id = r.target_id
                LEFT JOIN authors au ON r.target_kind = 'author' AND au.id = r.target_id
                WHERE r.from_key = \(key)
                """)
        else { return nil }
        return try Self.target(row)
    }

    static func target(_ row: Columns) throws -> RedirectTarget? {
        let value = try row.optional("target_value", as: String.self)
        switch try row["target_kind"] as String {
        case "article": return try row.optional("article", as: String.self).map { .article(slug: $0) }
        case "section": return try row.optional("section", as: String.self).map { .section(slug: $0) }
        case "author": return try row.optional("author", as: String.self).map { .author(slug: $0) }
        case "page": return try row.optional("page", as: String.self).map { .page(slug: $0) }
        case "tag": return value.map { .tag(slug: $0) }
        case "path": return value.map { .path($0) }
        default: return nil
        }
    }

    public func redirects(limit: Int, offset: Int) async throws -> ResultPage<Redirect> {
        let rows = try await client.all(
            """
            SELECT r.from_key, r.origin, r.target_kind, r.target_value, a.slug AS article, s.slug AS section,
                au.slug AS author, p.slug AS page
            FROM redirects r
            LEFT JOIN pages p ON r.target_kind = 'page' AND p.id = r.target_id
            LEFT JOIN articles a ON r.target_kind = 'article' AND a.id = r.target_id
            LEFT JOIN sections s ON r.target_kind = 'section' AND s.id = r.target_id
            LEFT JOIN authors au ON r.target_kind = 'author' AND au.id = r.target_id
            ORDER BY r.created_at DESC, r.from_key LIMIT \(limit) OFFSET \(offset)
            """)
        let total = try await client.value("SELECT COUNT(*) FROM redirects", as: Int64.self) ?? 0
        var items: [Redirect] = []
        for row in rows {
            // A row whose article, section, author or page is gone is still listed, so it can be removed.
            items.append(
                Redirect(
                    from: try row["from_key"], target: try Self.target(row) ?? .path(""), origin: try row["origin"]))
        }
        return ResultPage(items: items, total: Int(total))
    }

    public func saveRedirect(_ redirect: Redirect) async throws {
        var kind = "path"
        var id: Int64?
        var value: String?
        func find(_ sql: PostgresQuery) async throws -> Int64 {
            guard let found = try await client.value(sql, as: Int64.self) else {
                throw ValidationError(field: "target", problem: .notFound)
            }
            return found
        }
        switch redirect.target {
        case .article(let slug):
            (kind, id) = ("article", try await find("SELECT id FROM articles WHERE slug = \(slug)"))
        case .section(let slug):
            (kind, id) = ("section", try await find("SELECT id FROM sections WHERE slug = \(slug)"))
        case .author(let slug): (kind, id) = ("author", try await find("SELECT id FROM authors WHERE slug = \(slug)"))
        case .page(let slug): (kind, id) = ("page", try await find("SELECT id FROM pages WHERE slug = \(slug)"))
        case .tag(let slug): (kind, value) = ("tag", slug)
        case .path(let path): value = path
        }
        try await client.exec(
            """
            INSERT INTO redirects (from_key, target_kind, target_id, target_value, origin, created_at)
            VALUES (\(redirect.from), \(kind), \(id), \(value), \(redirect.origin), \(Date()))
            ON CONFLICT (from_key) DO UPDATE SET target_kind = excluded.target_kind, target_id = excluded.target_id,
                target_value = excluded.target_value, origin = excluded.origin
            """)
    }

    public func deleteRedirect(from key: String) async throws {
        try await client.exec("DELETE FROM redirects WHERE from_key = \(key)")
    }
}
