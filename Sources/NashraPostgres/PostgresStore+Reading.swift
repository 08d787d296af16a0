import Foundation
import NashraCore
import PostgresNIO

extension PostgresStore {
    public func sections() async throws -> [Section] {
        try await client.all("SELECT * FROM sections ORDER BY position, id").map(PostgresRows.section)
    }

    public func section(slug: String) async throws -> Section? {
        try await client.one("SELECT * FROM sections WHERE slug = \(slug)").map(PostgresRows.section)
    }

    public func author(slug: String) async throws -> Author? {
        try await client.one("SELECT * FROM authors WHERE slug = \(slug)").map(PostgresRows.author)
    }

    public func tag(slug: String) async throws -> Tag? {
        try await client.one("SELECT * FROM tags WHERE slug = \(slug)").map(PostgresRows.tag)
    }

    /// The WHERE clause of a public list, its values bound into `sql`.
    static func listFilter(_ query: ArticleQuery, now: Date, into sql: inout SQL) -> String {
        var conditions = [PostgresRows.visible(sql.bind(now))]
        switch query.filter {
        case .all:
            break
        case .section(let id):
            let section = sql.bind(id)
            conditions.append("(a.section_id = \(section) OR s.parent_id = \(section))")
        case .tag(let id):
            conditions.append("a.id IN (SELECT article_id FROM article_tags WHERE tag_id = \(sql.bind(id)))")
        case .author(let id):
            conditions.append("a.author_id = \(sql.bind(id))")
        case .breakingSince(let date):
            conditions.append("a.is_breaking AND a.published_at >= \(sql.bind(date))")
        case .publishedSince(let date):
            conditions.append("a.published_at >= \(sql.bind(date))")
        case .pinned:
            conditions.append("a.is_pinned")
        }
        if !query.excluding.isEmpty {
            conditions.append("NOT (a.id = ANY(\(sql.bind(query.excluding.sorted()))))")
        }
        return conditions.joined(separator: " AND ")
    }

    public func articles(_ query: ArticleQuery, now: Date) async throws -> ResultPage<ArticleSummary> {
        var count = SQL()
        let countFilter = Self.listFilter(query, now: now, into: &count)
        count.append("SELECT COUNT(*) FROM articles a \(PostgresRows.summaryJoins) WHERE \(countFilter)")
        let total = try await client.value(count, as: Int.self) ?? 0
        var page = SQL()
        let filter = Self.listFilter(query, now: now, into: &page)
        page.append(
            """
            SELECT \(PostgresRows.summaryColumns) FROM articles a \(PostgresRows.summaryJoins)
            WHERE \(filter) ORDER BY a.published_at DESC, a.id DESC
            LIMIT \(page.bind(query.limit)) OFFSET \(page.bind(query.offset))
            """)
        let items = try await client.all(page).map(PostgresRows.summary)
        return ResultPage(items: items, total: total)
    }

    public func latestBySection(perSection: Int, now: Date) async throws -> [Int64: [ArticleSummary]] {
        let rows = try await client.all(
            """
            SELECT * FROM (
                SELECT \(unescaped: PostgresRows.summaryColumns), COALESCE(s.parent_id, s.id) AS root_id,
                    ROW_NUMBER() OVER (PARTITION BY COALESCE(s.parent_id, s.id)
                                       ORDER BY a.published_at DESC, a.id DESC) AS rank
                FROM articles a \(unescaped: PostgresRows.summaryJoins)
                WHERE a.status = 'published' AND a.published_at <= \(now)
            ) ranked WHERE rank <= \(perSection) ORDER BY root_id, rank
            """)
        var result: [Int64: [ArticleSummary]] = [:]
        for row in rows {
            result[try row["root_id"], default: []].append(try PostgresRows.summary(row))
        }
        return result
    }

    public func feedArticles(_ query: ArticleQuery, now: Date) async throws -> [Article] {
        let ids = try await articles(query, now: now).items.map(\.id)
        return try await PostgresRows.articles(ids: ids, in: client)
    }

    public func sitemapEntries(_ kind: SitemapKind, limit: Int, offset: Int, now: Date) async throws
        -> ResultPage<SitemapEntry>
    {
        let visible = "a.status = 'published' AND a.published_at <= $1"
        let select: String
        switch kind {
        case .articles:
            select =
                "SELECT a.slug, GREATEST(a.updated_at, a.published_at) AS last_modified, a.id AS ordering FROM articles a WHERE \(visible)"
        case .sections:
            select = """
                SELECT s.slug, MAX(a.published_at) AS last_modified, s.id AS ordering FROM sections s
                JOIN sections child ON child.id = s.id OR child.parent_id = s.id
                JOIN articles a ON a.section_id = child.id WHERE \(visible) GROUP BY s.id
                """
        case .tags:
            select = """
                SELECT t.slug, MAX(a.published_at) AS last_modified, t.id AS ordering FROM tags t
                JOIN article_tags at ON at.tag_id = t.id JOIN articles a ON a.id = at.article_id
                WHERE \(visible) GROUP BY t.id
                """
        case .authors:
            select = """
                SELECT au.slug, MAX(a.published_at) AS last_modified, au.id AS ordering FROM authors au
                JOIN articles a ON a.author_id = au.id WHERE \(visible) GROUP BY au.id
                """
        }
        var count = SQL("SELECT COUNT(*) FROM (\(select)) entries")
        _ = count.bind(now)
        let total = try await client.value(count, as: Int.self) ?? 0
        var page = SQL()
        _ = page.bind(now)
        page.append(
            "SELECT * FROM (\(select)) entries ORDER BY ordering LIMIT \(page.bind(limit)) OFFSET \(page.bind(offset))")
        let items = try await client.all(page).map { row in
            SitemapEntry(slug: try row["slug"], lastModified: try row["last_modified"])
        }
        return ResultPage(items: items, total: total)
    }

    public func publishedArticle(slug: String, now: Date) async throws -> ArticleLookup {
        if let id = try await client.value("SELECT id FROM articles WHERE slug = \(slug)", as: Int64.self) {
            guard let article = try await PostgresRows.article(id: id, in: client), article.isVisible(at: now) else {
                return .notFound
            }
            return .found(article)
        }
        guard
            let moved = try await client.one(
                """
                SELECT a.slug FROM article_slug_history h JOIN articles a ON a.id = h.article_id
                WHERE h.slug = \(slug) AND a.status = 'published' AND a.published_at <= \(now)
                """)
        else { return .notFound }
        return .moved(toSlug: try moved["slug"])
    }

    public func article(id: Int64) async throws -> Article? {
        try await PostgresRows.article(id: id, in: client)
    }

    public func relatedArticles(to article: Article, limit: Int, now: Date) async throws -> [ArticleSummary] {
        // Text similarity uses the search analysis: articles whose index matches any of this title's
        // terms, best ranked first, after shared tags and before the section.
        var seen = Set<String>()
        let titleTerms = ArabicAnalyzer.terms(article.title).filter { seen.insert($0).inserted }.prefix(8)
        var similar: [Int64] = []
        if !titleTerms.isEmpty {
            let expression = titleTerms.map(PostgresSearch.quoted).joined(separator: " | ")
            similar = try await client.values(
                """
                SELECT article_id FROM article_search
                WHERE document @@ \(expression)::tsquery AND article_id <> \(article.id)
                ORDER BY ts_rank(document, \(expression)::tsquery) DESC, article_id DESC LIMIT 20
                """, as: Int64.self)
        }
        // array_position gives the best-ranked similar article the lowest position; others none. Only
        // articles that can rank are read (sharing a tag, similar, or among the newest of the section
        // and of the site), which gives the same first `limit` as ranking every article. One IN over
        // their union, not an OR of four: the planner looks the few candidates up by id rather than
        // testing every published article against each list.
        let weights = similar.enumerated().map { index, _ in Int64(similar.count - index) }
        return try await client.all(
            """
            SELECT \(unescaped: PostgresRows.summaryColumns),
                (SELECT COUNT(*) FROM article_tags mine JOIN article_tags theirs ON theirs.tag_id = mine.tag_id
                 WHERE mine.article_id = \(article.id) AND theirs.article_id = a.id) AS shared_tags,
                COALESCE((\(weights))[array_position(\(similar), a.id)], 0) AS similarity,
                (a.section_id = \(article.section.id)) AS same_section
            FROM articles a \(unescaped: PostgresRows.summaryJoins)
            WHERE a.status = 'published' AND a.published_at <= \(now) AND a.id <> \(article.id)
                AND a.id IN (
                    SELECT unnest(\(similar)::bigint[])
                    UNION SELECT theirs.article_id FROM article_tags mine
                        JOIN article_tags theirs ON theirs.tag_id = mine.tag_id WHERE mine.article_id = \(article.id)
                    UNION (SELECT id FROM articles WHERE section_id = \(article.section.id)
                        AND status = 'published' AND published_at <= \(now)
                        ORDER BY published_at DESC, id DESC LIMIT \(limit + 1))
                    UNION (SELECT id FROM articles WHERE status = 'published' AND published_at <= \(now)
                        ORDER BY published_at DESC, id DESC LIMIT \(limit + 1)))
            ORDER BY shared_tags DESC, similarity DESC, same_section DESC, a.published_at DESC, a.id DESC
            LIMIT \(limit)
            """
        ).map(PostgresRows.summary)
    }

    public func approvedComments(articleID: Int64) async throws -> [Comment] {
        try await client.all(
            "SELECT * FROM comments WHERE article_id = \(articleID) AND status = 'approved' ORDER BY created_at, id"
        ).map(PostgresRows.comment)
    }

    public func comment(id: Int64) async throws -> Comment? {
        try await client.one("SELECT * FROM comments WHERE id = \(id)").map(PostgresRows.comment)
    }

    public func comments(ids: [Int64]) async throws -> [Comment] {
        guard !ids.isEmpty else { return [] }
        return try await client.all("SELECT * FROM comments WHERE id = ANY(\(ids)) ORDER BY created_at, id")
            .map(PostgresRows.comment)
    }

    public func comments(status: CommentStatus?, limit: Int, offset: Int) async throws -> ResultPage<Comment> {
        let status = status?.rawValue
        let total =
            try await client.value(
                "SELECT COUNT(*) FROM comments WHERE \(status)::text IS NULL OR status = \(status)", as: Int.self) ?? 0
        let items = try await client.all(
            """
            SELECT * FROM comments WHERE \(status)::text IS NULL OR status = \(status)
            ORDER BY created_at DESC, id DESC LIMIT \(limit) OFFSET \(offset)
            """
        ).map(PostgresRows.comment)
        return ResultPage(items: items, total: total)
    }

    public func hasApprovedComment(authorName: String, authorEmail: String) async throws -> Bool {
        try await client.exists(
            """
            SELECT 1 FROM comments WHERE status = 'approved' AND lower(author_email) = lower(\(authorEmail))
            AND author_name = \(authorName) LIMIT 1
            """)
    }

    public func isDuplicateComment(articleID: Int64, authorEmail: String, body: String) async throws -> Bool {
        try await client.exists(
            """
            SELECT 1 FROM comments WHERE article_id = \(articleID) AND lower(author_email) = lower(\(authorEmail))
            AND body = \(body) AND status <> 'trash' LIMIT 1
            """)
    }

    public func settings() async throws -> SiteSettings {
        var settings = SiteSettings()
        for row in try await client.all("SELECT key, value FROM settings") {
            // A value that no longer validates (an old version's) keeps the default.
            try? settings.set(try row["key"], to: try row["value"])
        }
        return settings
    }
}
