import CLibXML2

/// A parsed HTML page for tests: query it with XPath and assert on structure and attributes,
/// not on substrings.
public struct HTMLDocument: Sendable {
    /// An element copied out of the parsed tree.
    public struct Element: Sendable, Hashable {
        public let name: String
        public let attributes: [String: String]
        /// All text inside, whitespace collapsed.
        public let text: String

        public subscript(attribute: String) -> String? { attributes[attribute] }

        /// The `class` attribute split into names.
        public var classes: Set<String> {
            Set((attributes["class"] ?? "").split(separator: " ").map(String.init))
        }
    }

    public let html: String

    public init(_ html: String) {
        self.html = html
    }

    /// Elements matching an XPath 1.0 expression, in document order.
    public func all(_ xpath: String) -> [Element] {
        withDocument { doc in
            guard let context = xmlXPathNewContext(doc) else { return [] }
            defer { xmlXPathFreeContext(context) }
            guard let result = xmlXPathEvalExpression(xpath, context) else { return [] }
            defer { xmlXPathFreeObject(result) }
            guard let set = result.pointee.nodesetval, let table = set.pointee.nodeTab else { return [] }
            return (0..<Int(set.pointee.nodeNr)).compactMap { index in
                table[index].map(Self.element)
            }
        }
    }

    /// The first element matching `xpath`, if any.
    public func first(_ xpath: String) -> Element? { all(xpath).first }

    /// How many elements match `xpath`.
    public func count(_ xpath: String) -> Int { all(xpath).count }

    private func withDocument<T>(_ body: (htmlDocPtr) -> [T]) -> [T] {
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue)
        let length = Int32(clamping: html.utf8.count)
        guard let doc = html.withCString({ htmlReadMemory($0, length, nil, "UTF-8", options) }) else { return [] }
        defer { xmlFreeDoc(doc) }
        return body(doc)
    }

    static func element(_ node: xmlNodePtr) -> Element {
        let name = node.pointee.name.map { String(cString: $0) } ?? ""
        var attributes: [String: String] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            if let rawName = current.pointee.name {
                var value = ""
                var child = current.pointee.children
                while let text = child {
                    if let content = text.pointee.content { value += String(cString: content) }
                    child = text.pointee.next
                }
                attributes[String(cString: rawName)] = value
            }
            attribute = current.pointee.next
        }
        var text = ""
        collectText(node, into: &text)
        let collapsed = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return Element(name: name, attributes: attributes, text: collapsed)
    }

    private static func collectText(_ node: xmlNodePtr, into text: inout String) {
        if node.pointee.type == XML_TEXT_NODE || node.pointee.type == XML_CDATA_SECTION_NODE {
            if let content = node.pointee.content { text += String(cString: content) }
            return
        }
        var child = node.pointee.children
        while let current = child {
            collectText(current, into: &text)
            child = current.pointee.next
        }
    }
}
