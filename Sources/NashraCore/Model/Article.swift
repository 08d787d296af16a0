import Foundation

/// Where an article stands in its life.
public enum PublishState: String, Sendable, Hashable, CaseIterable {
    case draft
    /// Written by a contributor and waiting for an editor.
    case pending
    /// Goes live by itself at its publication time.
    case scheduled
    case published
    /// Deleted, but restorable (as a draft) until someone empties it for good.
    case trash
}

/// The outlet or agency credited for an article.
public struct SourceCredit: Sendable, Hashable {
    public var name: String
    /// An http(s) link to the original, if any.
    public var url: String?

    public init(name: String, url: String? = nil) {
        self.name = name
        self.url = url
    }
}

/// An article's cover image; the alt text is required.
public struct CoverImage: Sendable, Hashable {
    public var url: String
    public var alt: String

    public init(url: String, alt: String) {
        self.url = url
        self.alt = alt
    }
}

/// A full article, as the article page shows it.
public struct Article: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var slug: String
    public var title: String
    public var summary: String
    public var body: SafeHTML
    public var section: Section
    public var author: Author
    public var tags: [Tag]
    public var source: SourceCredit?
    public var cover: CoverImage?
    public var isBreaking: Bool
    public var status: PublishState
    public var publishedAt: Date?
    public var updatedAt: Date
    public var readingMinutes: Int
    public var commentsOpen: Bool
    /// The Markdown the editor saved the body from; nil for articles imported as HTML.
    public var bodyMarkdown: String?
    /// Pinned as the home page's lead story (WordPress's "sticky") while it is the newest pinned one.
    public var isPinned: Bool
    /// The title and description for search engines, when not the headline and summary.
    public var seo: SEOFields

    public init(
        id: Int64, slug: String, title: String, summary: String, body: SafeHTML, section: Section, author: Author,
        tags: [Tag], source: SourceCredit?, cover: CoverImage?, isBreaking: Bool, status: PublishState,
        publishedAt: Date?, updatedAt: Date, readingMinutes: Int, commentsOpen: Bool, bodyMarkdown: String? = nil,
        isPinned: Bool = false, seo: SEOFields = SEOFields()
    ) {
        self.bodyMarkdown = bodyMarkdown
        self.isPinned = isPinned
        self.seo = seo
        self.id = id
        self.slug = slug
        self.title = title
        self.summary = summary
        self.body = body
        self.section = section
        self.author = author
        self.tags = tags
        self.source = source
        self.cover = cover
        self.isBreaking = isBreaking
        self.status = status
        self.publishedAt = publishedAt
        self.updatedAt = updatedAt
        self.readingMinutes = readingMinutes
        self.commentsOpen = commentsOpen
    }

    /// The page title search engines and share cards get (the site's name is added after it).
    public var searchTitle: String { seo.title.isEmpty ? title : seo.title }

    /// The meta description: the SEO one, else the summary, else the headline.
    public var searchDescription: String {
        !seo.description.isEmpty ? seo.description : summary.isEmpty ? title : summary
    }

    /// Whether readers may see it at `now`.
    public func isVisible(at now: Date) -> Bool {
        status == .published && (publishedAt.map { $0 <= now } ?? false)
    }
}

/// An article as lists show it: no body, no tags.
public struct ArticleSummary: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var slug: String
    public var title: String
    public var summary: String
    public var sectionID: Int64
    public var sectionSlug: String
    public var sectionName: String
    public var authorSlug: String
    public var authorName: String
    public var cover: CoverImage?
    public var isBreaking: Bool
    public var publishedAt: Date
    public var readingMinutes: Int

    public init(
        id: Int64, slug: String, title: String, summary: String, sectionID: Int64, sectionSlug: String,
        sectionName: String, authorSlug: String, authorName: String, cover: CoverImage?, isBreaking: Bool,
        publishedAt: Date, readingMinutes: Int
    ) {
        self.id = id
        self.slug = slug
        self.title = title
        self.summary = summary
        self.sectionID = sectionID
        self.sectionSlug = sectionSlug
        self.sectionName = sectionName
        self.authorSlug = authorSlug
        self.authorName = authorName
        self.cover = cover
        self.isBreaking = isBreaking
        self.publishedAt = publishedAt
        self.readingMinutes = readingMinutes
    }
}
