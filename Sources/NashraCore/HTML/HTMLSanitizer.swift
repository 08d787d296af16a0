import CLibXML2

/// Turns untrusted HTML into ``SafeHTML`` through an allowlist.
///
/// The input is parsed by libxml2's HTML parser (which repairs broken and unclosed markup the way
/// a browser would), then the tree is walked and written out again: allowed elements with their
/// allowed attributes, escaped text, nothing else. Script-like elements are dropped with their
/// content; other unknown elements are unwrapped so their text survives. The output is always
/// well-formed and nests validly (no block element inside a paragraph, no list item outside a list).
public struct HTMLSanitizer: Sendable {
    /// Hosts whose absolute links count as internal (no `rel="nofollow"`), lowercased.
    public var internalHosts: Set<String>

    /// Creates a sanitizer; links to `internalHosts` are not marked as external.
    public init(internalHosts: Set<String> = []) {
        self.internalHosts = Set(internalHosts.map { $0.lowercased() })
    }

    /// Sanitizes an HTML fragment.
    public func sanitize(_ html: String) -> SafeHTML {
        if html.isEmpty { return .empty }
        // Wrapping in a body keeps libxml2 from treating a leading fragment as head content.
        let document = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + html + "</body></html>"
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue
                // Without it libxml2 stops at depth 256 and silently drops the rest of the input.
                | XML_PARSE_HUGE.rawValue
        )
        let length = Int32(clamping: document.utf8.count)
        let parsed: htmlDocPtr? = document.withCString { pointer in
            htmlReadMemory(pointer, length, nil, "UTF-8", options)
        }
        guard let doc = parsed else { return .empty }
        defer { xmlFreeDoc(doc) }
        var writer = SanitizingWriter(internalHosts: internalHosts)
        // Content after a stray </body> or </html> lands beside <body> or after <html>; a browser
        // still shows it, so everything but <head> is written.
        var node = doc.pointee.children
        while let current = node {
            if current.pointee.type == XML_ELEMENT_NODE, LibXML.name(of: current) == "html" {
                var child = current.pointee.children
                while let part = child {
                    switch LibXML.name(of: part) {
                    case "head": break
                    case "body": writer.writeChildren(of: part, depth: 0)
                    default: writer.write(part, depth: 1)
                    }
                    child = part.pointee.next
                }
            } else {
                writer.write(current, depth: 1)
            }
            node = current.pointee.next
        }
        return SafeHTML(sanitized: writer.output.trimmingASCIIWhitespace())
    }
}

/// Small helpers over libxml2's C structs.
enum LibXML {
    static func name(of node: xmlNodePtr) -> String {
        guard let name = node.pointee.name else { return "" }
        return String(cString: name).lowercased()
    }

    static func content(of node: xmlNodePtr) -> String {
        guard let content = node.pointee.content else { return "" }
        return String(cString: content)
    }

    /// The attributes of an element as lowercased names and decoded values.
    static func attributes(of node: xmlNodePtr) -> [String: String] {
        var result: [String: String] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            if let rawName = current.pointee.name {
                var value = ""
                var child = current.pointee.children
                while let text = child {
                    if let content = text.pointee.content { value += String(cString: content) }
                    child = text.pointee.next
                }
                result[String(cString: rawName).lowercased()] = value
            }
            attribute = current.pointee.next
        }
        return result
    }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
