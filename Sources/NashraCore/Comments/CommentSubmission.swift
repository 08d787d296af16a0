import Foundation

/// What a reader typed into the comment form, untouched.
public struct CommentSubmission: Sendable, Hashable {
    public var author: String
    public var email: String
    public var url: String
    public var comment: String
    public var parentID: Int64?
    /// The "save my details" box.
    public var remember: Bool

    public init(
        author: String, email: String, url: String = "", comment: String, parentID: Int64? = nil, remember: Bool = false
    ) {
        self.author = author
        self.email = email
        self.url = url
        self.comment = comment
        self.parentID = parentID
        self.remember = remember
    }
}

/// A field of the comment form, named as in the form.
public enum CommentField: String, Sendable, Hashable, CaseIterable {
    case comment
    case author
    case email
    case url
}

/// What is wrong with one field.
public enum CommentProblem: Sendable, Hashable {
    case required
    case tooLong(max: Int)
    case invalidEmail
    case invalidURL
}

/// Every problem of a submission, in form order, so each message can stand beside its field.
public struct CommentValidationErrors: Error, Sendable, Hashable {
    public var problems: [CommentField: CommentProblem]

    /// The first field at fault in the form's order (where focus goes).
    public var firstField: CommentField? { CommentField.allCases.first { problems[$0] != nil } }
}

/// A submission that passed validation: trimmed, NFC, bidi controls removed from the name.
public struct ValidComment: Sendable, Hashable {
    public var authorName: String
    public var authorEmail: String
    public var authorURL: String?
    public var body: String
    public var parentID: Int64?
}
