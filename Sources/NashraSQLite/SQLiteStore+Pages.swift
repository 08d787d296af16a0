import Foundation
import GRDB
import NashraCore

extension SQLiteStore {
    static func page(_ row: Row) -> StaticPage {
        StaticPage(
            id: row["id"], slug: row["slug"], title: row["title"], body: StorageRules.storedBody(row["body_html"]),
            state: StaticPage.State(rawValue: row["status"]) ?? .draft, inFooter: row["in_footer"],
            position: row["position"], updatedAt: row["updated_at"])
    }

    public func publishedPage(slug: String) async throws -> StaticPage? {
        try await pool.read { db in
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM pages WHERE slug = ? AND status = 'published'"),
                arguments: [slug]
            ).map(Self.page)
        }
    }

    public func footerPages() async throws -> [StaticPage] {
        try await pool.read { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: "SELECT * FROM pages WHERE status = 'published' AND in_footer = 1 ORDER BY position, title, id"
                )
            ).map(Self.page)
        }
    }

    public func allPages() async throws -> [StaticPage] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM pages ORDER BY id").map(Self.page) }
    }

    public func importPages(_ pages: [ImportedPage], now: Date) async throws -> [Bool] {
        guard !pages.isEmpty else { return [] }
        return try await pool.write { db in
            var created: [Bool] = []
            for page in pages {
                let existing = try Int64.fetchOne(
                    db, sql: "SELECT id FROM pages WHERE external_id = ?", arguments: [page.externalID])
                let slug = try Self.freePageSlug(page.slug, for: existing, in: db)
                let values: [(any DatabaseValueConvertible)?] = [
                    slug, page.title, page.body.markup, page.state.rawValue, page.inFooter, page.position, now,
                ]
                let id: Int64
                if let existing {
                    try db.execute(
                        sql: """
                            UPDATE pages SET slug = ?, title = ?, body_html = ?, status = ?, in_footer = ?, position = ?,
                                updated_at = ? WHERE id = ?
                            """, arguments: StatementArguments(values + [existing]))
                    id = existing
                } else {
                    try db.execute(
                        sql: """
                            INSERT INTO pages (slug, title, body_html, status, in_footer, position, updated_at, external_id)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                            """, arguments: StatementArguments(values + [page.externalID]))
                    id = db.lastInsertedRowID
                }
                for key in page.oldKeys {
                    try Self.saveImportedRedirect(key, kind: "page", id: id, value: nil, now: now, in: db)
                }
                created.append(existing == nil)
            }
            // Footer links are on every page.
            try Self.bumpVersion(db)
            return created
        }
    }

    /// `slug`, or `slug-2`, `slug-3`… — the first no other page holds.
    private static func freePageSlug(_ slug: String, for id: Int64?, in db: Database) throws -> String {
        var number = 1
        while true {
            let candidate = Slug.variant(slug, number: number)
            let owner = try Int64.fetchOne(db, sql: "SELECT id FROM pages WHERE slug = ?", arguments: [candidate])
            if owner == nil || owner == id { return candidate }
            number += 1
        }
    }
}
