import Foundation
import NashraCore

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
    /// A static page: `/SLUG`.
    public func page(_ slug: String) -> String { "/" + Self.encode(slug) }

    /// Where a redirect leads now, as the site writes the address.
    public func location(of target: RedirectTarget) -> String {
        switch target {
        case .article(let slug): article(slug)
        case .section(let slug): section(slug)
        case .tag(let slug): tag(slug)
        case .author(let slug): author(slug)
        case .page(let slug): page(slug)
        case .path(let path): path
        }
    }
    public var search: String { "/search" }

    /// A feed: the site's (`kind` nil) or a section's, tag's or author's.
    public func feed(kind: ListKind? = nil, slug: String? = nil, atom: Bool = false) -> String {
        let base = kind.flatMap { kind in slug.map { "/\(kind.rawValue)/" + Self.encode($0) } } ?? ""
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

    /// Whether a raw path segment is exactly what ``encode(_:)`` makes: unreserved ASCII as is,
    /// everything else as uppercase `%XX` of non-ASCII bytes. A byte scan, no decoding.
    public static func isCanonicalSegment(_ raw: String) -> Bool {
        let bytes = Array(raw.utf8)
        var index = 0
        func isUpperHex(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, isUpperHex(bytes[index + 1]), isUpperHex(bytes[index + 2]),
                    bytes[index + 1] >= UInt8(ascii: "8")
                else { return false }
                index += 3
            } else {
                guard PercentEncoding.isUnreserved(byte) else { return false }
                index += 1
            }
        }
        return !bytes.isEmpty
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters.
    public static func encode(_ text: String) -> String { PercentEncoding.encode(text) }
}

/// The lists of articles the site shows besides the home page; each is `/KIND/SLUG`, with feeds.
public enum ListKind: String, CaseIterable, Sendable {
    case section, tag, author
}
