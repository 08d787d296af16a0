import Foundation
import GRDB
import NashraCore

extension SQLiteStore {
    static func page(_ row: Row) -> StaticPage {
        StaticPage(
            id: row["id"], slug: row["slug"], title: row["title"], body: StorageRules.storedBody(row["body_html"]),
            state: StaticPage.State(rawValue: row["status"]) ?? .draft, inFooter: row["in_footer"],
            position: row["position"], updatedAt: row["updated_at"], bodyMarkdown: row["body_markdown"])
    }

    public func page(id: Int64) async throws -> StaticPage? {
        try await pool.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM pages WHERE id = ?"), arguments: [id]).map(
                Self.page)
        }
    }

    public func savePage(_ page: ValidatedPage, now: Date) async throws -> StaticPage {
        try await pool.write { db in
            let draft = page.draft
            var previous: (slug: String, state: String)?
            if let id = draft.id {
                guard
                    let row = try Row.fetchOne(
                        db.cachedStatement(sql: "SELECT slug, status FROM pages WHERE id = ?"), arguments: [id])
                else { throw ValidationError(field: "id", problem: .notFound) }
                previous = (row["slug"], row["status"])
            }
            let (id, slug) = try Self.writePage(
                id: draft.id, slug: page.slug, title: page.title, body: page.body, markdown: draft.bodyMarkdown,
                state: draft.state, inFooter: draft.inFooter, position: draft.position, externalID: nil, now: now,
                in: db)
            // Readers and search engines knew the old address of a page that was public.
            if let previous, previous.slug != slug, previous.state == StaticPage.State.published.rawValue {
                try db.execute(
                    sql: """
                        INSERT INTO redirects (from_key, target_kind, target_id, target_value, origin, created_at)
                        VALUES (?, 'page', ?, NULL, 'newsroom', ?)
                        ON CONFLICT(from_key) DO UPDATE SET target_kind = 'page', target_id = excluded.target_id,
                            target_value = NULL, origin = 'newsroom'
                        """, arguments: [OldURL.key(path: "/" + previous.slug, query: ""), id, now])
            }
            // Footer links are on every page.
            try Self.bumpVersion(db)
            guard
                let saved = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM pages WHERE id = ?"), arguments: [id])
            else {
                throw ValidationError(field: "id", problem: .notFound)
            }
            return Self.page(saved)
        }
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
        try await pool.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM pages ORDER BY id")).map(Self.page)
        }
    }

    public func importPages(_ pages: [ImportedPage], now: Date) async throws -> [Bool] {
        guard !pages.isEmpty else { return [] }
        return try await pool.write { db in
            var created: [Bool] = []
            for page in pages {
                let existing = try Int64.fetchOne(
                    db.cachedStatement(sql: "SELECT id FROM pages WHERE external_id = ?"), arguments: [page.externalID])
                // The export's Markdown (ours carries it) or none: what the newsroom wrote would not match the HTML.
                let (id, _) = try Self.writePage(
                    id: existing, slug: page.slug, title: page.title, body: page.body, markdown: page.bodyMarkdown,
                    state: page.state, inFooter: page.inFooter, position: page.position, externalID: page.externalID,
                    now: now, in: db)
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

    /// Writes a page's fields over row `id`, or as a new row (with `externalID` when imported); the
    /// slug asked for becomes the first free one. Returns the row's id and the slug it got.
    private static func writePage(
        id existing: Int64?, slug wanted: String, title: String, body: SafeHTML, markdown: String?,
        state: StaticPage.State, inFooter: Bool, position: Int, externalID: String?, now: Date, in db: Database
    ) throws -> (id: Int64, slug: String) {
        let slug = try freePageSlug(wanted, for: existing, in: db)
        let values: [(any DatabaseValueConvertible)?] = [
            slug, title, body.markup, markdown, state.rawValue, inFooter, position, now,
        ]
        guard let existing else {
            try db.execute(
                sql: """
                    INSERT INTO pages (slug, title, body_html, body_markdown, status, in_footer, position, updated_at,
                        external_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: StatementArguments(values + [externalID]))
            return (db.lastInsertedRowID, slug)
        }
        try db.execute(
            sql: """
                UPDATE pages SET slug = ?, title = ?, body_html = ?, body_markdown = ?, status = ?, in_footer = ?,
                    position = ?, updated_at = ?
                WHERE id = ?
                """, arguments: StatementArguments(values + [existing]))
        return (existing, slug)
    }

    /// `slug`, or `slug-2`, `slug-3`… — the first no other page holds.
    private static func freePageSlug(_ slug: String, for id: Int64?, in db: Database) throws -> String {
        var number = 1
        while true {
            let candidate = Slug.variant(slug, number: number)
            let owner = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM pages WHERE slug = ?"), arguments: [candidate])
            if owner == nil || owner == id { return candidate }
            number += 1
        }
    }
}
