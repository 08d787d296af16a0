import Foundation

/// The fields an editor (or an import, or the demo) sets when saving an article.
///
/// The body is raw HTML here; ``ArticleDraft/validated(sanitizer:)`` turns it into
/// ``SafeHTML`` and checks the rules every backend relies on.
public struct ArticleDraft: Sendable, Hashable {
    /// Nil for a new article.
    public var id: Int64?
    /// Nil to make the slug from the title.
    public var slug: String?
    public var title: String
    public var summary: String
    public var bodyHTML: String
    public var sectionID: Int64
    public var authorID: Int64
    /// Tag names; tags are created when missing.
    public var tagNames: [String]
    public var source: SourceCredit?
    public var cover: CoverImage?
    public var isBreaking: Bool
    public var status: PublishState
    public var publishedAt: Date?
    public var commentsOpen: Bool
    /// The Markdown source when the body was written in the editor (``bodyHTML`` is then its rendering).
    public var bodyMarkdown: String?
    /// Pinned as the home page's lead story.
    public var isPinned: Bool
    /// The title and description for search engines, when not the headline and summary.
    public var seo: SEOFields

    public init(
        id: Int64? = nil, slug: String? = nil, title: String, summary: String = "", bodyHTML: String,
        sectionID: Int64, authorID: Int64, tagNames: [String] = [], source: SourceCredit? = nil,
        cover: CoverImage? = nil, isBreaking: Bool = false, status: PublishState = .draft, publishedAt: Date? = nil,
        commentsOpen: Bool = true, bodyMarkdown: String? = nil, isPinned: Bool = false, seo: SEOFields = SEOFields()
    ) {
        self.bodyMarkdown = bodyMarkdown
        self.isPinned = isPinned
        self.seo = seo
        self.id = id
        self.slug = slug
        self.title = title
        self.summary = summary
        self.bodyHTML = bodyHTML
        self.sectionID = sectionID
        self.authorID = authorID
        self.tagNames = tagNames
        self.source = source
        self.cover = cover
        self.isBreaking = isBreaking
        self.status = status
        self.publishedAt = publishedAt
        self.commentsOpen = commentsOpen
    }

    /// The largest body accepted, in UTF-8 bytes; far above any real article.
    public static let maxBodyBytes = 2_000_000

    /// At most this many tags on one article.
    public static let maxTags = 30

    /// Checks the draft and sanitizes its body, ready for a store to write.
    /// - Throws: ``ValidationError`` naming the first field at fault.
    public func validated(sanitizer: HTMLSanitizer = HTMLSanitizer()) throws -> ValidatedArticle {
        let title = self.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw ValidationError(field: "title", problem: .required) }
        guard title.count <= 300 else { throw ValidationError(field: "title", problem: .tooLong(max: 300)) }
        let slug = (self.slug?.isEmpty == false ? Slug.make(from: self.slug!) : Slug.make(from: title))
        guard !slug.isEmpty else { throw ValidationError(field: "slug", problem: .invalid) }
        if status == .published || status == .scheduled, publishedAt == nil {
            throw ValidationError(field: "publishedAt", problem: .required)
        }
        if let source, source.name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError(field: "source", problem: .required)
        }
        if let url = source?.url, URLPolicy.link(url)?.isAbsoluteWeb != true {
            throw ValidationError(field: "source.url", problem: .invalid)
        }
        if let cover {
            guard URLPolicy.image(cover.url) != nil else {
                throw ValidationError(field: "cover.url", problem: .invalid)
            }
            guard !cover.alt.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError(field: "cover.alt", problem: .required)
            }
        }
        let seo = try self.seo.validated()
        guard bodyHTML.utf8.count <= Self.maxBodyBytes else {
            throw ValidationError(field: "body", problem: .tooLong(max: Self.maxBodyBytes))
        }
        let body = sanitizer.sanitize(bodyHTML)
        var seen = Set<String>()
        let tags = tagNames.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter {
            !$0.isEmpty && !Slug.make(from: $0).isEmpty && seen.insert(Slug.make(from: $0)).inserted
        }
        if tags.contains(where: { $0.count > TaxonomyRules.maxTagName }) {
            throw ValidationError(field: "tags", problem: .tooLong(max: TaxonomyRules.maxTagName))
        }
        guard tags.count <= Self.maxTags else {
            throw ValidationError(field: "tags", problem: .tooLong(max: Self.maxTags))
        }
        return ValidatedArticle(
            draft: self, title: title, slug: slug, summary: summary.trimmingCharacters(in: .whitespacesAndNewlines),
            body: body, tagNames: tags, readingMinutes: ReadingTime.minutes(for: body), seo: seo)
    }
}

/// A draft that passed ``ArticleDraft/validated(sanitizer:)``; stores write only these.
public struct ValidatedArticle: Sendable, Hashable {
    public let draft: ArticleDraft
    public let title: String
    /// The slug asked for; the store makes it unique.
    public let slug: String
    public let summary: String
    public let body: SafeHTML
    public let tagNames: [String]
    public let readingMinutes: Int
    /// Trimmed and within its limits.
    public let seo: SEOFields
}
