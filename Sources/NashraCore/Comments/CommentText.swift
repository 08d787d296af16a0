/// Plain-text comment bodies: paragraphs and the URLs inside them, for display.
public enum CommentText {
    public struct Segment: Sendable, Hashable {
        public let text: String
        public let isLink: Bool
    }

    /// Paragraphs (split on line breaks), empty lines dropped.
    public static func paragraphs(of text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Splits text into plain runs and links (`http://`, `https://`, `www.`), trailing punctuation
    /// left outside the link.
    public static func segments(of text: String) -> [Segment] {
        var segments: [Segment] = []
        var plain = ""
        var index = text.startIndex
        while index < text.endIndex {
            let rest = text[index...]
            let startsLink =
                (rest.hasPrefix("http://") || rest.hasPrefix("https://") || rest.hasPrefix("www."))
                && (index == text.startIndex || !text[text.index(before: index)].isLetter)
            guard startsLink else {
                plain.append(text[index])
                index = text.index(after: index)
                continue
            }
            var end =
                rest.firstIndex(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" }) ?? text.endIndex
            while end > index, let last = text[index..<end].last, ".,;:!?)]}،؛؟»'".contains(last) {
                end = text.index(before: end)
            }
            let link = String(text[index..<end])
            let minimum = link.hasPrefix("www.") ? 5 : link.hasPrefix("https://") ? 9 : 8
            guard link.count >= minimum else {
                plain.append(text[index])
                index = text.index(after: index)
                continue
            }
            if !plain.isEmpty { segments.append(Segment(text: plain, isLink: false)) }
            plain = ""
            segments.append(Segment(text: link, isLink: true))
            index = end
        }
        if !plain.isEmpty { segments.append(Segment(text: plain, isLink: false)) }
        return segments
    }

    /// A paragraph as HTML: text escaped, links as anchors; the caller passes it through the
    /// sanitizer, which marks the links `nofollow ugc noopener`.
    public static func html(of paragraph: String) -> String {
        segments(of: paragraph).map { segment in
            guard segment.isLink else { return HTMLEscaping.escape(segment.text) }
            let href = segment.text.hasPrefix("www.") ? "https://" + segment.text : segment.text
            return "<a href=\"\(HTMLEscaping.escape(href))\">\(HTMLEscaping.escape(segment.text))</a>"
        }.joined()
    }
}
