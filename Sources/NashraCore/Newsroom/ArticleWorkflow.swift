import Foundation

/// Something a newsroom user does to an existing article beyond saving the form.
public enum ArticleAction: String, Sendable, CaseIterable {
    case trash, restore, unpublish, restoreRevision, edit
}

/// What the workflow says to an action.
public enum WorkflowDecision: Sendable, Equatable {
    case allowed
    /// Not this user's to do (a role or ownership rule): 403.
    case forbidden
    /// Not from the article's present state (a stale button): 409.
    case conflict
}

/// The article workflow in one place, as ``CommentPosting`` is for comments: which states each role
/// may choose, how a chosen state and time resolve (published with a time to come is scheduled; a
/// scheduled time already past publishes), which transitions exist, and who may take an article down.
///
/// ```
/// draft ⇄ pending → scheduled ⇄ published
///   ↑        ↑          ↓           ↓
///   └────────┴──── unpublish ───────┘   (back to draft; editors, and authors on their own)
/// any but trash → trash → restore → draft
/// ```
public enum ArticleWorkflow {
    /// The states `role` may choose in the editor.
    public static func choosableStates(for role: Role) -> [PublishState] {
        role.canPublish ? [.draft, .pending, .scheduled, .published] : [.draft, .pending]
    }

    /// The states an article moves to by each action, and the states it may start from.
    public static func transition(_ action: ArticleAction) -> (from: Set<PublishState>, to: PublishState?) {
        switch action {
        case .trash: ([.draft, .pending, .scheduled, .published], .trash)
        case .restore: ([.trash], .draft)
        case .unpublish: ([.published, .scheduled], .draft)
        // Restoring a revision or saving the form rewrites the text, never a trashed article's.
        case .restoreRevision, .edit: ([.draft, .pending, .scheduled, .published], nil)
        }
    }

    /// Whether `user` may take `action` on `article` now.
    public static func decide(_ action: ArticleAction, on article: Article, by user: User) -> WorkflowDecision {
        guard user.mayEdit(article) else { return .forbidden }
        guard transition(action).from.contains(article.status) else { return .conflict }
        // Taking a published or scheduled article down is a publishing decision.
        let takesDown = action == .trash || action == .unpublish
        if takesDown, article.status == .published || article.status == .scheduled, !user.role.canPublish {
            return .forbidden
        }
        return .allowed
    }

    /// The actions the editor offers for `article` to `user`: exactly those ``decide`` allows.
    public static func offered(on article: Article, to user: User) -> Set<ArticleAction> {
        Set(ArticleAction.allCases.filter { decide($0, on: article, by: user) == .allowed })
    }

    /// The state and time a save asks for, resolved: `requested` must be one `role` may choose; a
    /// published article with a time to come is scheduled; a scheduled one whose time has passed is
    /// published; a published one with no time keeps its old time or takes `now`.
    /// - Throws: ``ValidationError`` for `status` or `publishedAt`.
    public static func resolve(
        _ requested: PublishState, at typed: Date?, role: Role, existing: Article?, now: Date
    ) throws -> (status: PublishState, publishedAt: Date?) {
        guard choosableStates(for: role).contains(requested) else {
            throw ValidationError(field: "status", problem: .invalid)
        }
        switch requested {
        case .published:
            let time = typed ?? existing?.publishedAt ?? now
            return (time > now ? .scheduled : .published, time)
        case .scheduled:
            guard let time = typed else { throw ValidationError(field: "publishedAt", problem: .required) }
            return (time <= now ? .published : .scheduled, time)
        case .draft, .pending, .trash:
            return (requested, typed)
        }
    }

    /// The byline a save carries: editors choose it; others write under their own, or keep the one
    /// an editor set on their article.
    public static func byline(chosen: Int64?, user: User, existing: Article?) -> Int64 {
        user.role.editsOthersArticles ? (chosen ?? user.authorID) : (existing?.author.id ?? user.authorID)
    }
}

/// Names of sections, tags and authors, and their slugs: the rules every form and backend shares.
public enum TaxonomyRules {
    public static let maxSectionName = 100
    public static let maxTagName = 100
    public static let maxAuthorName = 120
    public static let maxBio = 2000
    public static let maxDescription = 2000
    public static let positions = 0...1000

    /// A trimmed name, required and at most `max` characters.
    /// - Throws: ``ValidationError`` for `field`.
    public static func name(_ raw: String, max: Int, field: String = "name") throws -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw ValidationError(field: field, problem: .required) }
        guard name.count <= max else { throw ValidationError(field: field, problem: .tooLong(max: max)) }
        return name
    }

    /// The slug typed, or one made from the name when none was; must not come out empty.
    /// - Throws: ``ValidationError`` for `slug`.
    public static func slug(_ typed: String, name: String) throws -> String {
        let trimmed = typed.trimmingCharacters(in: .whitespaces)
        let slug = Slug.make(from: trimmed.isEmpty ? name : trimmed)
        guard Slug.isValid(slug) else { throw ValidationError(field: "slug", problem: .invalid) }
        return slug
    }

    /// Optional text (a description, a bio), trimmed, at most `max` characters.
    public static func text(_ raw: String, max: Int, field: String) throws -> String {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= max else { throw ValidationError(field: field, problem: .tooLong(max: max)) }
        return text
    }

    /// A section's position from the form: a whole number in ``positions``.
    public static func position(_ raw: String?) throws -> Int {
        guard let position = Int(raw ?? "0"), positions.contains(position) else {
            throw ValidationError(field: "position", problem: .invalid)
        }
        return position
    }
}
