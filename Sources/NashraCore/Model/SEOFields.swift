import Foundation

/// How an article presents itself to search engines and share previews when that differs from
/// its headline and summary (what Yoast SEO and Rank Math keep in WordPress). Empty fields fall
/// back to the article's own.
public struct SEOFields: Sendable, Hashable {
    /// The page title in search results and share cards, without the site's name (added after it).
    public var title: String
    /// The meta description and share card text.
    public var description: String

    public init(title: String = "", description: String = "") {
        self.title = title
        self.description = description
    }

    /// Search engines show about 60 characters of a title and 160 of a description; these limits
    /// leave room for Arabic's longer words without letting a paragraph in.
    public static let maxTitle = 120
    public static let maxDescription = 320

    /// Trimmed, and checked against the limits.
    /// - Throws: ``ValidationError`` on `seo_title` or `seo_description`.
    public func validated() throws(ValidationError) -> SEOFields {
        let title = self.title.trimmingCharacters(in: .whitespacesAndNewlines)
        let description = self.description.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.count > Self.maxTitle {
            throw ValidationError(field: "seo_title", problem: .tooLong(max: Self.maxTitle))
        }
        if description.count > Self.maxDescription {
            throw ValidationError(field: "seo_description", problem: .tooLong(max: Self.maxDescription))
        }
        return SEOFields(title: title, description: description)
    }
}
