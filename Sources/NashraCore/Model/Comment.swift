import Foundation

/// Where a reader's comment stands in moderation.
public enum CommentStatus: String, Sendable, Hashable, CaseIterable {
    case pending
    case approved
    case spam
    case trash
}

/// A reader's comment. The email is kept for moderation and never shown.
public struct Comment: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var articleID: Int64
    public var parentID: Int64?
    public var authorName: String
    public var authorEmail: String
    public var authorURL: String?
    /// Plain text; never rendered as HTML.
    public var body: String
    public var status: CommentStatus
    public var createdAt: Date

    public init(
        id: Int64, articleID: Int64, parentID: Int64? = nil, authorName: String, authorEmail: String,
        authorURL: String? = nil, body: String, status: CommentStatus, createdAt: Date
    ) {
        self.id = id
        self.articleID = articleID
        self.parentID = parentID
        self.authorName = authorName
        self.authorEmail = authorEmail
        self.authorURL = authorURL
        self.body = body
        self.status = status
        self.createdAt = createdAt
    }
}

/// What is needed to store a comment.
public struct NewComment: Sendable, Hashable {
    public var articleID: Int64
    public var parentID: Int64?
    public var authorName: String
    public var authorEmail: String
    public var authorURL: String?
    public var body: String
    public var status: CommentStatus
    public var createdAt: Date

    public init(
        articleID: Int64, parentID: Int64? = nil, authorName: String, authorEmail: String, authorURL: String? = nil,
        body: String, status: CommentStatus = .pending, createdAt: Date
    ) {
        self.articleID = articleID
        self.parentID = parentID
        self.authorName = authorName
        self.authorEmail = authorEmail
        self.authorURL = authorURL
        self.body = body
        self.status = status
        self.createdAt = createdAt
    }
}
