import CLibXML2

/// Walks a libxml2 tree and writes the allowed subset of it.
struct SanitizingWriter {
    let internalHosts: Set<String>
    private(set) var output = ""
    /// Names of the elements written and still open, innermost last.
    private var open: [String] = []

    /// Elements dropped together with everything inside them.
    static let droppedWithContent: Set<String> = [
        "script", "style", "template", "iframe", "frame", "frameset", "object", "embed", "applet",
        "svg", "math", "noscript", "noembed", "noframes", "textarea", "select", "option", "button",
        "input", "form", "head", "title", "meta", "link", "base", "audio", "video", "canvas", "xmp",
        "plaintext", "param", "source", "track", "map", "area",
    ]
    /// Renamed on the way: older markup for the same meaning.
    static let renamed: [String: String] = ["b": "strong", "i": "em", "h1": "h2", "h5": "h4", "h6": "h4", "tt": "code"]
    /// Elements that take phrasing content only; block elements inside them are unwrapped.
    static let phrasingOnly: Set<String> = ["p", "h2", "h3", "h4", "a", "strong", "em", "code", "pre", "mark"]
    static let block: Set<String> = [
        "p", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "figure", "figcaption", "table", "thead", "tbody",
        "tr", "th", "td", "hr", "pre",
    ]
    static let void: Set<String> = ["br", "hr", "img"]
    /// Containers where text between children is not content.
    static let structural: Set<String> = ["ul", "ol", "table", "thead", "tbody", "tr"]
    static let maxDepth = 64

    init(internalHosts: Set<String>) {
        self.internalHosts = internalHosts
    }

    mutating func writeChildren(of node: xmlNodePtr, depth: Int) {
        var child = node.pointee.children
        while let current = child {
            write(current, depth: depth + 1)
            child = current.pointee.next
        }
    }

    mutating func write(_ node: xmlNodePtr, depth: Int) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            let text = LibXML.content(of: node)
            if let parent = open.last, Self.structural.contains(parent) { return }
            output += HTMLEscaping.escape(text)
        case XML_ELEMENT_NODE:
            if depth > Self.maxDepth {
                writePlainText(of: node)
                return
            }
            writeElement(node, depth: depth)
        default:
            return  // comments, doctypes, processing instructions, entity declarations
        }
    }

    private mutating func writeElement(_ node: xmlNodePtr, depth: Int) {
        let original = LibXML.name(of: node)
        if Self.droppedWithContent.contains(original) { return }
        let name = Self.renamed[original] ?? original
        guard let attributes = allowedAttributes(for: name, in: node), fits(name) else {
            writeChildren(of: node, depth: depth)
            return
        }
        output += "<" + name
        for (key, value) in attributes {
            output += " \(key)=\"\(HTMLEscaping.escape(value))\""
        }
        output += ">"
        if Self.void.contains(name) { return }
        open.append(name)
        writeChildren(of: node, depth: depth)
        open.removeLast()
        output += "</\(name)>"
    }

    /// Whether `name` may open here without breaking the content model of its ancestors.
    private func fits(_ name: String) -> Bool {
        let parent = open.last
        if Self.block.contains(name), open.contains(where: Self.phrasingOnly.contains) { return false }
        switch name {
        case "li": return parent == "ul" || parent == "ol"
        case "thead", "tbody": return parent == "table"
        case "tr": return parent == "table" || parent == "thead" || parent == "tbody"
        case "td", "th": return parent == "tr"
        case "figcaption": return parent == "figure"
        case "a": return !open.contains("a")
        default:
            if let parent, Self.structural.contains(parent) { return false }
            return true
        }
    }

    /// The attributes to write for an allowed element, in a fixed order, or nil when the element
    /// is not allowed (or cannot stand without an attribute it lacks).
    private func allowedAttributes(for name: String, in node: xmlNodePtr) -> [(String, String)]? {
        switch name {
        case "p", "h2", "h3", "h4", "strong", "em", "mark", "blockquote", "ul", "ol", "li", "figure", "figcaption",
            "table", "thead", "tbody", "tr", "br", "hr", "code", "pre":
            return []
        case "td", "th":
            let attributes = LibXML.attributes(of: node)
            return ["colspan", "rowspan"].compactMap { key in
                guard let value = attributes[key], let number = Int(value), (1...100).contains(number) else {
                    return nil
                }
                return (key, String(number))
            }
        case "a":
            let attributes = LibXML.attributes(of: node)
            guard let href = attributes["href"], let link = URLPolicy.link(href) else { return nil }
            var result = [("href", link.url)]
            if let title = attributes["title"], !title.isEmpty { result.append(("title", title)) }
            if link.isAbsoluteWeb, !internalHosts.contains(link.host ?? "") {
                result.append(("rel", "noopener nofollow ugc"))
            }
            return result
        case "img":
            let attributes = LibXML.attributes(of: node)
            guard let src = attributes["src"], let image = URLPolicy.image(src) else { return nil }
            return [("src", image), ("alt", attributes["alt"] ?? ""), ("loading", "lazy")]
        default:
            return nil
        }
    }

    /// Past the depth limit only text is kept, gathered without recursion.
    private mutating func writePlainText(of node: xmlNodePtr) {
        var stack: [xmlNodePtr] = [node]
        while let current = stack.popLast() {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                output += HTMLEscaping.escape(LibXML.content(of: current))
            case XML_ELEMENT_NODE where !Self.droppedWithContent.contains(LibXML.name(of: current)):
                var children: [xmlNodePtr] = []
                var child = current.pointee.children
                while let next = child {
                    children.append(next)
                    child = next.pointee.next
                }
                stack.append(contentsOf: children.reversed())
            default:
                continue
            }
        }
    }
}
