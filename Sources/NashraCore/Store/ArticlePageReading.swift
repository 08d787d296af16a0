import Foundation

/// What an article page shows besides the site's frame, read together.
public struct ArticlePageReads: Sendable {
    public let lookup: ArticleLookup
    /// Empty unless the article was found.
    public let related: [ArticleSummary]
    public let comments: [Comment]
    /// The uploads among the file names the page's pictures use, by file name.
    public let pictures: [String: MediaItem]

    public init(
        lookup: ArticleLookup, related: [ArticleSummary] = [], comments: [Comment] = [],
        pictures: [String: MediaItem] = [:]
    ) {
        self.lookup = lookup
        self.related = related
        self.comments = comments
        self.pictures = pictures
    }
}

/// Reading an article page in one go: the article by slug (``ContentReading/publishedArticle(slug:now:)``),
/// its related articles, its approved comments and the uploads its pictures name.
public protocol ArticlePageReading: Sendable {
    /// `pictureNames` gives the file names the page will show, from the article and its related
    /// articles; the uploads among them come back in ``ArticlePageReads/pictures``.
    func articlePage(
        slug: String, relatedLimit: Int, now: Date,
        pictureNames: @Sendable (Article, [ArticleSummary]) -> [String]
    ) async throws -> ArticlePageReads
}

extension ArticlePageReading where Self: ContentReading & MediaStore {
    /// The reads one after another. A store that can make them in one trip to its database (one
    /// SQLite read on one reader connection) does so instead.
    public func articlePage(
        slug: String, relatedLimit: Int, now: Date,
        pictureNames: @Sendable (Article, [ArticleSummary]) -> [String]
    ) async throws -> ArticlePageReads {
        let lookup = try await publishedArticle(slug: slug, now: now)
        guard case .found(let article) = lookup else { return ArticlePageReads(lookup: lookup) }
        let related = try await relatedArticles(to: article, limit: relatedLimit, now: now)
        let names = pictureNames(article, related)
        return ArticlePageReads(
            lookup: .found(article), related: related, comments: try await approvedComments(articleID: article.id),
            pictures: names.isEmpty ? [:] : try await media(fileNames: names))
    }
}
