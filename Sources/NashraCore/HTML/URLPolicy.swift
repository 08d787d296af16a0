/// Which URLs may appear in sanitized links and images.
public enum URLPolicy {
    /// Whether `url` is an absolute http(s) URL with a host (for readers' websites).
    public static func isWebLink(_ url: String) -> Bool {
        link(url)?.isAbsoluteWeb == true && !url.contains(where: { $0.isWhitespace || $0 == "\"" })
    }

    struct Link {
        let url: String
        let isAbsoluteWeb: Bool
        let host: String?
    }

    /// An `href` is kept when it is http, https or mailto, a site-relative path, or a fragment.
    static func link(_ raw: String) -> Link? {
        let url = cleaned(raw)
        guard !url.isEmpty else { return nil }
        switch scheme(of: url) {
        case "http", "https":
            guard let host = host(of: url) else { return nil }
            return Link(url: url, isAbsoluteWeb: true, host: host)
        case "mailto":
            return Link(url: url, isAbsoluteWeb: false, host: nil)
        case nil:
            return isSiteRelative(url) || url.hasPrefix("#") ? Link(url: url, isAbsoluteWeb: false, host: nil) : nil
        default:
            return nil
        }
    }

    /// An image `src` is kept when it is http, https or a site-relative path; never `data:`.
    static func image(_ raw: String) -> String? {
        let url = cleaned(raw)
        switch scheme(of: url) {
        case "http", "https": return host(of: url) == nil ? nil : url
        case nil: return isSiteRelative(url) ? url : nil
        default: return nil
        }
    }

    /// Browsers ignore ASCII tab and newline inside URLs and trim spaces and controls around them,
    /// so `java\tscript:` must be judged as `javascript:`.
    static func cleaned(_ raw: String) -> String {
        let withoutTabs = String(raw.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" })
        let scalars = withoutTabs.unicodeScalars
        guard let first = scalars.firstIndex(where: { $0.value > 0x20 }),
            let last = scalars.lastIndex(where: { $0.value > 0x20 })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    /// The lowercased scheme, or nil for a relative reference.
    static func scheme(of url: String) -> String? {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let candidate = url[..<colon]
        if candidate.contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { return nil }
        // Anything before the colon is treated as a scheme, so odd ones are refused rather than
        // read as relative paths.
        return candidate.lowercased()
    }

    static func host(of url: String) -> String? {
        guard let range = url.range(of: "://") else { return nil }
        let rest = url[range.upperBound...]
        // Browsers read "\\" as "/" in http(s) URLs, so it ends the authority too.
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != "\\" }
        let hostPort = authority.split(separator: "@").last.map(String.init) ?? ""
        let host = hostPort.split(separator: ":").first.map { $0.lowercased() } ?? ""
        return host.isEmpty ? nil : host
    }

    static func isSiteRelative(_ url: String) -> Bool {
        url.hasPrefix("/") && !url.hasPrefix("//") && !url.hasPrefix("/\\")
    }
}
