import Foundation

/// The key an old address is stored and looked up under, so the same link matches however it is
/// written: scheme and host dropped, percent-escapes decoded (so `%D8%A7` and `%d8%a7` meet, and
/// raw Arabic too), ASCII lowercased, the trailing slash dropped, and of the query only what
/// WordPress routes by (`p`, `page_id`, `attachment_id`, `cat`, `tag`, `author`), sorted.
public enum OldURL {
    /// Query parameters that name a WordPress object.
    public static let routingParameters: Set<String> = ["p", "page_id", "attachment_id", "cat", "tag", "author"]

    /// The key of an absolute URL or a path with an optional query; nil for a URL that is not http(s).
    public static func key(_ url: String) -> String? {
        var text = url.trimmingASCIIWhitespace()
        if !text.hasPrefix("/"), hasScheme(text) {
            guard text.lowercased().hasPrefix("http://") || text.lowercased().hasPrefix("https://"),
                let scheme = text.range(of: "://")
            else { return nil }
            let afterHost = text[scheme.upperBound...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" }
            text = afterHost.map { String(text[$0...]) } ?? "/"
        }
        if let fragment = text.firstIndex(of: "#") { text = String(text[..<fragment]) }
        let (path, query) = split(text)
        return key(path: path, query: query)
    }

    /// The key of a request's raw path and raw query.
    public static func key(path rawPath: String, query rawQuery: String) -> String {
        var path = decoded(rawPath).lowercased()
        if !path.hasPrefix("/") { path = "/" + path }
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        let pairs = rawQuery.split(separator: "&").compactMap { pair -> (String, String)? in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).lowercased()
            guard routingParameters.contains(name), parts.count == 2 else { return nil }
            let value = String(parts[1]).replacingOccurrences(of: "+", with: " ")
            return (name, decoded(value).lowercased())
        }.sorted { $0 < $1 }
        guard !pairs.isEmpty else { return path }
        return path + "?" + pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// Whether a request query names a WordPress object (so `/?p=12` is looked up, not served as home).
    public static func hasRoutingParameter(_ rawQuery: String) -> Bool {
        rawQuery.split(separator: "&").contains { pair in
            let name = pair.split(separator: "=", maxSplits: 1).first.map { $0.lowercased() } ?? ""
            return routingParameters.contains(name)
        }
    }

    /// Percent-escapes decoded when there are any (and they make UTF-8).
    static func decoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        return text.removingPercentEncoding ?? text
    }

    /// The host of an absolute URL, lowercased (what lies between `://` and the path, port or query).
    public static func host(of url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" || $0 == ":" } ?? rest.endIndex
        let host = rest[..<end].lowercased()
        return host.isEmpty ? nil : host
    }

    /// `scheme:` at the start (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`).
    static func hasScheme(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), let first = text.first, first.isASCII, first.isLetter else {
            return false
        }
        return text[..<colon].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }

    private static func split(_ text: String) -> (String, String) {
        guard let mark = text.firstIndex(of: "?") else { return (text, "") }
        return (String(text[..<mark]), String(text[text.index(after: mark)...]))
    }
}

/// Where an old address now lives.
public enum RedirectTarget: Sendable, Hashable {
    case article(slug: String)
    case section(slug: String)
    case tag(slug: String)
    case author(slug: String)
    case page(slug: String)
    /// A path of this site (`/feed`), or an absolute http(s) URL set by the newsroom.
    case path(String)
}

/// One row of the redirects table, as the newsroom lists it.
public struct Redirect: Sendable, Hashable {
    /// The lookup key (``OldURL/key(_:)``).
    public var from: String
    public var target: RedirectTarget
    /// Where the row came from: `wordpress` for an import, `newsroom` for one added by hand.
    public var origin: String

    public init(from: String, target: RedirectTarget, origin: String) {
        self.from = from
        self.target = target
        self.origin = origin
    }
}

/// The redirects table. Imports fill it; the newsroom lists and edits it; the site answers 301
/// from it for addresses it does not serve.
public protocol RedirectStore: Sendable {
    /// Where `key` goes; an article only when it is visible at `now`, so no redirect reveals a draft.
    func redirect(for key: String, now: Date) async throws -> RedirectTarget?
    /// Newest first; a row whose target no longer exists has the target `.path("")`.
    func redirects(limit: Int, offset: Int) async throws -> ResultPage<Redirect>
    /// Adds or replaces the row with the same key.
    func saveRedirect(_ redirect: Redirect) async throws
    func deleteRedirect(from key: String) async throws
}
