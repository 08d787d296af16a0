import Foundation
import GRDB
import NashraCore

extension SQLiteStore {
    public func sections() async throws -> [Section] {
        try await pool.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM sections ORDER BY position, id")).map(
                RowMapping.section)
        }
    }

    public func section(slug: String) async throws -> Section? {
        try await pool.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM sections WHERE slug = ?"), arguments: [slug]).map(
                RowMapping.section)
        }
    }

    public func author(slug: String) async throws -> Author? {
        try await pool.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM authors WHERE slug = ?"), arguments: [slug]).map(
                RowMapping.author)
        }
    }

    public func tag(slug: String) async throws -> Tag? {
        try await pool.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM tags WHERE slug = ?"), arguments: [slug]).map(
                RowMapping.tag)
        }
    }

    public func articles(_ query: ArticleQuery, now: Date) async throws -> ResultPage<ArticleSummary> {
        try await pool.read { db in
            var conditions = [RowMapping.visible]
            var arguments: [String: (any DatabaseValueConvertible)?] = ["now": now]
            switch query.filter {
            case .all:
                break
            case .section(let id):
                conditions.append("(a.section_id = :section OR s.parent_id = :section)")
                arguments["section"] = id
            case .tag(let id):
                conditions.append("a.id IN (SELECT article_id FROM article_tags WHERE tag_id = :tag)")
                arguments["tag"] = id
            case .author(let id):
                conditions.append("a.author_id = :author")
                arguments["author"] = id
            case .breakingSince(let date):
                conditions.append("a.is_breaking = 1 AND a.published_at >= :since")
                arguments["since"] = date
            case .publishedSince(let date):
                conditions.append("a.published_at >= :since")
                arguments["since"] = date
            case .pinned:
                conditions.append("a.is_pinned = 1")
            }
            if !query.excluding.isEmpty {
                // Ids are integers from our own types, bound one by one all the same.
                let names = query.excluding.sorted().enumerated().map { index, id in
                    arguments["x\(index)"] = id
                    return ":x\(index)"
                }
                conditions.append("a.id NOT IN (\(names.joined(separator: ", ")))")
            }
            let whereClause = conditions.joined(separator: " AND ")
            let total =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM articles a \(RowMapping.summaryJoins) WHERE \(whereClause)",
                    arguments: StatementArguments(arguments)) ?? 0
            arguments["limit"] = query.limit
            arguments["offset"] = query.offset
            let items = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(RowMapping.summaryColumns) FROM articles a \(RowMapping.summaryJoins)
                    WHERE \(whereClause) ORDER BY a.published_at DESC, a.id DESC LIMIT :limit OFFSET :offset
                    """,
                arguments: StatementArguments(arguments)
            ).map(RowMapping.summary)
            return ResultPage(items: items, total: total)
        }
    }

    public func latestBySection(perSection: Int, now: Date) async throws -> [Int64: [ArticleSummary]] {
        try await pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM (
                        SELECT \(RowMapping.summaryColumns), COALESCE(s.parent_id, s.id) AS root_id,
                            ROW_NUMBER() OVER (PARTITION BY COALESCE(s.parent_id, s.id)
                                               ORDER BY a.published_at DESC, a.id DESC) AS rank
                        FROM articles a \(RowMapping.summaryJoins)
                        WHERE \(RowMapping.visible)
                    ) WHERE rank <= :per ORDER BY root_id, rank
                    """,
                arguments: ["now": now, "per": perSection])
            var result: [Int64: [ArticleSummary]] = [:]
            for row in rows {
                result[row["root_id"], default: []].append(RowMapping.summary(row))
            }
            return result
        }
    }

    public func feedArticles(_ query: ArticleQuery, now: Date) async throws -> [Article] {
        let ids = try await articles(query, now: now).items.map(\.id)
        return try await pool.read { db in try ids.compactMap { try RowMapping.article(id: $0, in: db) } }
    }

    public func sitemapEntries(_ kind: SitemapKind, limit: Int, offset: Int, now: Date) async throws
        -> ResultPage<SitemapEntry>
    {
        // Each query lists (slug, last_modified) for one kind, visible content only.
        let select: String
        switch kind {
        case .articles:
            select =
                "SELECT a.slug, MAX(a.updated_at, a.published_at) AS last_modified, a.id AS ordering FROM articles a WHERE \(RowMapping.visible)"
        case .sections:
            select = """
                SELECT s.slug, MAX(a.published_at) AS last_modified, s.id AS ordering FROM sections s
                JOIN sections child ON child.id = s.id OR child.parent_id = s.id
                JOIN articles a ON a.section_id = child.id WHERE \(RowMapping.visible) GROUP BY s.id
                """
        case .tags:
            select = """
                SELECT t.slug, MAX(a.published_at) AS last_modified, t.id AS ordering FROM tags t
                JOIN article_tags at ON at.tag_id = t.id JOIN articles a ON a.id = at.article_id
                WHERE \(RowMapping.visible) GROUP BY t.id
                """
        case .authors:
            select = """
                SELECT au.slug, MAX(a.published_at) AS last_modified, au.id AS ordering FROM authors au
                JOIN articles a ON a.author_id = au.id WHERE \(RowMapping.visible) GROUP BY au.id
                """
        }
        return try await pool.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(select))", arguments: ["now": now]) ?? 0
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM (\(select)) ORDER BY ordering LIMIT :limit OFFSET :offset",
                arguments: ["now": now, "limit": limit, "offset": offset])
            let items = rows.compactMap { row -> SitemapEntry? in
                // MAX over text dates keeps GRDB's sortable date format; decode it as a Date.
                guard let date = row["last_modified"] as Date? else { return nil }
                return SitemapEntry(slug: row["slug"], lastModified: date)
            }
            return ResultPage(items: items, total: total)
        }
    }

    public func publishedArticle(slug: String, now: Date) async throws -> ArticleLookup {
        try await pool.read { db in try Self.publishedArticle(slug: slug, now: now, in: db) }
    }

    static func publishedArticle(slug: String, now: Date, in db: Database) throws -> ArticleLookup {
        if let id = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM articles WHERE slug = ?"), arguments: [slug])
        {
            guard let article = try RowMapping.article(id: id, in: db), article.isVisible(at: now) else {
                return .notFound
            }
            return .found(article)
        }
        let moved = try Row.fetchOne(
            db,
            sql: """
                SELECT a.slug, a.status, a.published_at FROM article_slug_history h
                JOIN articles a ON a.id = h.article_id WHERE h.slug = ?
                """,
            arguments: [slug])
        guard let moved, (moved["status"] as String) == PublishState.published.rawValue,
            let publishedAt = moved["published_at"] as Date?, publishedAt <= now
        else { return .notFound }
        return .moved(toSlug: moved["slug"])
    }

    public func article(id: Int64) async throws -> Article? {
        try await pool.read { db in try RowMapping.article(id: id, in: db) }
    }

    public func relatedArticles(to article: Article, limit: Int, now: Date) async throws -> [ArticleSummary] {
        try await pool.read { db in try Self.relatedArticles(to: article, limit: limit, now: now, in: db) }
    }

    static func relatedArticles(to article: Article, limit: Int, now: Date, in db: Database) throws
        -> [ArticleSummary]
    {
        // Text similarity uses the search analysis: articles whose index matches any of this title's
        // terms, best BM25 first, rank after shared tags and before the section.
        var seen = Set<String>()
        let titleTerms = ArabicAnalyzer.terms(article.title).filter { seen.insert($0).inserted }.prefix(8)
        let match = titleTerms.map { "\"\($0)\"" }.joined(separator: " OR ")
        var similar: [Int64] = []
        if !match.isEmpty {
            similar = try Int64.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT rowid FROM article_search WHERE article_search MATCH ? AND rowid <> ?
                        ORDER BY bm25(article_search, \(Self.searchWeights)) LIMIT 20
                        """),
                arguments: [match, article.id])
        }
        var arguments: StatementArguments = [
            "id": article.id, "section": article.section.id, "now": now, "limit": limit, "window": limit + 1,
        ]
        // Similar articles in rank order: a CASE gives the best the highest weight.
        let cases = similar.enumerated().map { index, id in
            arguments += ["s\(index)": id]
            return "WHEN :s\(index) THEN \(similar.count - index)"
        }
        let similarity = cases.isEmpty ? "0" : "CASE a.id \(cases.joined(separator: " ")) ELSE 0 END"
        // Only articles that can rank are read: those sharing a tag, the similar ones, and the
        // newest of the section and of the site (one more than the limit, for this article). The
        // order gives the same first `limit` as over every article, without reading 100k rows.
        let similarValues =
            similar.isEmpty ? "" : "UNION VALUES " + similar.indices.map { "(:s\($0))" }.joined(separator: ", ")
        // One statement text per number of similar articles (at most 21): each stays prepared.
        // The unary `+` keeps SQLite from walking the whole `articles_latest` index and testing
        // each row against the candidates (6 ms at 10k articles, 60 ms at 100k): the candidates
        // are looked up by id instead, whatever the size of the site.
        return try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT \(RowMapping.summaryColumns),
                        (SELECT COUNT(*) FROM article_tags mine JOIN article_tags theirs ON theirs.tag_id = mine.tag_id
                         WHERE mine.article_id = :id AND theirs.article_id = a.id) AS shared_tags,
                        \(similarity) AS similarity,
                        (a.section_id = :section) AS same_section
                    FROM articles a \(RowMapping.summaryJoins)
                    WHERE +a.status = 'published' AND +a.published_at <= :now AND a.id <> :id AND a.id IN (
                        SELECT theirs.article_id FROM article_tags mine
                            JOIN article_tags theirs ON theirs.tag_id = mine.tag_id WHERE mine.article_id = :id
                        UNION SELECT id FROM (SELECT id FROM articles WHERE section_id = :section
                            AND status = 'published' AND published_at <= :now
                            ORDER BY published_at DESC, id DESC LIMIT :window)
                        UNION SELECT id FROM (SELECT id FROM articles WHERE status = 'published' AND published_at <= :now
                            ORDER BY published_at DESC, id DESC LIMIT :window)
                        \(similarValues))
                    ORDER BY shared_tags DESC, similarity DESC, same_section DESC, a.published_at DESC, a.id DESC
                    LIMIT :limit
                    """),
            arguments: arguments
        ).map(RowMapping.summary)
    }

    public func approvedComments(articleID: Int64) async throws -> [Comment] {
        try await pool.read { db in try Self.approvedComments(articleID: articleID, in: db) }
    }

    static func approvedComments(articleID: Int64, in db: Database) throws -> [Comment] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: "SELECT * FROM comments WHERE article_id = ? AND status = 'approved' ORDER BY created_at, id"),
            arguments: [articleID]
        ).map(RowMapping.comment)
    }

    public func comment(id: Int64) async throws -> Comment? {
        try await pool.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM comments WHERE id = ?"), arguments: [id]).map(
                RowMapping.comment)
        }
    }

    public func comments(ids: [Int64]) async throws -> [Comment] {
        guard !ids.isEmpty else { return [] }
        return try await pool.read { db in
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
            return try Row.fetchAll(
                db, sql: "SELECT * FROM comments WHERE id IN (\(marks)) ORDER BY created_at, id",
                arguments: StatementArguments(ids)
            ).map(RowMapping.comment)
        }
    }

    public func comments(status: CommentStatus?, limit: Int, offset: Int) async throws -> ResultPage<Comment> {
        try await pool.read { db in
            let condition = status == nil ? "" : "WHERE status = :status"
            let arguments: StatementArguments = ["status": status?.rawValue, "limit": limit, "offset": offset]
            let total =
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM comments \(condition)", arguments: arguments) ?? 0
            let items = try Row.fetchAll(
                db,
                sql:
                    "SELECT * FROM comments \(condition) ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset",
                arguments: arguments
            ).map(RowMapping.comment)
            return ResultPage(items: items, total: total)
        }
    }

    public func hasApprovedComment(authorName: String, authorEmail: String) async throws -> Bool {
        try await pool.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT 1 FROM comments WHERE status = 'approved' AND author_email = ? COLLATE NOCASE
                    AND author_name = ? LIMIT 1
                    """,
                arguments: [authorEmail, authorName]) != nil
        }
    }

    public func isDuplicateComment(articleID: Int64, authorEmail: String, body: String) async throws -> Bool {
        try await pool.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT 1 FROM comments WHERE article_id = ? AND author_email = ? COLLATE NOCASE AND body = ?
                    AND status <> 'trash' LIMIT 1
                    """,
                arguments: [articleID, authorEmail, body]) != nil
        }
    }

    public func settings() async throws -> SiteSettings {
        try await pool.read { db in
            var settings = SiteSettings()
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT key, value FROM settings")) {
                // A value that no longer validates (an old version's) keeps the default.
                try? settings.set(row["key"], to: row["value"])
            }
            return settings
        }
    }
}
