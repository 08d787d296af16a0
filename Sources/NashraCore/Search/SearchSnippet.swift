/// A short excerpt of a result's original text (diacritics and all) around its first match, with
/// the matching words in `<mark>`.
public enum SearchSnippet {
    public static func make(_ text: String, terms: Set<String>, length: Int = 220) -> SafeHTML {
        let tokens = ArabicAnalyzer.tokens(text)
        let matches = tokens.filter { terms.contains($0.term) || ($0.variant.map(terms.contains) ?? false) }
        // Start a little before the first match, at a word boundary; without a match, at the start.
        var start = text.startIndex
        if let first = matches.first, let index = tokens.firstIndex(of: first) {
            start = tokens[max(0, index - 8)].range.lowerBound
        }
        let end = text.index(start, offsetBy: length, limitedBy: text.endIndex) ?? text.endIndex
        var html = start > text.startIndex ? "… " : ""
        var cursor = start
        for match in matches where match.range.lowerBound >= start && match.range.upperBound <= end {
            html += HTMLEscaping.escape(text[cursor..<match.range.lowerBound])
            html += "<mark>" + HTMLEscaping.escape(text[match.range]) + "</mark>"
            cursor = match.range.upperBound
        }
        html += HTMLEscaping.escape(text[cursor..<end])
        if end < text.endIndex { html += " …" }
        return HTMLSanitizer().sanitize("<p>" + html.replacingOccurrences(of: "\n", with: " ") + "</p>")
    }
}
