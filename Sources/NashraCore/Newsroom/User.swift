import Foundation

/// A person who signs in to the newsroom.
public struct User: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var email: String
    public var name: String
    public var role: Role
    /// The byline profile their articles carry.
    public var authorID: Int64
    /// Deactivated users cannot sign in; their articles stay.
    public var isActive: Bool
    public var createdAt: Date
    /// The bcrypt hash; never shown anywhere.
    public var passwordHash: String

    public init(
        id: Int64, email: String, name: String, role: Role, authorID: Int64, isActive: Bool, createdAt: Date,
        passwordHash: String
    ) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.authorID = authorID
        self.isActive = isActive
        self.createdAt = createdAt
        self.passwordHash = passwordHash
    }

    /// Whether this user may open and change `article` in the editor.
    public func mayEdit(_ article: Article) -> Bool {
        if role.editsOthersArticles { return true }
        guard article.author.id == authorID else { return false }
        // A contributor's work is theirs until it is published or scheduled; then it is the editors'.
        return role.canPublish || article.status == .draft || article.status == .pending || article.status == .trash
    }
}

/// A user to create. The password is hashed before it reaches a store.
public struct NewUser: Sendable, Hashable {
    public var email: String
    public var name: String
    public var role: Role
    public var passwordHash: String
    /// The byline profile; nil makes one from the name.
    public var authorID: Int64?

    public init(email: String, name: String, role: Role, passwordHash: String, authorID: Int64? = nil) {
        self.email = email
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.authorID = authorID
    }

    /// An email as accounts are keyed: trimmed and lowercased.
    public static func normalizedEmail(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// Checks the fields a person types.
    /// - Throws: ``ValidationError`` naming the field.
    public static func validate(email: String, name: String) throws {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw ValidationError(field: "name", problem: .required) }
        guard name.count <= 120 else { throw ValidationError(field: "name", problem: .tooLong(max: 120)) }
        let email = email.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !email.isEmpty else { throw ValidationError(field: "email", problem: .required) }
        guard CommentRules.isPlausibleEmail(email) else { throw ValidationError(field: "email", problem: .invalid) }
    }
}

/// A signed-in browser. The cookie holds a random token; the store keeps only its SHA-256.
public struct UserSession: Sendable, Hashable {
    public var tokenHash: String
    public var userID: Int64
    public var createdAt: Date
    public var lastSeenAt: Date
    public var address: String

    public init(tokenHash: String, userID: Int64, createdAt: Date, lastSeenAt: Date, address: String) {
        self.tokenHash = tokenHash
        self.userID = userID
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.address = address
    }
}
