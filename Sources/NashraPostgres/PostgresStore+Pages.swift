import Foundation
import NashraCore
import PostgresNIO

extension PostgresStore {
    static func page(_ row: Columns) throws -> StaticPage {
        StaticPage(
            id: try row["id"], slug: try row["slug"], title: try row["title"],
            body: StorageRules.storedBody(try row["body_html"]),
            state: StaticPage.State(rawValue: try row["status"]) ?? .draft, inFooter: try row["in_footer"],
            position: try row["position"], updatedAt: try row["updated_at"],
            bodyMarkdown: try row.optional("body_markdown"))
    }

    public func page(id: Int64) async throws -> StaticPage? {
        try await client.one("SELECT * FROM pages WHERE id = \(id)").map(Self.page)
    }

    public func savePage(_ page: ValidatedPage, now: Date) async throws -> StaticPage {
        try await transaction { db in
            let draft = page.draft
            var previous: (slug: String, state: String)?
            if let id = draft.id {
                guard let row = try await db.one("SELECT slug, status FROM pages WHERE id = \(id) FOR UPDATE") else {
                    throw ValidationError(field: "id", problem: .notFound)
                }
                previous = (try row["slug"], try row["status"])
            }
            try await db.bumpVersion()
            let (id, slug) = try await Self.writePage(
                id: draft.id, slug: page.slug, title: page.title, body: page.body, markdown: draft.bodyMarkdown,
                state: draft.state, inFooter: draft.inFooter, position: draft.position, externalID: nil, now: now,
                in: db)
            // Readers and search engines knew the old address of a page that was public.
            if let previous, previous.slug != slug, previous.state == StaticPage.State.published.rawValue {
                let key = OldURL.key(path: "/" + previous.slug, query: "")
                try await db.exec(
                    """
                    INSERT INTO redirects (from_key, target_kind, target_id, target_value, origin, created_at)
                    VALUES (\(key), 'page', \(id), NULL, 'newsroom', \(now))
                    ON CONFLICT (from_key) DO UPDATE SET target_kind = 'page', target_id = excluded.target_id,
                        target_value = NULL, origin = 'newsroom'
                    """)
            }
            guard let saved = try await db.one("SELECT * FROM pages WHERE id = \(id)") else {
                throw ValidationError(field: "id", problem: .notFound)
            }
            return try Self.page(saved)
        }
    }

    public func publishedPage(slug: String) async throws -> StaticPage? {
        try await client.one("SELECT * FROM pages WHERE slug = \(slug) AND status = 'published'").map(Self.page)
    }

    public func footerPages() async throws -> [StaticPage] {
        try await client.all(
            "SELECT * FROM pages WHERE status = 'published' AND in_footer ORDER BY position, title, id"
        ).map(Self.page)
    }

    public func allPages() async throws -> [StaticPage] {
        try await client.all("SELECT * FROM pages ORDER BY id").map(Self.page)
    }

    public func importPages(_ pages: [ImportedPage], now: Date) async throws -> [Bool] {
        guard !pages.isEmpty else { return [] }
        return try await transaction { db in
            try await db.bumpVersion()
            var created: [Bool] = []
            for page in pages {
                let existing = try await db.value(
                    "SELECT id FROM pages WHERE external_id = \(page.externalID)", as: Int64.self)
                // The export's Markdown (ours carries it) or none: what the newsroom wrote would not match the HTML.
                let (id, _) = try await Self.writePage(
                    id: existing, slug: page.slug, title: page.title, body: page.body, markdown: page.bodyMarkdown,
                    state: page.state, inFooter: page.inFooter, position: page.position, externalID: page.externalID,
                    now: now, in: db)
                for key in page.oldKeys {
                    try await Self.saveImportedRedirect(key, kind: "page", id: id, value: nil, now: now, in: db)
                }
                created.append(existing == nil)
            }
            return created
        }
    }

    /// Writes a page's fields over row `id`, or as a new row (with `externalID` when imported); the
    /// slug asked for becomes the first free one. Returns the row's id and the slug it got.
    private static func writePage(
        id existing: Int64?, slug wanted: String, title: String, body: SafeHTML, markdown: String?,
        state: StaticPage.State, inFooter: Bool, position: Int, externalID: String?, now: Date,
        in db: some QueryRunner
    ) async throws -> (id: Int64, slug: String) {
        let slug = try await freePageSlug(wanted, for: existing, in: db)
        let position = Int32(clamping: position)
        guard let existing else {
            let id =
                try await db.value(
                    """
                    INSERT INTO pages (slug, title, body_html, body_markdown, status, in_footer, position, updated_at,
                        external_id)
                    VALUES (\(slug), \(title), \(body.markup), \(markdown), \(state.rawValue), \(inFooter),
                        \(position), \(now), \(externalID))
                    RETURNING id
                    """, as: Int64.self) ?? 0
            return (id, slug)
        }
        try await db.exec(
            """
            UPDATE pages SET slug = \(slug), title = \(title), body_html = \(body.markup), body_markdown = \(markdown),
                status = \(state.rawValue), in_footer = \(inFooter), position = \(position), updated_at = \(now)
            WHERE id = \(existing)
            """)
        return (existing, slug)
    }

    /// `slug`, or `slug-2`, `slug-3`… — the first no other page holds.
    private static func freePageSlug(_ slug: String, for id: Int64?, in db: some QueryRunner) async throws -> String {
        var number = 1
        var candidate = slug
        while let owner = try await db.value("SELECT id FROM pages WHERE slug = \(candidate)", as: Int64.self),
            owner != id
        {
            number += 1
            candidate = Slug.variant(slug, number: number)
        }
        return candidate
    }
}
