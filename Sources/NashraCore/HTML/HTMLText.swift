import CLibXML2

/// The text of an HTML fragment: entities decoded, tags gone, paragraphs and line breaks kept as
/// newlines. For titles, summaries and comments that arrive as HTML but are stored as text.
public enum HTMLText {
    static let breaking: Set<String> = ["p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr"]

    public static func plain(_ html: String) -> String {
        guard html.utf8.contains(UInt8(ascii: "<")) || html.utf8.contains(UInt8(ascii: "&")) else {
            return html.trimmingASCIIWhitespace()
        }
        let document = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + html + "</body></html>"
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue)
        let parsed: htmlDocPtr? = document.withCString {
            htmlReadMemory($0, Int32(clamping: document.utf8.count), nil, "UTF-8", options)
        }
        guard let doc = parsed, let root = xmlDocGetRootElement(doc) else { return "" }
        defer { xmlFreeDoc(doc) }
        var result = ""
        // Depth-first without recursion; a nil entry closes a block element.
        var stack: [xmlNodePtr?] = [root]
        while let entry = stack.popLast() {
            guard let node = entry else {
                if !result.hasSuffix("\n") { result += "\n" }
                continue
            }
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                result += LibXML.content(of: node)
            case XML_ELEMENT_NODE:
                let name = LibXML.name(of: node)
                if name == "head" || name == "script" || name == "style" { continue }
                if name == "br" {
                    result += "\n"
                    continue
                }
                if breaking.contains(name) { stack.append(nil) }
                var children: [xmlNodePtr] = []
                var child = node.pointee.children
                while let next = child {
                    children.append(next)
                    child = next.pointee.next
                }
                stack += children.reversed().map { Optional($0) }
            default:
                continue
            }
        }
        return result.trimmingASCIIWhitespace()
    }

    /// ``plain(_:)`` on one line: every run of whitespace becomes one space.
    public static func line(_ html: String) -> String {
        plain(html).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
