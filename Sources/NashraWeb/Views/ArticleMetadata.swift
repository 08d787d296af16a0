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
        let ready = context.readyPicture(article.cover)
        let social = ready?.social
        let shared = article.cover.map { cover in
            social.map { CoverImage(url: "/media/" + $0.fileName, alt: cover.alt) } ?? cover
        }
        // Google asks for pictures at least 1200 pixels wide in 16:9, 4:3 and 1:1; a picture whose
        // crops predate those gives the social crop and its widest copy instead.
        let crops = (ready?.searchCrops ?? []).map { "/media/" + $0.fileName }
        let fallback = [shared?.url, ready?.widths(.jpeg).last.map { "/media/" + $0.fileName }].compactMap { $0 }
        let images = (crops.isEmpty ? fallback : crops).map { $0.hasPrefix("/") ? urls.absolute($0) : $0 }
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
            image: images.isEmpty ? [urls.absolute(context.theme.permanentAssetURL("logo.png"))] : images,
            keywords: article.tags.isEmpty ? nil : article.tags.map(\.name),
            sourceOrganization: article.source.map { StructuredData.Organization(name: $0.name) })
        var meta = PageMeta()
        meta.ogType = "article"
        meta.image = shared
        meta.imageSize = social.map { ($0.width, $0.height) }
        meta.publishedTime = published
        meta.modifiedTime = modified
        meta.section = article.section.name
        meta.tags = article.tags.map(\.name)
        meta.structuredData = [.newsArticle(news), context.breadcrumbData(breadcrumb.map { ($0.name, $0.url) })]
        meta.scopedFeed = (article.section.name, .section, article.section.slug)
        return meta
    }
}
