import CLibXML2

/// A strictly parsed XML document (feeds, sitemaps) for tests: nil when not well-formed, XPath
/// queries with the usual feed and sitemap namespaces registered under fixed prefixes.
public struct XMLTestDocument: Sendable {
    /// Prefixes usable in queries.
    public static let namespaces: [String: String] = [
        "atom": "http://www.w3.org/2005/Atom",
        "content": "http://purl.org/rss/1.0/modules/content/",
        "dc": "http://purl.org/dc/elements/1.1/",
        "media": "http://search.yahoo.com/mrss/",
        "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "news": "http://www.google.com/schemas/sitemap-news/0.9",
        "os": "http://a9.com/-/spec/opensearch/1.1/",
    ]

    public let xml: String

    /// Nil when libxml2 finds the text not well-formed.
    public init?(_ xml: String) {
        self.xml = xml
        guard let doc = Self.parse(xml) else { return nil }
        xmlFreeDoc(doc)
    }

    /// Matching elements (or attributes), in document order.
    public func all(_ xpath: String) -> [HTMLDocument.Element] {
        guard let doc = Self.parse(xml) else { return [] }
        defer { xmlFreeDoc(doc) }
        guard let context = xmlXPathNewContext(doc) else { return [] }
        defer { xmlXPathFreeContext(context) }
        for (prefix, uri) in Self.namespaces { _ = xmlXPathRegisterNs(context, prefix, uri) }
        guard let result = xmlXPathEvalExpression(xpath, context) else { return [] }
        defer { xmlXPathFreeObject(result) }
        guard let set = result.pointee.nodesetval, let table = set.pointee.nodeTab else { return [] }
        return (0..<Int(set.pointee.nodeNr)).compactMap { index in table[index].map(HTMLDocument.element) }
    }

    public func first(_ xpath: String) -> HTMLDocument.Element? { all(xpath).first }
    public func count(_ xpath: String) -> Int { all(xpath).count }
    public func texts(_ xpath: String) -> [String] { all(xpath).map(\.text) }

    private static func parse(_ xml: String) -> xmlDocPtr? {
        let length = Int32(clamping: xml.utf8.count)
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        return xml.withCString { xmlReadMemory($0, length, nil, "UTF-8", options) }
    }
}
