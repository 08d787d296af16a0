import Foundation
import GRDB
import NashraCore

extension SQLiteStore {
    /// The article, its related articles, comments and pictures in one read transaction: one reader
    /// connection taken once, one hop to its queue instead of four, and one snapshot for the whole page.
    public func articlePage(
        slug: String, relatedLimit: Int, now: Date,
        pictureNames: @Sendable (Article, [ArticleSummary]) -> [String]
    ) async throws -> ArticlePageReads {
        try await pool.read { db in
            let lookup = try Self.publishedArticle(slug: slug, now: now, in: db)
            guard case .found(let article) = lookup else { return ArticlePageReads(lookup: lookup) }
            let related = try Self.relatedArticles(to: article, limit: relatedLimit, now: now, in: db)
            let names = pictureNames(article, related)
            return ArticlePageReads(
                lookup: lookup, related: related, comments: try Self.approvedComments(articleID: article.id, in: db),
                pictures: names.isEmpty ? [:] : try Self.media(fileNames: names, in: db))
        }
    }
}
