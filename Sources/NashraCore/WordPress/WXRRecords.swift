/// What a WordPress export (WXR 1.0–1.2) says about the site it came from.
public struct WXRChannel: Sendable, Hashable {
    public var title = ""
    public var link = ""
    public var language = ""
    /// `wp:wxr_version` as written; nil until it has been read.
    public var version: String?
    public var baseSiteURL = ""
    public var baseBlogURL = ""

    public init() {}
}

/// A `wp:author` of the export.
public struct WXRAuthor: Sendable, Hashable {
    public var line = 0
    public var id: Int64?
    public var login = ""
    public var email = ""
    public var displayName = ""
    public var firstName = ""
    public var lastName = ""
    /// `nashra:author_bio`, which only our own export writes (WXR has no field for it); nil when absent.
    public var bio: String?

    public init() {}
}

/// Namespaces of the export besides WordPress's own.
public enum WXRNamespace {
    /// What our export writes that WXR has no element for; WordPress's importer skips it.
    public static let nashra = "urn:nashra:export:1.0"
}

/// A `wp:category`, `wp:tag` or `wp:term` of the export.
public struct WXRTerm: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case category
        case tag
        /// A `wp:term` of another taxonomy (`nav_menu`, `post_format`, `author` of Co-Authors Plus…).
        case other(taxonomy: String)
    }

    public var line = 0
    public var kind = Kind.category
    public var id: Int64?
    /// The slug as WordPress stores it: percent-encoded UTF-8 for Arabic.
    public var slug = ""
    public var name = ""
    public var parentSlug = ""
    public var description = ""

    public init() {}
}

/// A `<category>` of an item: a category, a tag or another taxonomy's term it belongs to.
public struct WXRItemTerm: Sendable, Hashable {
    /// `category`, `post_tag`, `post_format`, `author`…
    public var domain: String
    public var slug: String
    public var name: String

    public init(domain: String, slug: String, name: String) {
        self.domain = domain
        self.slug = slug
        self.name = name
    }
}

/// A `wp:comment` of an item.
public struct WXRComment: Sendable, Hashable {
    public var id: Int64 = 0
    public var parentID: Int64 = 0
    public var authorName = ""
    public var authorEmail = ""
    public var authorURL = ""
    public var authorIP = ""
    public var date = ""
    public var dateGMT = ""
    public var content = ""
    /// `1`, `0`, `spam`, `trash` (or `post-trashed`).
    public var approved = ""
    /// Empty for a comment; `pingback`, `trackback`…
    public var type = ""

    public init() {}
}

/// An `<item>`: a post, page, attachment, menu item or anything else WordPress stores as a post.
public struct WXRItem: Sendable, Hashable {
    /// The line of `<item>` in the file.
    public var line = 0
    public var title = ""
    public var link = ""
    public var guid = ""
    /// `dc:creator`: the author's login.
    public var creator = ""
    public var content = ""
    public var excerpt = ""
    public var postID: Int64 = 0
    public var date = ""
    public var dateGMT = ""
    public var modifiedGMT = ""
    public var commentStatus = ""
    public var slug = ""
    public var status = ""
    public var parentID: Int64 = 0
    public var menuOrder = 0
    public var type = ""
    public var password = ""
    public var isSticky = false
    public var attachmentURL = ""
    public var terms: [WXRItemTerm] = []
    /// `wp:postmeta` in file order (a key may repeat).
    public var meta: [(key: String, value: String)] = []
    public var comments: [WXRComment] = []

    public init() {}

    /// The first value of a meta key.
    public func meta(_ key: String) -> String? { meta.first { $0.key == key }?.value }

    public static func == (lhs: WXRItem, rhs: WXRItem) -> Bool {
        lhs.line == rhs.line && lhs.postID == rhs.postID && lhs.title == rhs.title && lhs.content == rhs.content
            && lhs.meta.map(\.key) == rhs.meta.map(\.key) && lhs.meta.map(\.value) == rhs.meta.map(\.value)
            && lhs.comments == rhs.comments && lhs.terms == rhs.terms && lhs.status == rhs.status
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(line)
        hasher.combine(postID)
    }
}

/// One thing read from the export, in file order.
public enum WXREntry: Sendable, Hashable {
    case author(WXRAuthor)
    case term(WXRTerm)
    case item(WXRItem)
}

/// Why an export cannot be read: where, and what was expected.
public struct WXRError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "line \(line), column \(column): \(message)" }
}
