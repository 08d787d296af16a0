import Foundation

/// Which articles the newsroom's list shows: any status, filtered.
public struct AdminArticleQuery: Sendable, Hashable {
    /// Nil shows everything but the trash.
    public var status: PublishState?
    public var sectionID: Int64?
    public var authorID: Int64?
    /// Words of the title (plain substring match, Arabic-normalized).
    public var text: String
    public var limit: Int
    public var offset: Int

    public init(
        status: PublishState? = nil, sectionID: Int64? = nil, authorID: Int64? = nil, text: String = "",
        limit: Int = 20, offset: Int = 0
    ) {
        self.status = status
        self.sectionID = sectionID
        self.authorID = authorID
        self.text = text
        self.limit = limit
        self.offset = offset
    }
}

/// An article as the newsroom's lists show it.
public struct AdminArticleRow: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var slug: String
    public var title: String
    public var status: PublishState
    public var sectionName: String
    public var authorID: Int64
    public var authorName: String
    public var publishedAt: Date?
    public var updatedAt: Date

    public init(
        id: Int64, slug: String, title: String, status: PublishState, sectionName: String, authorID: Int64,
        authorName: String, publishedAt: Date?, updatedAt: Date
    ) {
        self.id = id
        self.slug = slug
        self.title = title
        self.status = status
        self.sectionName = sectionName
        self.authorID = authorID
        self.authorName = authorName
        self.publishedAt = publishedAt
        self.updatedAt = updatedAt
    }
}

/// A tag with how many articles carry it.
public struct TagUsage: Sendable, Hashable {
    public var tag: Tag
    public var articles: Int

    public init(tag: Tag, articles: Int) {
        self.tag = tag
        self.articles = articles
    }
}

/// An uploaded file to record.
public struct NewMedia: Sendable, Hashable {
    public var fileName: String
    public var originalName: String
    public var mimeType: String
    public var width: Int
    public var height: Int
    public var bytes: Int
    public var uploadedAt: Date
    public var userID: Int64?
    /// Alt text, caption, credit and focal point known at upload (an import's), checked by the caller.
    public var details: MediaDetails

    public init(
        fileName: String, originalName: String, mimeType: String, width: Int, height: Int, bytes: Int,
        uploadedAt: Date, userID: Int64?, details: MediaDetails = MediaDetails()
    ) {
        self.fileName = fileName
        self.originalName = originalName
        self.mimeType = mimeType
        self.width = width
        self.height = height
        self.bytes = bytes
        self.uploadedAt = uploadedAt
        self.userID = userID
        self.details = details
    }
}

/// Users and their sessions.
public protocol AccountStore: Sendable {
    func userCount() async throws -> Int
    /// Creates the user and, when `authorID` is nil, a byline profile with their name.
    /// - Throws: ``ValidationError`` (`email`, duplicate) when the email is taken.
    func createUser(_ user: NewUser, now: Date) async throws -> User
    func user(id: Int64) async throws -> User?
    /// Matched without case.
    func user(email: String) async throws -> User?
    /// Sorted by name.
    func users() async throws -> [User]
    /// Changing the role or deactivating ends the user's sessions.
    func updateUser(id: Int64, name: String, role: Role, isActive: Bool) async throws -> User
    /// Also ends every session of the user.
    func setPasswordHash(userID: Int64, hash: String) async throws
    func createSession(_ session: UserSession) async throws
    /// The session and its (active) user.
    func session(tokenHash: String) async throws -> (UserSession, User)?
    func touchSession(tokenHash: String, at: Date) async throws
    func deleteSession(tokenHash: String) async throws
    /// Removes sessions idle since before `idleBefore`.
    func deleteSessions(idleBefore: Date) async throws
}

/// The audit log.
public protocol AuditStore: Sendable {
    func record(_ entry: AuditEntry) async throws
    /// Newest first.
    func auditLog(limit: Int, offset: Int) async throws -> ResultPage<AuditEntry>
    /// Failed sign-ins since `since` for this email (without case) from this address, from anywhere,
    /// and from this address for any email; and whether this email signed in from this address
    /// since `knownSince`.
    func signInRecord(email: String, address: String, since: Date, knownSince: Date) async throws -> SignInRecord
    /// The newest failed sign-ins for this email (without case) since `since`, at most `limit`.
    func failedSignIns(email: String, since: Date, limit: Int) async throws -> [AuditEntry]
}

/// What the newsroom does to articles beyond the reader's view.
public protocol EditorialStore: Sendable {
    func adminArticles(_ query: AdminArticleQuery) async throws -> ResultPage<AdminArticleRow>
    /// The titles of these articles, whatever their state (ids that do not exist are left out).
    func articleTitles(ids: [Int64]) async throws -> [Int64: String]
    /// Saves like ``ContentWriting/saveArticle(_:now:)`` and keeps a revision by `editor` in the same
    /// transaction.
    func saveArticle(_ article: ValidatedArticle, now: Date, editor: User) async throws -> Article
    /// Moves an article to `status` without other changes (unpublish, trash, restore); publishing
    /// with no publication time stamps `now`.
    func setArticleStatus(id: Int64, status: PublishState, now: Date) async throws -> Article
    /// Publishes every scheduled article whose time has come; returns their ids.
    func publishDue(now: Date) async throws -> [Int64]
    /// Newest first.
    func revisions(articleID: Int64) async throws -> [Revision]
    func revision(id: Int64) async throws -> Revision?
}

/// Editors' unsaved work, kept per user and key.
public protocol AutosaveStore: Sendable {
    func saveAutosave(userID: Int64, _ autosave: Autosave) async throws
    func autosave(userID: Int64, key: String) async throws -> Autosave?
    func deleteAutosave(userID: Int64, key: String) async throws
    /// The user's newest autosave whose key starts with `prefix` (a new article's, say).
    func latestAutosave(userID: Int64, prefix: String) async throws -> Autosave?
    /// Forgets autosaves nobody came back to.
    func deleteAutosaves(savedBefore: Date) async throws
}

/// Sections, tags and authors as the newsroom edits them.
public protocol TaxonomyStore: Sendable {
    /// Every author, sorted by name.
    func allAuthors() async throws -> [Author]
    func updateAuthor(id: Int64, name: String, slug: String, bio: String) async throws -> Author
    /// - Throws: ``ValidationError`` for a taken slug, a missing parent or a parent loop.
    func updateSection(id: Int64, _ section: NewSection) async throws -> Section
    /// Tags by name with their article counts.
    func tagUsage(limit: Int, offset: Int) async throws -> ResultPage<TagUsage>
    func renameTag(id: Int64, name: String, slug: String) async throws -> Tag
    /// Removes the tag from every article.
    func deleteTag(id: Int64) async throws
    /// Every tag name, for the editor's suggestions.
    func tagNames() async throws -> [String]
}

/// The records of uploaded files (their bytes live in a ``MediaStorage``).
public protocol MediaStore: Sendable {
    /// Records an upload as ``MediaState/pending``: its copies are still to be made.
    func addMedia(_ media: NewMedia) async throws -> MediaItem
    /// Newest first; `matching` (ignored when empty) is looked for in the file's name, alt text,
    /// caption and credit.
    func media(matching: String, limit: Int, offset: Int) async throws -> ResultPage<MediaItem>
    func media(fileName: String) async throws -> MediaItem?
    func media(id: Int64) async throws -> MediaItem?
    /// The pictures among these file names (as the pages name covers), by file name.
    func media(fileNames: [String]) async throws -> [String: MediaItem]
    /// The media type of a file the site may serve: a picture that was not refused, or one of its
    /// copies. Nil for every other name.
    func servableMediaType(fileName: String) async throws -> String?
    /// Saves the details; a picture whose focal point moved is pending again (its crops are
    /// cut anew), keeping its copies until the new ones are recorded.
    func updateMedia(id: Int64, details: MediaDetails) async throws
    /// Replaces the picture's copies and sets its state, in one transaction; returns the file
    /// names of copies no longer listed.
    @discardableResult
    func recordVariants(_ variants: [ImageVariant], state: MediaState, mediaID: Int64) async throws -> [String]
    /// The oldest pictures whose copies are still to be made.
    func mediaAwaitingVariants(limit: Int) async throws -> [MediaItem]
    /// Sets every picture back to ``MediaState/pending`` (for `nashra media regenerate`); returns how many.
    func requestAllVariants() async throws -> Int
}

extension MediaStore {
    /// Newest first, all of them.
    public func media(limit: Int, offset: Int) async throws -> ResultPage<MediaItem> {
        try await media(matching: "", limit: limit, offset: offset)
    }
}

/// Counts for the moderation dashboard.
public protocol CommentCounting: Sendable {
    /// How many comments each status holds (statuses with none may be missing).
    func commentCounts() async throws -> [CommentStatus: Int]
}

/// Everything the newsroom needs from storage, beside ``ContentStore`` (which holds the pictures).
public typealias NewsroomStore = AccountStore & AuditStore & EditorialStore & AutosaveStore & TaxonomyStore
    & CommentCounting
