import Ink

/// Turns what editors write (Markdown) into the body readers see.
///
/// Ink parses the Markdown; whatever it produces, raw HTML typed by the editor included, then goes
/// through the sanitizer, so the editor can never put a script or an event handler on a page.
public struct MarkdownRenderer: Sendable {
    let sanitizer: HTMLSanitizer

    public init(sanitizer: HTMLSanitizer = HTMLSanitizer()) {
        self.sanitizer = sanitizer
    }

    /// The sanitized HTML for `markdown`.
    public func render(_ markdown: String) -> SafeHTML {
        // Ink expects "\n" line ends; browsers send "\r\n" from a textarea.
        let text = markdown.replacingOccurrences(of: "\r\n", with: "\n")
        return sanitizer.sanitize(MarkdownParser().html(from: text))
    }
}
