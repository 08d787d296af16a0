import Foundation

/// A page of results and the total across all pages.
public struct ResultPage<Item: Sendable>: Sendable {
    public var items: [Item]
    public var total: Int

    public init(items: [Item], total: Int) {
        self.items = items
        self.total = total
    }
}

/// Which published articles a list shows.
public struct ArticleQuery: Sendable, Hashable {
    public enum Filter: Sendable, Hashable {
        case all
        /// A section and its child sections.
        case section(Int64)
        case tag(Int64)
        case author(Int64)
        /// Flagged breaking and published at or after the date.
        case breakingSince(Date)
        /// Published at or after the date (the news sitemap's last 48 hours).
        case publishedSince(Date)
        /// Pinned as the lead story.
        case pinned
    }

    public var filter: Filter
    public var limit: Int
    public var offset: Int
    public var excluding: Set<Int64>

    public init(filter: Filter = .all, limit: Int, offset: Int = 0, excluding: Set<Int64> = []) {
        self.filter = filter
        self.limit = limit
        self.offset = offset
        self.excluding = excluding
    }
}

/// What a sitemap lists.
public enum SitemapKind: String, Sendable, CaseIterable {
    case articles
    case sections
    case tags
    case authors
}

/// One URL of a sitemap: the slug of the thing and when it last changed.
public struct SitemapEntry: Sendable, Hashable {
    public var slug: String
    public var lastModified: Date

    public init(slug: String, lastModified: Date) {
        self.slug = slug
        self.lastModified = lastModified
    }
}

/// The answer to looking an article up by slug.
public enum ArticleLookup: Sendable, Hashable {
    case found(Article)
    /// The slug is an old one; the article now lives at this slug.
    case moved(toSlug: String)
    case notFound
}

/// Reading what readers see. Every method shows only articles visible at `now`
/// (published, with a publication time not in the future).
public protocol ContentReading: Sendable {
    /// Answers when the database answers; throws otherwise.
    func ping() async throws
    /// Whether the store holds no section and no article yet (authors made with newsroom users do not count).
    func isEmpty() async throws -> Bool
    func sections() async throws -> [Section]
    func section(slug: String) async throws -> Section?
    func author(slug: String) async throws -> Author?
    func tag(slug: String) async throws -> Tag?
    /// Newest first.
    func articles(_ query: ArticleQuery, now: Date) async throws -> ResultPage<ArticleSummary>
    /// The newest `perSection` articles of each top-level section (child sections roll up), keyed by section id.
    func latestBySection(perSection: Int, now: Date) async throws -> [Int64: [ArticleSummary]]
    /// Whole visible articles (body and tags included) for feeds, newest first.
    func feedArticles(_ query: ArticleQuery, now: Date) async throws -> [Article]
    /// Sitemap entries in a stable order (oldest first), with the total for paging. Sections, tags
    /// and authors are listed only when they have a visible article; their date is their newest one's.
    func sitemapEntries(_ kind: SitemapKind, limit: Int, offset: Int, now: Date) async throws -> ResultPage<
        SitemapEntry
    >
    /// A visible article by its slug, or where an old slug moved to.
    func publishedArticle(slug: String, now: Date) async throws -> ArticleLookup
    /// Any article by id, whatever its status.
    func article(id: Int64) async throws -> Article?
    /// Up to `limit` visible articles most related to `article`: most shared tags first, then text
    /// similarity of the title (the search analysis, BM25), then the same section, then newest.
    /// Never the article itself.
    func relatedArticles(to article: Article, limit: Int, now: Date) async throws -> [ArticleSummary]
    /// Approved comments of an article, oldest first.
    func approvedComments(articleID: Int64) async throws -> [Comment]
    /// A comment by id, whatever its status.
    func comment(id: Int64) async throws -> Comment?
    /// Comments with these ids, oldest first (ids that do not exist are skipped).
    func comments(ids: [Int64]) async throws -> [Comment]
    /// Comments for moderation, newest first, optionally of one status.
    func comments(status: CommentStatus?, limit: Int, offset: Int) async throws -> ResultPage<Comment>
    /// Whether this name and email already have an approved comment (matched without case).
    func hasApprovedComment(authorName: String, authorEmail: String) async throws -> Bool
    /// Whether the same email already left the same text on the article (trash aside).
    func isDuplicateComment(articleID: Int64, authorEmail: String, body: String) async throws -> Bool
    func settings() async throws -> SiteSettings
    /// A number that grows with every committed write, from any process; caches compare it to
    /// know when what they hold is stale.
    func contentVersion() async throws -> Int64
    /// The writes committed after `version`, oldest first, and the version they bring the store to.
    /// When records that old are no longer kept, the answer holds one change of ``CacheKey/everything``.
    func contentChanges(after version: Int64) async throws -> (changes: [ContentChange], latest: Int64)
}

/// Changing content. Writes are atomic: a thrown error leaves the store unchanged.
public protocol ContentWriting: Sendable {
    /// - Throws: ``ValidationError`` for a taken slug or a missing parent.
    func createSection(_ section: NewSection) async throws -> Section
    /// - Throws: ``ValidationError`` for a taken slug.
    func createAuthor(_ author: NewAuthor) async throws -> Author
    /// Creates or updates an article. The slug is made unique; when an article's slug changes the old
    /// one is kept so it can redirect.
    /// - Throws: ``ValidationError`` when the article, section or author does not exist.
    func saveArticle(_ article: ValidatedArticle, now: Date) async throws -> Article
    /// - Throws: ``ValidationError`` when the article or the parent comment does not exist.
    func addComment(_ comment: NewComment) async throws -> Comment
    /// Approves comment `approving` (when it is not already) and adds `reply`, in one transaction:
    /// a staff answer never leaves a half-done approval behind.
    func addReply(_ reply: NewComment, approving parentID: Int64) async throws -> Comment
    /// Moves comments to a moderation state; returns those that exist (with their new state).
    func setCommentStatus(_ status: CommentStatus, ids: [Int64]) async throws -> [Comment]
    func saveSettings(_ settings: SiteSettings) async throws
}

/// Everything the site needs from storage (the pictures too: pages show their copies). SQLite and
/// PostgreSQL implement it, and both pass the same contract suite in `NashraTestSupport`.
public typealias ContentStore = ContentReading & ContentWriting & ContentSearching & ContentImporting
    & WordPressImporting & WordPressExporting & RedirectStore & PageStore & MediaStore & ArticlePageReading
