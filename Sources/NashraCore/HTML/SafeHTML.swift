/// HTML that is safe to place in a page without escaping.
///
/// Only ``HTMLSanitizer`` makes values of this type, so a template that prints raw HTML can only
/// print what went through the allowlist. Everything else reaching a template is a `String`
/// and is escaped by the template engine.
public struct SafeHTML: Sendable, Hashable, CustomStringConvertible, Encodable {
    /// The sanitized markup.
    public let markup: String

    /// Only the sanitizer calls this.
    init(sanitized markup: String) {
        self.markup = markup
    }

    /// The empty fragment.
    public static let empty = SafeHTML(sanitized: "")

    public var description: String { markup }
    public var isEmpty: Bool { markup.isEmpty }

    /// As its markup, a string (view models are `Encodable` for the templates; decoding it back is
    /// not offered, so nothing read from outside becomes trusted HTML).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(markup)
    }
}
