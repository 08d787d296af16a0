import Foundation

/// Inline Markdown written as it streams in.
///
/// Whitespace and line breaks are held back until the next visible content, so none is left at
/// the start or end of a line, and an opening marker is only written with the first content inside
/// it, so empty elements vanish and `<em> x</em>` becomes ` *x*`.
struct InlineMarkdown {
    private(set) var output = ""
    /// `<br>` in headings, which are one line.
    private let breaksAsSpaces: Bool
    private var pendingSpace = false
    private var pendingBreaks = 0
    /// Open elements, innermost last, with their closing marker and whether the opening one is
    /// written yet (unwritten ones are always the innermost).
    private var open: [(opener: String, closer: String, written: Bool)] = []
    /// Closers just written with nothing after them, so `<em>a</em><em>b</em>` can become `*ab*`.
    private var trailingClosers: [String] = []
    /// Nothing visible on this line yet.
    private var atLineStart = true
    /// The line so far is digits (a following `.` or `)` would make it a list item).
    private var lineIsDigits = false
    /// Set for alt text, which Ink reads like link text.
    private var isAltText = false

    private var isInLink: Bool { isAltText || open.contains { $0.opener == "[" } }

    init(breaksAsSpaces: Bool = false) {
        self.breaksAsSpaces = breaksAsSpaces
    }

    /// The Markdown so far; pending whitespace and breaks at the end are dropped.
    mutating func finish() -> String {
        while !open.isEmpty { close() }
        return output
    }

    mutating func text(_ raw: String) {
        let characters = Array(raw)
        // semicolonAhead[i]: a `;` follows character i before any whitespace, so an `&` there
        // would start a character reference.
        var semicolonAhead: [Bool] = []
        if raw.contains("&") {
            semicolonAhead = Array(repeating: false, count: characters.count)
            var seen = false
            for index in characters.indices.reversed() {
                semicolonAhead[index] = seen
                if characters[index].isASCIIWhitespace { seen = false }
                if characters[index] == ";" { seen = true }
            }
        }
        for (index, character) in characters.enumerated() {
            if character.isASCIIWhitespace {
                pendingSpace = true
                continue
            }
            flush()
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            let previous = index > 0 ? characters[index - 1] : nil
            let startsReference = character == "&" && semicolonAhead[index]
            output += escaped(character, next: next, previous: previous, startsReference: startsReference)
            atLineStart = false
        }
    }

    /// Content that is already Markdown: an image or a code span.
    mutating func atom(_ markdown: String) {
        flush()
        output += markdown
        atLineStart = false
        lineIsDigits = false
    }

    mutating func lineBreak() {
        if breaksAsSpaces {
            pendingSpace = true
        } else {
            pendingBreaks += 1
        }
    }

    mutating func open(_ opener: String, closer: String) {
        open.append((opener, closer, false))
    }

    mutating func close() {
        guard let element = open.popLast(), element.written else { return }
        output += element.closer
        trailingClosers.append(element.closer)
    }

    /// Writes what is held back before visible content: breaks, a space, opening markers.
    private mutating func flush() {
        if pendingBreaks > 0 {
            if !output.isEmpty {
                output += String(repeating: "\\\n", count: pendingBreaks)
                atLineStart = true
                lineIsDigits = false
                trailingClosers = []
            }
            pendingBreaks = 0
            pendingSpace = false
        }
        if pendingSpace {
            if !atLineStart {
                output += " "
                trailingClosers = []
                lineIsDigits = false
            }
            pendingSpace = false
        }
        for index in open.indices where !open[index].written {
            open[index].written = true
            let opener = open[index].opener
            if let last = trailingClosers.last, last == opener, opener != "[" {
                // `*a*` then `*b*` with nothing between: continue the first instead.
                output.removeLast(opener.count)
                trailingClosers.removeLast()
                continue
            }
            trailingClosers = []
            // `!` before a link would make it an image.
            if opener == "[", output.hasSuffix("!") { output = String(output.dropLast()) + "&#33;" }
            output += opener
            atLineStart = false
            lineIsDigits = false
        }
        trailingClosers = []
    }

    private mutating func escaped(
        _ character: Character, next: Character?, previous: Character?, startsReference: Bool
    ) -> String {
        let endsToken = next == nil || next?.isASCIIWhitespace == true
        let startsLine = atLineStart
        if atLineStart {
            switch character {
            case "#", "-", "+", "=":
                // A heading, list item, thematic break or setext underline.
                if endsToken || next == character { return "\\" + String(character) }
            case ">", "|", "[":
                return "\\" + String(character)
            default:
                break
            }
            lineIsDigits = character.isNumber
        } else if lineIsDigits {
            if (character == "." || character == ")") && endsToken {
                lineIsDigits = false
                return "\\" + String(character)
            }
            lineIsDigits = character.isNumber
        }
        switch character {
        case "*": return "&#42;"
        case "_": return "&#95;"
        case "`": return "&#96;"
        case "\\": return "&#92;"
        case "<": return "&lt;"
        // Inside link text `[` would start a nested link, and a backslash does not stop Ink.
        case "[" where isInLink: return "&#91;"
        case "~" where next == "~" || previous == "~": return "&#126;"
        // Ink drops whitespace before whitespace and at either end of a line, this kind too.
        case "\u{A0}" where startsLine || next == nil || next?.isWhitespace == true: return "&nbsp;"
        case "]": return next == ":" ? "&#93;" : "\\]"
        // Only where it would start a character reference: Ink and CommonMark need the `;`.
        case "&" where startsReference: return "&amp;"
        default: return String(character)
        }
    }

    // MARK: Pieces

    /// Runs of ASCII whitespace as one space, as HTML renders text.
    static func collapsed(_ text: String) -> String {
        var result = ""
        var space = false
        for character in text {
            if character.isASCIIWhitespace {
                space = true
            } else {
                if space { result += " " }
                space = false
                result.append(character)
            }
        }
        if space { result += " " }
        return result
    }

    /// Image alt text: escaped like text, and `"` too, since Ink copies it into the attribute.
    static func escapedAlt(_ alt: String) -> String {
        var text = InlineMarkdown()
        text.atLineStart = false
        text.isAltText = true
        text.text(alt)
        return text.finish().replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A link destination: character references for what would end or confuse it (Ink and
    /// CommonMark both decode them), percent-encoding for spaces and controls.
    static func destination(_ url: String) -> String {
        var depth = 0
        var balanced = true
        for character in url {
            if character == "(" { depth += 1 }
            if character == ")" {
                depth -= 1
                if depth < 0 { balanced = false }
            }
        }
        balanced = balanced && depth == 0
        var result = ""
        for character in url {
            switch character {
            case "&": result += "&amp;"
            case "\"": result += "&quot;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\\": result += "&#92;"
            case "(" where !balanced: result += "&#40;"
            case ")" where !balanced: result += "&#41;"
            case _ where character.asciiValue.map({ $0 <= 0x20 || $0 == 0x7F }) == true:
                // Spaces and controls end a destination in CommonMark.
                let byte = character.asciiValue ?? 0
                result += (byte < 0x10 ? "%0" : "%") + String(byte, radix: 16, uppercase: true)
            default: result.append(character)
            }
        }
        return result
    }
}

extension Character {
    /// Space, tab, line feed, form feed or carriage return: what HTML collapses.
    var isASCIIWhitespace: Bool {
        self == " " || self == "\n" || self == "\t" || self == "\r" || self == "\r\n" || self == "\u{0C}"
    }
}
