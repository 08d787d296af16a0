import Foundation
import NashraCore

/// An article's Open Graph values and its `NewsArticle` and `BreadcrumbList` JSON-LD.
struct ArticleMetadata {
    let context: RenderContext

    func meta(for article: Article, breadcrumb: [Crumb]) -> PageMeta {
        let urls = context.urls
        let published = article.publishedAt ?? article.updatedAt
        let modified = max(published, article.updatedAt)
        let canonical = urls.absolute(urls.article(article.slug))
        let image = article.cover.map { $0.url.hasPrefix("/") ? urls.absolute($0.url) : $0.url }
        let news = StructuredData.NewsArticle(
            // Google shows at most 110 characters of a headline.
            headline: String(article.title.prefix(110)), description: article.summary,
            datePublished: FeedDates.rfc3339(published), dateModified: FeedDates.rfc3339(modified),
            author: [
                StructuredData.Person(
                    name: article.author.name, url: urls.absolute(urls.author(article.author.slug)))
            ],
            publisher: context.publisherData, mainEntityOfPage: StructuredData.WebPage(id: canonical),
            articleSection: article.section.name, inLanguage: context.settings.language.rawValue, url: canonical,
            image: [image ?? urls.absolute(context.theme.permanentAssetURL("logo.png"))],
            keywords: article.tags.isEmpty ? nil : article.tags.map(\.name),
            sourceOrganization: article.source.map { StructuredData.Organization(name: $0.name) })
        var meta = PageMeta()
        meta.ogType = "article"
        meta.image = article.cover
        meta.publishedTime = published
        meta.modifiedTime = modified
        meta.section = article.section.name
        meta.tags = article.tags.map(\.name)
        meta.structuredData = [.newsArticle(news), context.breadcrumbData(breadcrumb.map { ($0.name, $0.url) })]
        meta.scopedFeed = (article.section.name, .section, article.section.slug)
        return meta
    }
}
