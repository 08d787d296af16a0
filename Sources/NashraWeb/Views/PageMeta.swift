import Foundation
import NashraCore

/// What a page tells crawlers and share previews beyond its title and description: Open Graph,
/// Twitter card, JSON-LD, and the feeds that follow it.
struct PageMeta {
    /// `website` or `article`.
    var ogType = "website"
    var image: CoverImage?
    /// The image's size when it is known (our 1200×630 social copy).
    var imageSize: (width: Int, height: Int)?
    var publishedTime: Date?
    var modifiedTime: Date?
    var section: String?
    var tags: [String] = []
    /// JSON-LD objects (already dictionaries), one `<script>` each.
    var structuredData: [StructuredData] = []
    /// Feeds of this page's scope besides the site's own: (title, path of the RSS feed).
    var scopedFeed: (title: String, kind: ListKind, slug: String)?
}

/// Open Graph and Twitter values for the layout, from ``PageMeta``.
struct SocialMeta: Encodable {
    struct ArticleTimes: Encodable {
        let published: String
        let modified: String
        let section: String
        let tags: [String]
    }

    struct FeedLink: Encodable {
        let title: String
        let url: String
        let type: String
    }

    struct StructuredData: Encodable {
        let dataJSON: SafeJSON
    }

    let ogType: String
    let ogLocale: String
    let ogTitle: String
    let image: String?
    let imageAlt: String?
    let imageWidth: Int?
    let imageHeight: Int?
    let twitterCard: String
    let article: ArticleTimes?
    let feeds: [FeedLink]
    let structuredData: [StructuredData]
}

extension RenderContext {
    func socialMeta(_ meta: PageMeta, title: String) -> SocialMeta {
        let image = meta.image.map { $0.url.hasPrefix("/") ? urls.absolute($0.url) : $0.url }
        var feeds = [
            SocialMeta.FeedLink(
                title: settings.name + " RSS", url: urls.absolute(urls.feed()), type: "application/rss+xml"),
            SocialMeta.FeedLink(
                title: settings.name + " Atom", url: urls.absolute(urls.feed(atom: true)), type: "application/atom+xml"),
        ]
        if let scoped = meta.scopedFeed {
            feeds.append(
                SocialMeta.FeedLink(
                    title: "\(scoped.title) | \(settings.name)",
                    url: urls.absolute(urls.feed(kind: scoped.kind, slug: scoped.slug)), type: "application/rss+xml"))
        }
        let article = meta.publishedTime.map { published in
            SocialMeta.ArticleTimes(
                published: FeedDates.rfc3339(published), modified: FeedDates.rfc3339(meta.modifiedTime ?? published),
                section: meta.section ?? "", tags: meta.tags)
        }
        return SocialMeta(
            ogType: meta.ogType, ogLocale: settings.language == .ar ? "ar_AR" : "en_US", ogTitle: title, image: image,
            imageAlt: meta.image?.alt, imageWidth: meta.imageSize?.width, imageHeight: meta.imageSize?.height,
            twitterCard: image == nil ? "summary" : "summary_large_image", article: article,
            feeds: feeds,
            structuredData: meta.structuredData.map { SocialMeta.StructuredData(dataJSON: SafeJSON.encode($0)) })
    }
}
