import Foundation

/// A WordPress category on its way to becoming a section.
public struct ImportedSection: Sendable, Hashable {
    public var slug: String
    public var name: String
    public var description: String
    /// Our slug of the parent; parents come before their children in a batch.
    public var parentSlug: String?
    /// Old addresses (``OldURL`` keys) that now answer with this section.
    public var oldKeys: [String]

    public init(slug: String, name: String, description: String, parentSlug: String?, oldKeys: [String]) {
        self.slug = slug
        self.name = name
        self.description = description
        self.parentSlug = parentSlug
        self.oldKeys = oldKeys
    }
}

/// A WordPress author (a byline; a newsroom account only when asked for).
public struct ImportedAuthor: Sendable, Hashable {
    public var slug: String
    public var name: String
    /// The biography our own export carries; nil (a WordPress export) leaves the one we have.
    public var bio: String?
    public var oldKeys: [String]

    public init(slug: String, name: String, bio: String? = nil, oldKeys: [String]) {
        self.slug = slug
        self.name = name
        self.bio = bio
        self.oldKeys = oldKeys
    }
}

/// Everything of an export that is not a post: written first, in one transaction.
public struct ImportedTaxonomy: Sendable, Hashable {
    public var sections: [ImportedSection] = []
    public var authors: [ImportedAuthor] = []
    /// Old tag addresses and the slug of our tag (tags themselves are made with their articles).
    public var tagKeys: [(key: String, slug: String)] = []
    /// Fixed addresses (`/feed` …) and where they go now.
    public var pathKeys: [(key: String, path: String)] = []

    public init() {}

    public static func == (lhs: ImportedTaxonomy, rhs: ImportedTaxonomy) -> Bool {
        lhs.sections == rhs.sections && lhs.authors == rhs.authors && lhs.tagKeys.map(\.key) == rhs.tagKeys.map(\.key)
            && lhs.pathKeys.map(\.key) == rhs.pathKeys.map(\.key)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(sections)
        hasher.combine(authors)
    }
}

/// A reader's comment from an export; matched on a re-run by its external id.
public struct ImportedComment: Sendable, Hashable {
    public var externalID: String
    public var parentExternalID: String?
    public var authorName: String
    public var authorEmail: String
    public var authorURL: String?
    /// Plain text, as our comments are.
    public var body: String
    public var status: CommentStatus
    public var createdAt: Date

    public init(
        externalID: String, parentExternalID: String?, authorName: String, authorEmail: String, authorURL: String?,
        body: String, status: CommentStatus, createdAt: Date
    ) {
        self.externalID = externalID
        self.parentExternalID = parentExternalID
        self.authorName = authorName
        self.authorEmail = authorEmail
        self.authorURL = authorURL
        self.body = body
        self.status = status
        self.createdAt = createdAt
    }
}

/// A WordPress post, checked and converted, ready for a store.
public struct ImportedPost: Sendable, Hashable {
    /// `wordpress:<site>/<id>`: what makes a re-run update instead of duplicate.
    public var externalID: String
    /// The line of its `<item>`, for the report.
    public var line: Int
    public var slug: String
    public var title: String
    public var summary: String
    public var body: SafeHTML
    public var status: PublishState
    public var publishedAt: Date?
    public var sectionSlug: String
    public var sectionName: String
    public var authorSlug: String
    public var authorName: String
    public var tags: [String]
    public var cover: CoverImage?
    public var source: SourceCredit?
    public var isBreaking: Bool
    /// WordPress's sticky: the home page's lead story while it is the newest pinned one.
    public var isPinned: Bool
    /// The Markdown the body was written in, when the export came from Nashra.
    public var bodyMarkdown: String?
    /// Yoast's or Rank Math's title and description.
    public var seo: SEOFields
    public var commentsOpen: Bool
    public var readingMinutes: Int
    public var search: SearchDocument
    public var comments: [ImportedComment]
    /// Old addresses (``OldURL`` keys) that now answer with this article.
    public var oldKeys: [String]

    public init(
        externalID: String, line: Int, slug: String, title: String, summary: String, body: SafeHTML,
        status: PublishState, publishedAt: Date?, sectionSlug: String, sectionName: String, authorSlug: String,
        authorName: String, tags: [String], cover: CoverImage?, source: SourceCredit? = nil, isBreaking: Bool = false,
        bodyMarkdown: String? = nil, isPinned: Bool = false, seo: SEOFields = SEOFields(), commentsOpen: Bool,
        comments: [ImportedComment], oldKeys: [String]
    ) {
        self.isPinned = isPinned
        self.seo = seo
        self.source = source
        self.isBreaking = isBreaking
        self.bodyMarkdown = bodyMarkdown
        self.externalID = externalID
        self.line = line
        self.slug = slug
        self.title = title
        self.summary = summary
        self.body = body
        self.status = status
        self.publishedAt = publishedAt
        self.sectionSlug = sectionSlug
        self.sectionName = sectionName
        self.authorSlug = authorSlug
        self.authorName = authorName
        self.tags = tags
        self.cover = cover
        self.commentsOpen = commentsOpen
        self.readingMinutes = ReadingTime.minutes(for: body)
        self.search = SearchDocument(
            title: title, summary: summary, bodyHTML: body.markup, tags: tags, author: authorName)
        self.comments = comments
        self.oldKeys = oldKeys
    }
}

/// What a store did with one imported post and its comments.
public struct ImportedPostOutcome: Sendable, Hashable {
    public var articleID: Int64
    public var created: Bool
    public var commentsCreated: Int
    public var commentsUpdated: Int

    public init(articleID: Int64, created: Bool, commentsCreated: Int, commentsUpdated: Int) {
        self.articleID = articleID
        self.created = created
        self.commentsCreated = commentsCreated
        self.commentsUpdated = commentsUpdated
    }
}

/// How far an import of one file has come, committed with each batch so a run that was stopped
/// goes on where it stopped.
public struct ImportCheckpoint: Sendable, Hashable {
    /// Names the file (size and a digest of its start) and the import kind.
    public var key: String
    /// Items of the file already handled.
    public var items: Int

    public init(key: String, items: Int) {
        self.key = key
        self.items = items
    }
}

/// Writing a WordPress export. Each call is one transaction.
public protocol WordPressImporting: Sendable {
    /// Sections (created or updated by slug, parents set), authors (by slug) and the old addresses
    /// of sections, authors, tags and feeds. Returns how many sections and authors were created.
    func importTaxonomy(_ taxonomy: ImportedTaxonomy) async throws -> (sections: Int, authors: Int)
    /// Posts (matched by external id) with their comments (matched by theirs), tags, old addresses,
    /// and the checkpoint, all in one transaction.
    func importPosts(_ posts: [ImportedPost], checkpoint: ImportCheckpoint, now: Date) async throws
        -> [ImportedPostOutcome]
    /// The items a stopped import of this file has already committed (0 when none).
    func importCheckpoint(key: String) async throws -> Int
    /// Forgets the checkpoint once the file is done.
    func clearImportCheckpoint(key: String) async throws
    /// Static pages, matched by external id (see ``PageStore/importPages(_:now:)``).
    func importPages(_ pages: [ImportedPage], now: Date) async throws -> [Bool]
    /// The upload an import made under this external id, so a re-run reuses it.
    func importedMedia(externalID: String) async throws -> MediaItem?
    /// Adds an upload's row with the external id of what it came from.
    func addImportedMedia(_ media: NewMedia, externalID: String) async throws -> MediaItem
}

/// Where an import puts the bytes of an upload: the data folder's `media/` (and the shared storage
/// of several nodes), written whole before its row exists.
public protocol MediaFileWriting: Sendable {
    func writeMedia(fileName: String, bytes: [UInt8]) async throws
}

/// Reading a whole site out for an export, whatever the state of each thing.
public protocol WordPressExporting: Sendable {
    /// Ids of every article (trash included), ascending, after `id`.
    func articleIDs(after id: Int64, limit: Int) async throws -> [Int64]
    /// Every comment of an article, whatever its state, oldest first.
    func allComments(articleID: Int64) async throws -> [Comment]
}
