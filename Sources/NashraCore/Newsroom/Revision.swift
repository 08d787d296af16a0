import Foundation

/// A saved state of an article: every save through the editor keeps one.
public struct Revision: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var articleID: Int64
    public var savedAt: Date
    /// Who saved it (nil for imports and the scheduler).
    public var userID: Int64?
    public var userName: String
    public var title: String
    public var summary: String
    /// The Markdown the editor saved.
    public var bodyMarkdown: String
    public var status: PublishState

    public init(
        id: Int64, articleID: Int64, savedAt: Date, userID: Int64?, userName: String, title: String, summary: String,
        bodyMarkdown: String, status: PublishState
    ) {
        self.id = id
        self.articleID = articleID
        self.savedAt = savedAt
        self.userID = userID
        self.userName = userName
        self.title = title
        self.summary = summary
        self.bodyMarkdown = bodyMarkdown
        self.status = status
    }

    /// The text compared between two revisions: title, summary and body, one block each.
    public var comparableText: String {
        "# " + title + "\n\n" + summary + "\n\n" + bodyMarkdown
    }
}

/// What an editor had typed when the browser last autosaved, per user and form.
public struct Autosave: Sendable, Hashable {
    public var key: String
    public var fields: [String: String]
    public var savedAt: Date

    public init(key: String, fields: [String: String], savedAt: Date) {
        self.key = key
        self.fields = fields
        self.savedAt = savedAt
    }
}
