import Foundation

/// Turns a WordPress post body into HTML our sanitizer keeps: block comments removed, classic
/// (`wpautop`) paragraphs restored, the core shortcodes converted, other shortcodes left as text and
/// counted. The result still goes through ``HTMLSanitizer``.
public struct WordPressBody: Sendable {
    /// An image WordPress keeps as an attachment, for `[gallery]`.
    public struct Attachment: Sendable, Hashable {
        public var url: String
        public var alt: String
        public var caption: String

        public init(url: String, alt: String, caption: String) {
            self.url = url
            self.alt = alt
            self.caption = caption
        }
    }

    /// The converted HTML and the names of shortcodes left as they were (with how often).
    public struct Result: Sendable, Hashable {
        public var html: String
        public var unknownShortcodes: [String: Int]
    }

    /// Attachments by WordPress id, and (for `[gallery]` without ids) by their parent post.
    public var attachments: [Int64: Attachment]
    public var attachmentsOfPost: [Int64: [Int64]]
    /// Rewrites an old media URL to ours, when the file was imported.
    public var mediaURL: (@Sendable (String) -> String?)?

    public init(
        attachments: [Int64: Attachment] = [:], attachmentsOfPost: [Int64: [Int64]] = [:],
        mediaURL: (@Sendable (String) -> String?)? = nil
    ) {
        self.attachments = attachments
        self.attachmentsOfPost = attachmentsOfPost
        self.mediaURL = mediaURL
    }

    /// Shortcodes WordPress itself defines and that we convert.
    static let converted: Set<String> = ["caption", "wp_caption", "gallery", "embed", "audio", "video", "playlist"]

    public func convert(_ content: String, postID: Int64) -> Result {
        var unknown: [String: Int] = [:]
        let isBlocks = content.containsASCII("<!-- wp:")
        var html = Self.removingBlockComments(content)
        html = replaceShortcodes(in: html, postID: postID, unknown: &unknown)
        // Block content and HTML that already has its paragraphs (our own export, other tools) stay as written.
        if !isBlocks, !Patterns.matches(Patterns.paragraphTag, content) {
            html = Self.autoParagraphs(html)
        }
        html = Self.linkingEmbedLines(html)
        return Result(html: rewritingMedia(html), unknownShortcodes: unknown)
    }

    // MARK: - Blocks

    /// `<!-- wp:name {json} -->`, `<!-- /wp:name -->` and `<!-- wp:name /-->` go; what they wrap stays.
    static func removingBlockComments(_ html: String) -> String {
        guard html.containsASCII("<!-- ") else { return html }
        return Patterns.replacing(Patterns.blockComment, in: html, with: "")
    }

    // MARK: - Paragraphs

    /// WordPress's `wpautop` in short: blank lines separate paragraphs, a single newline is a line
    /// break, block elements are left alone, `<pre>` keeps its lines.
    static func autoParagraphs(_ html: String) -> String {
        var text = html
        if text.utf8.contains(0x0D) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        guard !text.trimmingASCIIWhitespace().isEmpty else { return "" }
        // <pre> keeps its newlines and <figure> its caption: set aside, put back after.
        var kept: [String] = []
        if text.containsASCII("<pre", caseInsensitive: true) || text.containsASCII("<figure", caseInsensitive: true) {
            for match in Patterns.keptBlock.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
                guard let range = Range(match.range, in: text) else { continue }
                let marker = "\u{E000}\(kept.count)\u{E001}"
                kept.append(String(text[range]))
                text.replaceSubrange(range, with: "\n\n" + marker + "\n\n")
            }
        }
        // A block element starts and ends its own chunk.
        if text.utf8.contains(UInt8(ascii: "<")) {
            text = Patterns.replacing(Patterns.blockElement, in: text, with: "\n\n$1\n\n")
        }
        var chunks: [String] = []
        for chunk in Self.chunks(of: text) {
            let trimmed = String(chunk).trimmingASCIIWhitespace()
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("\u{E000}")
                || (trimmed.hasPrefix("<") && Patterns.matches(Patterns.blockStart, trimmed))
            {
                chunks.append(trimmed)
            } else {
                let lines = trimmed.split(separator: "\n").map { String($0).trimmingASCIIWhitespace() }
                chunks.append("<p>" + lines.joined(separator: "<br>\n") + "</p>")
            }
        }
        var result = chunks.joined(separator: "\n")
        for (index, block) in kept.enumerated() {
            result = result.replacingOccurrences(of: "\u{E000}\(index)\u{E001}", with: block)
        }
        return result
    }

    /// The text cut at every blank line (`\n\n`), scanning bytes.
    static func chunks(of text: String) -> [Substring] {
        var result: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            let next = utf8.index(after: index)
            if utf8[index] == 0x0A, next < utf8.endIndex, utf8[next] == 0x0A {
                result.append(text[start..<index])
                start = utf8.index(after: next)
                index = start
            } else {
                index = next
            }
        }
        result.append(text[start..<utf8.endIndex])
        return result
    }

    // MARK: - Embeds

    /// A line holding nothing but a URL (WordPress's auto-embed) becomes a link to it: we embed no
    /// outside player, and a link card keeps the reference.
    static func linkingEmbedLines(_ html: String) -> String {
        guard html.containsASCII("http") else { return html }
        return Patterns.replacing(Patterns.embedLine, in: html, with: "$1<a href=\"$2\">$2</a>$3")
    }

    private func rewritingMedia(_ html: String) -> String {
        guard let mediaURL, html.containsASCII("src=") || html.containsASCII("href=") else { return html }
        var result = html
        for match in Patterns.mediaAttribute.matches(in: html, range: NSRange(html.startIndex..., in: html)).reversed()
        {
            guard let urlRange = Range(match.range(at: 2), in: html), let ours = mediaURL(String(html[urlRange])),
                let whole = Range(match.range(at: 2), in: result)
            else { continue }
            result.replaceSubrange(whole, with: ours)
        }
        return result
    }

    // MARK: - Shortcodes

    private func replaceShortcodes(in html: String, postID: Int64, unknown: inout [String: Int]) -> String {
        guard html.utf8.contains(UInt8(ascii: "[")) else { return html }
        var output = ""
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "[") {
            output += rest[..<open]
            guard let code = Shortcode.parse(rest[open...]) else {
                output += "["
                rest = rest[rest.index(after: open)...]
                continue
            }
            if Self.converted.contains(code.name) {
                output += render(code, postID: postID)
            } else {
                unknown[code.name, default: 0] += 1
                output += rest[open..<code.end]
            }
            rest = rest[code.end...]
        }
        return output + rest
    }

    private func render(_ code: Shortcode, postID: Int64) -> String {
        switch code.name {
        case "caption", "wp_caption":
            // [caption …]<a><img></a> Text[/caption]: the markup before the text is the picture.
            let inner = code.content ?? ""
            var picture = inner
            var caption = code.attributes["caption"] ?? ""
            if let end = inner.range(of: #"^\s*(<a [^>]*>\s*)?<img [^>]*>(\s*</a>)?"#, options: .regularExpression) {
                picture = String(inner[end])
                if caption.isEmpty { caption = String(inner[end.upperBound...]) }
            }
            let captionText = caption.trimmingASCIIWhitespace()
            return "<figure>" + picture.trimmingASCIIWhitespace()
                + (captionText.isEmpty ? "" : "<figcaption>" + captionText + "</figcaption>") + "</figure>"
        case "gallery":
            let ids =
                code.attributes["ids"].map {
                    $0.split(separator: ",").compactMap { Int64(String($0).trimmingASCIIWhitespace()) }
                }
                ?? attachmentsOfPost[postID] ?? []
            let figures = ids.compactMap { attachments[$0] }.map { image in
                "<figure><img src=\"\(HTMLEscaping.escape(image.url))\" alt=\"\(HTMLEscaping.escape(image.alt))\">"
                    + (image.caption.isEmpty ? "" : "<figcaption>\(HTMLEscaping.escape(image.caption))</figcaption>")
                    + "</figure>"
            }
            return "\n\n" + figures.joined(separator: "\n") + "\n\n"
        case "embed":
            let url = (code.content ?? "").trimmingASCIIWhitespace()
            return "\n\n<p><a href=\"\(HTMLEscaping.escape(url))\">\(HTMLEscaping.escape(url))</a></p>\n\n"
        default:  // audio, video, playlist: a link to the file, since we embed no player
            let source = ["src", "mp3", "m4a", "ogg", "wav", "mp4", "webm", "ogv"].lazy.compactMap {
                code.attributes[$0]
            }.first
            guard let source else { return "" }
            return "\n\n<p><a href=\"\(HTMLEscaping.escape(source))\">\(HTMLEscaping.escape(source))</a></p>\n\n"
        }
    }
}

/// The expressions the conversion uses, compiled once (`String`'s regular-expression options
/// compile on every call); `NSRegularExpression` may be shared between threads.
enum Patterns {
    static func make(_ pattern: String, _ options: NSRegularExpression.Options = []) -> NSRegularExpression {
        // The patterns are literals of this file; a broken one fails every test at once.
        try! NSRegularExpression(pattern: pattern, options: options)
    }

    static let blockComment = make(#"<!--\s+/?wp:[a-z][a-z0-9_/-]*(\s+\{.*?\})?\s*/?-->"#)
    static let paragraphTag = make(#"<p[\s>]"#, .caseInsensitive)
    static let keptBlock = make(#"<(pre|figure)[\s>][\s\S]*?</\1>"#, .caseInsensitive)
    static let blockElement = make(
        #"(<(?:/)?(?:blockquote|div|figure|h[1-6]|hr|ol|ul|li|table|thead|tbody|tr|td|th|p|section)[^>]*>)"#,
        .caseInsensitive)
    static let blockStart = make(
        #"^\s*</?(address|article|aside|blockquote|caption|dd|details|div|dl|dt|figcaption|figure|footer|form|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|summary|table|tbody|td|tfoot|th|thead|tr|ul)[\s>/]"#,
        .caseInsensitive)
    static let embedLine = make(#"^(\s*(?:<p>)?\s*)(https?://[^\s<>"']+)(\s*(?:</p>)?\s*)$"#, .anchorsMatchLines)
    static let mediaAttribute = make(#"(src|href)="([^"]+)""#)
    static let shortcodeAttribute = make(#"([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))"#)

    static func matches(_ regex: NSRegularExpression, _ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    static func replacing(_ regex: NSRegularExpression, in text: String, with template: String) -> String {
        regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }
}

/// One `[name attr="value"]…[/name]` (or self-closing) shortcode.
struct Shortcode {
    var name: String
    var attributes: [String: String]
    var content: String?
    /// Just past the shortcode in the text it was read from.
    var end: Substring.Index

    /// The shortcode at the start of `text` (which begins with `[`), or nil when it is not one.
    static func parse(_ text: Substring) -> Shortcode? {
        var index = text.index(after: text.startIndex)
        let nameStart = index
        while index < text.endIndex, text[index].isASCII,
            text[index].isLetter || text[index].isNumber
                || text[index] == "_" || text[index] == "-"
        {
            index = text.index(after: index)
        }
        let name = String(text[nameStart..<index])
        guard let first = name.first, first.isLetter, index < text.endIndex,
            text[index] == "]" || text[index] == " " || text[index] == "/"
        else { return nil }
        guard let close = text[index...].firstIndex(of: "]") else { return nil }
        var attributeText = text[index..<close]
        let selfClosing = attributeText.hasSuffix("/")
        if selfClosing { attributeText = attributeText.dropLast() }
        let attributes = parseAttributes(String(attributeText))
        let afterOpen = text.index(after: close)
        if !selfClosing, let closing = text[afterOpen...].range(of: "[/\(name)]") {
            return Shortcode(
                name: name.lowercased(), attributes: attributes, content: String(text[afterOpen..<closing.lowerBound]),
                end: closing.upperBound)
        }
        return Shortcode(name: name.lowercased(), attributes: attributes, content: nil, end: afterOpen)
    }

    static func parseAttributes(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for match in Patterns.shortcodeAttribute.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let key = Range(match.range(at: 1), in: text) else { continue }
            let value = (2...4).lazy.compactMap { Range(match.range(at: $0), in: text) }.first.map { String(text[$0]) }
            result[text[key].lowercased()] = value ?? ""
        }
        return result
    }
}
