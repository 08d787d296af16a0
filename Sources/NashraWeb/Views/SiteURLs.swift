import Foundation

/// Every URL the site prints. Paths are percent-encoded (Arabic slugs included); absolute URLs start
/// with the configured base URL and never with anything taken from the request.
public struct SiteURLs: Sendable {
    public let base: String

    public init(base: String) {
        self.base = base
    }

    public var home: String { "/" }
    public func article(_ slug: String) -> String { "/news/" + Self.encode(slug) }
    public func section(_ slug: String, page: Int = 1) -> String { Self.paged("/section/" + Self.encode(slug), page) }
    public func tag(_ slug: String, page: Int = 1) -> String { Self.paged("/tag/" + Self.encode(slug), page) }
    public func author(_ slug: String, page: Int = 1) -> String { Self.paged("/author/" + Self.encode(slug), page) }
    public func comments(ofArticle slug: String) -> String { article(slug) + "/comments" }
    public var search: String { "/search" }

    /// The base URL followed by a site path.
    public func absolute(_ path: String) -> String { base + path }

    static func paged(_ path: String, _ page: Int) -> String {
        page > 1 ? "\(path)?page=\(page)" : path
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters.
    public static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    static let unreserved = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
}
