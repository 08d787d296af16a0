/// What a newsroom user may do, with WordPress's meaning of each role.
public enum Role: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Everything: users, settings and the audit log included.
    case admin
    /// All content and moderation.
    case editor
    /// Their own articles, which they may publish.
    case author
    /// Their own drafts, which they submit for review.
    case contributor

    /// Most powerful first.
    var rank: Int {
        switch self {
        case .admin: 0
        case .editor: 1
        case .author: 2
        case .contributor: 3
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    /// Edits, publishes and trashes anyone's articles, and picks any byline.
    public var editsOthersArticles: Bool { self <= .editor }
    /// Publishes or schedules (their own, or anyone's with ``editsOthersArticles``).
    public var canPublish: Bool { self <= .author }
    /// Approves, marks as spam, trashes and answers comments.
    public var canModerate: Bool { self <= .editor }
    /// Sections, tags and authors.
    public var managesTaxonomy: Bool { self <= .editor }
    /// Users, site settings and the audit log.
    public var isAdmin: Bool { self == .admin }
    /// Uploads images for covers and bodies.
    public var canUpload: Bool { self <= .author }

}
