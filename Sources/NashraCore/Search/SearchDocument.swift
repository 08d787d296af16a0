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
        var output = ""
        output.reserveCapacity(markup.utf8.count)
        var tag = ""
        var inTag = false
        var entity = ""
        var inEntity = false
        for character in markup {
            if inTag {
                if character == ">" {
                    inTag = false
                    let name = tag.lowercased()
                    if name.hasPrefix("/p") || name.hasPrefix("br") || name.hasPrefix("/h") || name.hasPrefix("/li")
                        || name.hasPrefix("/blockquote") || name.hasPrefix("/figcaption") || name.hasPrefix("/tr")
                    {
                        output += "\n"
                    }
                } else {
                    tag.append(character)
                }
                continue
            }
            if inEntity {
                if character == ";" {
                    inEntity = false
                    output += decode(entity)
                } else if entity.count > 8 || character.isWhitespace {
                    inEntity = false
                    output += "&" + entity + String(character)
                } else {
                    entity.append(character)
                }
                continue
            }
            switch character {
            case "<":
                inTag = true
                tag = ""
            case "&":
                inEntity = true
                entity = ""
            default:
                output.append(character)
            }
        }
        if inEntity { output += "&" + entity }
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func decode(_ entity: String) -> String {
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
            return "&" + entity + ";"
        }
    }
}
