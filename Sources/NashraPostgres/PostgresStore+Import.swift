import Foundation
import NashraCore
import PostgresNIO

extension PostgresStore {
    public func importArticles(_ batch: [ImportedArticle], now: Date) async throws -> [ImportOutcome] {
        try await transaction { db in
            try await db.bumpVersion()
            var sections: [String: Int64] = [:]
            var authors: [String: Int64] = [:]
            var outcomes: [ImportOutcome] = []
            outcomes.reserveCapacity(batch.count)
            var indexed: [(id: Int64, document: SearchDocument)] = []
            var keys: Set<String> = []
            for item in batch {
                let sectionID = try await Self.importedOwner(
                    .sections, name: item.sectionName, known: &sections, created: &keys, in: db)
                let authorID = try await Self.importedOwner(
                    .authors, name: item.authorName, known: &authors, created: &keys, in: db)
                let existing = try await db.value(
                    "SELECT id FROM articles WHERE external_id = \(item.externalID)", as: Int64.self)
                var before: ArticleFootprint?
                if let existing { before = try await db.footprint(of: existing) }
                let slug = try await Self.uniqueSlug(Slug.make(from: item.title), for: existing, in: db)
                let titleKey = StorageRules.titleKey(item.title)
                let id: Int64
                if let existing {
                    try await db.exec(
                        """
                        UPDATE articles SET slug = \(slug), title = \(item.title), title_key = \(titleKey),
                            summary = \(item.summary), body_html = \(item.body.markup), section_id = \(sectionID),
                            author_id = \(authorID), source_name = \(item.source?.name), source_url = \(item.source?.url),
                            published_at = \(item.publishedAt), updated_at = \(now),
                            reading_minutes = \(item.readingMinutes), body_markdown = NULL
                        WHERE id = \(existing)
                        """)
                    id = existing
                    outcomes.append(.updated(id))
                } else {
                    id =
                        try await db.value(
                            """
                            INSERT INTO articles (slug, title, title_key, summary, body_html, section_id, author_id,
                                source_name, source_url, status, published_at, updated_at, reading_minutes,
                                created_at, external_id)
                            VALUES (\(slug), \(item.title), \(titleKey), \(item.summary), \(item.body.markup),
                                \(sectionID), \(authorID), \(item.source?.name), \(item.source?.url), 'published',
                                \(item.publishedAt), \(now), \(item.readingMinutes), \(now), \(item.externalID))
                            RETURNING id
                            """, as: Int64.self) ?? 0
                    outcomes.append(.created(id))
                }
                try await Self.replaceTags(item.tags, of: id, in: db)
                // A re-run updates the text but never undoes the newsroom: an article an editor
                // unpublished or trashed stays so (and out of the index).
                let status = try await db.value("SELECT status FROM articles WHERE id = \(id)", as: String.self)
                if let status, let state = PublishState(rawValue: status), StorageRules.isIndexed(state) {
                    indexed.append((id, item.search))
                }
                keys.formUnion(StorageRules.cacheKeys(before: before, after: try await db.footprint(of: id)))
            }
            try await PostgresSearch.index(indexed, in: db)
            try await db.recordChange(keys: keys)
            return outcomes
        }
    }

    /// The tables an imported article's section and byline come from.
    enum OwnerTable: String {
        case sections, authors
    }

    /// The id of the section or author an import names, made when missing (by slug, its name's unless
    /// given, so «دولي» twice is one section); `known` remembers them for the rest of the batch. A new one is in every
    /// page's menu or lists, so it adds ``CacheKey/everything`` to `created`.
    static func importedOwner(
        _ table: OwnerTable, name: String, slug: String? = nil, known: inout [String: Int64],
        created: inout Set<String>, in db: PostgresConnection
    ) async throws -> Int64 {
        let slug = slug ?? Slug.make(from: name)
        if let id = known[slug] { return id }
        var sql = SQL("INSERT INTO \(table.rawValue) (slug, name) VALUES (")
        sql.append(sql.bind(slug) + ", ")
        // xmax is 0 for a row this statement inserted, not for one it found and updated.
        sql.append(
            sql.bind(name) + ") ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug RETURNING id, (xmax = 0) AS fresh"
        )
        let row = try await db.one(sql)
        let id: Int64 = try row?["id"] ?? 0
        let fresh: Bool = try row?["fresh"] ?? false
        if fresh { created.insert(CacheKey.everything) }
        known[slug] = id
        return id
    }
}
