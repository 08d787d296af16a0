import Foundation

/// The fields the newsroom's page editor saves: a static page at `/SLUG` ("About us", "Contact",
/// the privacy policy), written in Markdown like an article.
public struct PageDraft: Sendable, Hashable {
    /// Nil for a new page.
    public var id: Int64?
    /// Nil or empty to make it from the title.
    public var slug: String?
    public var title: String
    public var bodyMarkdown: String
    public var state: StaticPage.State
    public var inFooter: Bool
    public var position: Int

    public init(
        id: Int64? = nil, slug: String? = nil, title: String, bodyMarkdown: String,
        state: StaticPage.State = .draft, inFooter: Bool = false, position: Int = 0
    ) {
        self.id = id
        self.slug = slug
        self.title = title
        self.bodyMarkdown = bodyMarkdown
        self.state = state
        self.inFooter = inFooter
        self.position = position
    }

    public static let maxTitle = 200
    public static let maxBodyBytes = 500_000
    /// Footer order, as sections' positions.
    public static let positions = 0...1000

    /// First segments the site's own routes answer: a page there could never be reached.
    public static let reservedSlugs: Set<String> = [
        "admin", "news", "section", "tag", "author", "search", "feed", "media", "assets", "sitemaps",
        "sitemap.xml", "robots.txt", "opensearch.xml", "favicon.ico", "healthz", "metrics", "comments",
    ]

    /// Checks the draft and renders its Markdown (sanitized, as an article's).
    /// - Throws: ``ValidationError`` naming the first field at fault (`title`, `slug` — `.reserved` for one
    ///   of ``reservedSlugs`` —, `body`, `position`).
    public func validated() throws(ValidationError) -> ValidatedPage {
        let title = self.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw ValidationError(field: "title", problem: .required) }
        guard title.count <= Self.maxTitle else {
            throw ValidationError(field: "title", problem: .tooLong(max: Self.maxTitle))
        }
        let typed = (self.slug ?? "").trimmingCharacters(in: .whitespaces)
        let slug = Slug.make(from: typed.isEmpty ? title : typed)
        guard !slug.isEmpty else { throw ValidationError(field: "slug", problem: .invalid) }
        guard !Self.reservedSlugs.contains(slug) else { throw ValidationError(field: "slug", problem: .reserved) }
        guard bodyMarkdown.utf8.count <= Self.maxBodyBytes else {
            throw ValidationError(field: "body", problem: .tooLong(max: Self.maxBodyBytes))
        }
        guard Self.positions.contains(position) else { throw ValidationError(field: "position", problem: .invalid) }
        return ValidatedPage(draft: self, title: title, slug: slug, body: MarkdownRenderer().render(bodyMarkdown))
    }
}

/// A page that passed ``PageDraft/validated()``; stores write only these.
public struct ValidatedPage: Sendable, Hashable {
    public let draft: PageDraft
    public let title: String
    /// The slug asked for; the store makes it unique.
    public let slug: String
    public let body: SafeHTML
}
