/// What the search index holds for one article: each field as analyzed terms joined by spaces,
/// and the alternative forms of prefixed words in a field of their own.
public struct SearchDocument: Sendable, Hashable {
    public var title: String
    public var summary: String
    public var body: String
    public var tags: String
    public var author: String
    public var alternates: String

    public init(title: String, summary: String, bodyHTML: String, tags: [String], author: String) {
        var alternates: [String] = []
        // One pass over each field gives both its terms and its words' alternative forms.
        func analyze(_ text: String) -> String {
            var terms: [String] = []
            for token in ArabicAnalyzer.tokens(text) where !token.isStopword {
                terms.append(token.term)
                if let variant = token.variant { alternates.append(variant) }
            }
            return terms.joined(separator: " ")
        }
        self.title = analyze(title)
        self.summary = analyze(summary)
        body = analyze(PlainText.fromHTML(bodyHTML))
        self.tags = analyze(tags.joined(separator: " ، "))
        self.author = ArabicAnalyzer.terms(author).joined(separator: " ")
        self.alternates = alternates.joined(separator: " ")
    }
}

/// Text of sanitized HTML: tags dropped, block ends as line breaks, our escapes decoded.
public enum PlainText {
    public static func fromHTML(_ markup: String) -> String {
        // Over UTF-8 bytes: every delimiter is ASCII, and walking grapheme clusters (which compare
        // by canonical equivalence) was a twentieth of an import. A mark right after `>` no longer
        // hides the tag's end, as it did inside one cluster.
        var output: [UInt8] = []
        output.reserveCapacity(markup.utf8.count)
        var bytes = markup.utf8[...]
        while let byte = bytes.first {
            switch byte {
            case UInt8(ascii: "<"):
                // An unclosed tag hides the rest, as a browser would.
                guard let end = bytes.firstIndex(of: UInt8(ascii: ">")) else {
                    bytes = bytes[bytes.endIndex...]
                    break
                }
                let name = bytes[bytes.index(after: bytes.startIndex)..<end].prefix(12).map {
                    (0x41...0x5A).contains($0) ? $0 | 0x20 : $0
                }
                if Self.blockEnds.contains(where: { name.starts(with: $0) }) { output.append(UInt8(ascii: "\n")) }
                bytes = bytes[bytes.index(after: end)...]
            case UInt8(ascii: "&"):
                let name = bytes.dropFirst().prefix(10).prefix { $0 != UInt8(ascii: ";") }
                let closed = name.endIndex < bytes.endIndex && bytes[name.endIndex] == UInt8(ascii: ";")
                let text = String(decoding: name, as: UTF8.self)
                if closed, name.count <= 9, name.allSatisfy({ $0 < 0x80 && !Self.isASCIISpace($0) }),
                    let decoded = decodedEntity(text)
                {
                    output += decoded.utf8
                    bytes = bytes[bytes.index(after: name.endIndex)...]
                } else {
                    output.append(byte)
                    bytes = bytes.dropFirst()
                }
            default:
                output.append(byte)
                bytes = bytes.dropFirst()
            }
        }
        return Self.trimmingWhitespace(String(decoding: output, as: UTF8.self))
    }

    /// Tags whose end is a line break in the text (`/p` also meets `/pre`).
    static let blockEnds: [[UInt8]] = ["/p", "br", "/h", "/li", "/blockquote", "/figcaption", "/tr"].map {
        Array($0.utf8)
    }

    static func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    /// Without Foundation: Unicode's White_Space is the set `.whitespacesAndNewlines` names.
    static func trimmingWhitespace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// An entity's text, or nil for a name we do not know (then left as written).
    static func decodedEntity(_ entity: String) -> String? {
        switch entity {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "#39", "apos": return "'"
        case "nbsp": return " "
        default:
            if entity.hasPrefix("#x"), let value = UInt32(entity.dropFirst(2), radix: 16),
                let scalar = Unicode.Scalar(value)
            {
                return String(Character(scalar))
            }
            if entity.hasPrefix("#"), let value = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(value) {
                return String(Character(scalar))
            }
            return nil
        }
    }
}
