import Foundation
import GRDB
import NashraCore

extension SQLiteStore {
    /// Column weights for BM25, in the table's column order: title, summary, body, tags, author,
    /// alternates (prefix-stripped forms count for less than the words as written).
    static let searchWeights = "10.0, 4.0, 1.0, 6.0, 3.0, 0.5"

    /// Writes (or rewrites) an article's row in the index; inside the article's own transaction.
    static func index(_ document: SearchDocument, articleID: Int64, in db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM article_search WHERE rowid = ?").execute(arguments: [articleID])
        try db.cachedStatement(
            sql:
                "INSERT INTO article_search (rowid, title, summary, body, tags, author, alternates) VALUES (?, ?, ?, ?, ?, ?, ?)"
        ).execute(
            arguments: [
                articleID, document.title, document.summary, document.body, document.tags, document.author,
                document.alternates,
            ])
    }

    /// The FTS5 MATCH expression of a query. Terms are letters and digits only, so quoting them is enough.
    static func matchExpression(_ query: SearchQuery) -> String? {
        guard !query.isEmpty else { return nil }
        func quoted(_ term: String) -> String { "\"" + term.replacingOccurrences(of: "\"", with: "") + "\"" }
        func phrase(_ terms: [String]) -> String { quoted(terms.joined(separator: " ")) }
        func anyOf(_ word: SearchQuery.Word) -> String {
            let alternatives = word.forms.map(quoted) + word.phrases.map(phrase)
            return alternatives.count == 1 ? alternatives[0] : "(" + alternatives.joined(separator: " OR ") + ")"
        }
        var parts = query.words.map(anyOf)
        parts += query.phrases.map(phrase)
        var expression = parts.joined(separator: " AND ")
        for word in query.excluded {
            expression = "(\(expression)) NOT \(anyOf(word))"
        }
        return expression
    }

    public func search(_ query: SearchQuery, limit: Int, offset: Int, now: Date) async throws -> ResultPage<SearchHit> {
        guard let match = Self.matchExpression(query) else { return ResultPage(items: [], total: 0) }
        if query.sectionID == nil, query.from == nil, query.to == nil, query.sort == .relevance,
            let page = try await rankedInIndex(match: match, limit: limit, offset: offset, now: now)
        {
            return page
        }
        return try await pool.read { db in
            var conditions = ["article_search MATCH :match", RowMapping.visible]
            var arguments: [String: (any DatabaseValueConvertible)?] = ["match": match, "now": now]
            if let section = query.sectionID {
                conditions.append("(a.section_id = :section OR s.parent_id = :section)")
                arguments["section"] = section
            }
            if let from = query.from {
                conditions.append("a.published_at >= :from")
                arguments["from"] = from
            }
            if let to = query.to {
                conditions.append("a.published_at < :to")
                arguments["to"] = to
            }
            let whereClause = conditions.joined(separator: " AND ")
            // CROSS JOIN keeps the full-text match as the outer loop; with a plain JOIN the planner may walk
            // every published article and probe the index once per row (100 ms at 10k articles).
            let joins = """
                FROM article_search CROSS JOIN articles a ON a.id = article_search.rowid
                CROSS JOIN sections s ON s.id = a.section_id CROSS JOIN authors au ON au.id = a.author_id
                """
            let total =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) \(joins) WHERE \(whereClause)", arguments: StatementArguments(arguments))
                ?? 0
            let order =
                query.sort == .date ? "a.published_at DESC, a.id DESC" : "score, a.published_at DESC, a.id DESC"
            arguments["limit"] = limit
            arguments["offset"] = offset
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(RowMapping.summaryColumns), a.body_html, bm25(article_search, \(Self.searchWeights)) AS score
                    \(joins) WHERE \(whereClause) ORDER BY \(order) LIMIT :limit OFFSET :offset
                    """,
                arguments: StatementArguments(arguments))
            let hits = rows.map { row in
                SearchHit(article: RowMapping.summary(row), plainText: PlainText.fromHTML(row["body_html"]))
            }
            return ResultPage(items: hits, total: total)
        }
    }

    /// The common case (no filter, by relevance) answered from the index alone: count and rank there,
    /// then read the page's articles. The index holds published articles only, so the count is right
    /// but for articles whose publication time is still ahead; if such an article lands in the page,
    /// nil sends the query down the exact path.
    func rankedInIndex(match: String, limit: Int, offset: Int, now: Date) async throws -> ResultPage<SearchHit>? {
        try await pool.read { db in
            let total =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM article_search WHERE article_search MATCH ?", arguments: [match])
                ?? 0
            let ranked = try Row.fetchAll(
                db,
                sql: """
                    SELECT rowid AS id, bm25(article_search, \(Self.searchWeights)) AS score FROM article_search
                    WHERE article_search MATCH ? ORDER BY score LIMIT ? OFFSET ?
                    """,
                arguments: [match, limit, offset])
            guard !ranked.isEmpty else { return ResultPage(items: [], total: total) }
            let ids: [Int64] = ranked.map { $0["id"] }
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
            var arguments = StatementArguments(ids)
            arguments += [now]
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(RowMapping.summaryColumns), a.body_html FROM articles a \(RowMapping.summaryJoins)
                    WHERE a.id IN (\(marks)) AND a.status = 'published' AND a.published_at <= ?
                    """,
                arguments: arguments)
            guard rows.count == ids.count else { return nil }
            let byID = Dictionary(uniqueKeysWithValues: rows.map { (($0["id"] as Int64), $0) })
            let scores = Dictionary(uniqueKeysWithValues: ranked.map { (($0["id"] as Int64), ($0["score"] as Double)) })
            // BM25 first, newer first among equal scores.
            let ordered = ids.compactMap { byID[$0] }.sorted { left, right in
                let (a, b) = (scores[left["id"]] ?? 0, scores[right["id"]] ?? 0)
                if a != b { return a < b }
                return (left["published_at"] as Date) > (right["published_at"] as Date)
            }
            let hits = ordered.map {
                SearchHit(article: RowMapping.summary($0), plainText: PlainText.fromHTML($0["body_html"]))
            }
            return ResultPage(items: hits, total: total)
        }
    }

    public func suggestions(for query: SearchQuery) async throws -> [String: String] {
        try await pool.read { db in
            var result: [String: String] = [:]
            for word in query.words {
                guard let term = word.forms.first, let range = SpellingSuggestion.candidateRange(for: term),
                    try Int.fetchOne(db, sql: "SELECT 1 FROM article_search_vocab WHERE term = ?", arguments: [term])
                        == nil
                else { continue }
                // Words of the fields, not second readings (زير of وزير is no suggestion).
                let candidates = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT term, SUM(doc) AS doc FROM article_search_vocab_columns WHERE term >= ? AND term < ?
                        AND col <> 'alternates' AND length(term) BETWEEN ? AND ? GROUP BY term
                        """,
                    arguments: [range.lowerBound, range.upperBound, range.lengths.lowerBound, range.lengths.upperBound])
                result[term] = SpellingSuggestion.best(
                    for: term, among: candidates.map { (term: $0["term"], documents: $0["doc"]) })
            }
            return result
        }
    }

    public func reindex() async throws -> Int {
        let ids = try await pool.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM articles WHERE status = 'published' ORDER BY id")
        }
        var done = 0
        // Each batch is read and rewritten in one write transaction, so an article unpublished meanwhile
        // is never indexed again; small batches keep each pause of other writers short.
        for start in stride(from: 0, to: ids.count, by: 100) {
            try Task.checkCancellation()
            let batch = Array(ids[start..<min(start + 100, ids.count)])
            done += try await pool.write { db in
                let articles = try batch.compactMap { try RowMapping.article(id: $0, in: db) }
                    .filter { StorageRules.isIndexed($0.status) }
                for article in articles {
                    try Self.index(StorageRules.searchDocument(for: article), articleID: article.id, in: db)
                }
                return articles.count
            }
        }
        try await pool.write { db in
            try db.execute(
                sql: """
                    DELETE FROM article_search WHERE rowid NOT IN (SELECT id FROM articles WHERE status = 'published')
                    """)
            try Self.bumpVersion(db, keys: [CacheKey.search])
        }
        return done
    }

    public func searchAnalyzerVersion() async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'search_analyzer'") ?? 1
        }
    }

    public func recordSearchAnalyzerVersion(_ version: Int) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('search_analyzer', ?)", arguments: [version])
        }
    }
}

extension SQLiteStore {
    /// Bytes the full-text index takes on disk (nil when SQLite lacks the dbstat table).
    public func searchIndexBytes() async throws -> Int? {
        try await pool.read { db in
            try? Int.fetchOne(db, sql: "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'article_search%'")
        }
    }
}

extension SQLiteStore {
    /// Merges the index's segments into one (after a bulk import or a rebuild); queries get faster.
    public func optimizeSearchIndex() async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO article_search(article_search) VALUES ('optimize')")
        }
    }
}
