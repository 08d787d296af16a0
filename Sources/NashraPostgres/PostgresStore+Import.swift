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
            for item in batch {
                let sectionSlug = Slug.make(from: item.sectionName)
                let sectionID: Int64
                if let known = sections[sectionSlug] {
                    sectionID = known
                } else {
                    sectionID =
                        try await db.value(
                            """
                            INSERT INTO sections (slug, name) VALUES (\(sectionSlug), \(item.sectionName))
                            ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug RETURNING id
                            """, as: Int64.self) ?? 0
                    sections[sectionSlug] = sectionID
                }
                let authorSlug = Slug.make(from: item.authorName)
                let authorID: Int64
                if let known = authors[authorSlug] {
                    authorID = known
                } else {
                    authorID =
                        try await db.value(
                            """
                            INSERT INTO authors (slug, name) VALUES (\(authorSlug), \(item.authorName))
                            ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug RETURNING id
                            """, as: Int64.self) ?? 0
                    authors[authorSlug] = authorID
                }
                let existing = try await db.value(
                    "SELECT id FROM articles WHERE external_id = \(item.externalID)", as: Int64.self)
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
            }
            try await PostgresSearch.index(indexed, in: db)
            return outcomes
        }
    }
}
