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

    /// A feed: the site's (`kind` nil) or a section's, tag's or author's.
    public func feed(kind: String? = nil, slug: String? = nil, atom: Bool = false) -> String {
        let base = kind.flatMap { kind in slug.map { "/\(kind)/" + Self.encode($0) } } ?? ""
        return base + (atom ? "/feed/atom" : "/feed")
    }

    public var sitemapIndex: String { "/sitemap.xml" }
    public func sitemap(_ name: String) -> String { "/sitemaps/" + name }

    /// The host of the base URL, for tag: URIs.
    public var host: String { URLComponents(string: base)?.host ?? "localhost" }

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
