import Foundation
import NashraCore
import PostgresNIO

extension PostgresStore {
    public func search(_ query: SearchQuery, limit: Int, offset: Int, now: Date) async throws -> ResultPage<SearchHit> {
        guard let expression = PostgresSearch.expression(query) else { return ResultPage(items: [], total: 0) }
        func filtered(_ sql: inout SQL) -> String {
            var conditions = [
                "document @@ \(sql.bind(expression))::tsquery", PostgresRows.visible(sql.bind(now)),
            ]
            if let section = query.sectionID {
                let placeholder = sql.bind(section)
                conditions.append("(a.section_id = \(placeholder) OR s.parent_id = \(placeholder))")
            }
            if let from = query.from { conditions.append("a.published_at >= \(sql.bind(from))") }
            if let to = query.to { conditions.append("a.published_at < \(sql.bind(to))") }
            return conditions.joined(separator: " AND ")
        }
        let joins = "FROM article_search x JOIN articles a ON a.id = x.article_id \(PostgresRows.summaryJoins)"
        var count = SQL()
        let countFilter = filtered(&count)
        count.append("SELECT COUNT(*) \(joins) WHERE \(countFilter)")
        let total = try await client.value(count, as: Int.self) ?? 0
        var page = SQL()
        let filter = filtered(&page)
        // $1 is the query text in both statements.
        let score = "ts_rank(\(PostgresSearch.weights), x.document, $1::tsquery, 1)"
        let order =
            query.sort == .date ? "a.published_at DESC, a.id DESC" : "score DESC, a.published_at DESC, a.id DESC"
        page.append(
            """
            SELECT \(PostgresRows.summaryColumns), a.body_html, \(score) AS score
            \(joins) WHERE \(filter) ORDER BY \(order) LIMIT \(page.bind(limit)) OFFSET \(page.bind(offset))
            """)
        let hits = try await client.all(page).map { row in
            SearchHit(article: try PostgresRows.summary(row), plainText: PlainText.fromHTML(try row["body_html"]))
        }
        return ResultPage(items: hits, total: total)
    }

    public func suggestions(for query: SearchQuery) async throws -> [String: String] {
        var result: [String: String] = [:]
        for word in query.words {
            guard let term = word.forms.first, let range = SpellingSuggestion.candidateRange(for: term),
                try await !client.exists("SELECT 1 FROM search_vocabulary WHERE term = \(term)")
            else { continue }
            let candidates = try await client.all(
                """
                SELECT term, documents FROM search_vocabulary
                WHERE term >= \(range.lowerBound) AND term < \(range.upperBound)
                AND char_length(term) BETWEEN \(range.lengths.lowerBound) AND \(range.lengths.upperBound)
                """)
            result[term] = SpellingSuggestion.best(
                for: term, among: try candidates.map { (term: try $0["term"], documents: try $0["documents"]) })
        }
        return result
    }

    public func reindex() async throws -> Int {
        let ids = try await client.values(
            "SELECT id FROM articles WHERE status = 'published' ORDER BY id", as: Int64.self)
        var done = 0
        // Each batch rewrites its rows in one transaction (unindexing the old terms first), so every
        // article stays searchable while the index is rebuilt.
        for start in stride(from: 0, to: ids.count, by: 500) {
            try Task.checkCancellation()
            let batch = Array(ids[start..<min(start + 500, ids.count)])
            done += try await transaction { db in
                // Saves of these articles wait for the batch (and the batch for saves in flight), so it
                // never writes back an older version over a fresher row.
                try await db.exec("SELECT id FROM articles WHERE id = ANY(\(batch)) ORDER BY id FOR SHARE")
                let articles = try await PostgresRows.articles(ids: batch, in: db)
                    .filter { StorageRules.isIndexed($0.status) }
                try await PostgresSearch.index(
                    articles.map { ($0.id, StorageRules.searchDocument(for: $0)) }, in: db)
                return articles.count
            }
        }
        try await transaction { db in
            let stale = try await db.values(
                """
                SELECT x.article_id FROM article_search x LEFT JOIN articles a ON a.id = x.article_id
                WHERE a.id IS NULL OR a.status <> 'published'
                """, as: Int64.self)
            try await PostgresSearch.unindex(articleIDs: stale, in: db)
            try await db.bumpVersion()
            try await db.recordChange(keys: [CacheKey.search])
        }
        return done
    }

    public func searchAnalyzerVersion() async throws -> Int {
        try await client.value("SELECT value FROM meta WHERE key = 'search_analyzer'", as: Int.self) ?? 1
    }

    public func recordSearchAnalyzerVersion(_ version: Int) async throws {
        try await client.exec(
            """
            INSERT INTO meta (key, value) VALUES ('search_analyzer', \(version))
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """)
    }
}

extension PostgresStore {
    /// Refreshes the planner's statistics and clears dead index entries after many changes.
    public func optimizeSearchIndex() async throws {
        try await client.exec("VACUUM (ANALYZE) article_search")
        try await client.exec("VACUUM (ANALYZE) search_vocabulary")
    }

    public func searchIndexBytes() async throws -> Int? {
        try await client.value("SELECT pg_total_relation_size('article_search')::bigint", as: Int.self)
    }
}
