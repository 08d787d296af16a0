import Foundation
import GRDB
import NashraCore

extension SQLiteStore {
    public func importArticles(_ batch: [ImportedArticle], now: Date) async throws -> [ImportOutcome] {
        try await pool.write { db in
            var sections: [String: Int64] = [:]
            var authors: [String: Int64] = [:]
            var outcomes: [ImportOutcome] = []
            outcomes.reserveCapacity(batch.count)
            // A new section or byline records a change of every page itself (findOrCreate).
            var keys: Set<String> = []
            for item in batch {
                let sectionSlug = Slug.make(from: item.sectionName)
                let sectionID =
                    try sections[sectionSlug]
                    ?? Self.findOrCreate(
                        "sections", slug: sectionSlug, insert: "INSERT INTO sections (slug, name) VALUES (?, ?)",
                        values: [sectionSlug, item.sectionName], in: db)
                sections[sectionSlug] = sectionID
                let authorSlug = Slug.make(from: item.authorName)
                let authorID =
                    try authors[authorSlug]
                    ?? Self.findOrCreate(
                        "authors", slug: authorSlug, insert: "INSERT INTO authors (slug, name) VALUES (?, ?)",
                        values: [authorSlug, item.authorName], in: db)
                authors[authorSlug] = authorID
                let existing = try Int64.fetchOne(
                    db.cachedStatement(sql: "SELECT id FROM articles WHERE external_id = ?"),
                    arguments: [item.externalID])
                let slug = try Self.uniqueSlug(Slug.make(from: item.title), for: existing, in: db)
                let before = try existing.flatMap { try Self.footprint(of: $0, in: db) }
                let values: [(any DatabaseValueConvertible)?] = [
                    slug, item.title, item.summary, item.body.markup, sectionID, authorID, item.source?.name,
                    item.source?.url,
                    item.publishedAt, now, item.readingMinutes,
                ]
                let id: Int64
                if let existing {
                    try db.cachedStatement(
                        sql: """
                            UPDATE articles SET slug = ?, title = ?, summary = ?, body_html = ?, section_id = ?, author_id = ?,
                                source_name = ?, source_url = ?, published_at = ?, updated_at = ?,
                                reading_minutes = ?, body_markdown = NULL WHERE id = ?
                            """
                    ).execute(arguments: StatementArguments(values + [existing]))
                    id = existing
                    outcomes.append(.updated(id))
                } else {
                    try db.cachedStatement(
                        sql: """
                            INSERT INTO articles (slug, title, summary, body_html, section_id, author_id, source_name, source_url,
                                status, published_at, updated_at, reading_minutes, created_at, external_id)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'published', ?, ?, ?, ?, ?)
                            """
                    ).execute(arguments: StatementArguments(values + [now, item.externalID]))
                    id = db.lastInsertedRowID
                    outcomes.append(.created(id))
                }
                try Self.replaceTags(item.tags, of: id, in: db)
                try Self.setTitleKey(item.title, of: id, in: db)
                // A re-run updates the text but never undoes the newsroom: an article an editor
                // unpublished or trashed stays so (and out of the index).
                let status = try String.fetchOne(
                    db.cachedStatement(sql: "SELECT status FROM articles WHERE id = ?"), arguments: [id])
                if let status = status.flatMap(PublishState.init(rawValue:)), StorageRules.isIndexed(status) {
                    try Self.index(item.search, articleID: id, in: db)
                }
                keys.formUnion(StorageRules.cacheKeys(before: before, after: try Self.footprint(of: id, in: db)))
            }
            try Self.bumpVersion(db, keys: keys)
            return outcomes
        }
    }

    static func findOrCreate(
        _ table: String, slug: String, insert: String, values: [any DatabaseValueConvertible], in db: Database
    ) throws -> Int64 {
        if let id = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM \(table) WHERE slug = ?"), arguments: [slug])
        {
            return id
        }
        try db.execute(sql: insert, arguments: StatementArguments(values))
        try bumpVersion(db)
        return db.lastInsertedRowID
    }
}
