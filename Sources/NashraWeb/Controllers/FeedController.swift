import Foundation
import Hummingbird
import NashraCore

/// RSS 2.0 and Atom 1.0 feeds for the site and for each section, tag and author: the latest 20,
/// cached and compressed like site.
struct FeedController<Store: ContentStore>: Sendable {
    let site: Site<Store>
    var store: Store { site.store }
    var urls: SiteURLs { site.urls }

    static var itemCount: Int { 20 }

    func register(on router: Router<NashraRequestContext>) {
        for atom in [false, true] {
            let suffix = atom ? "/feed/atom" : "/feed"
            router.get(RouterPath(suffix)) { request, context in try await feed(request, context, kind: nil, atom: atom)
            }
            for kind in ListKind.allCases {
                router.get(RouterPath("/\(kind.rawValue)/:slug" + suffix)) { request, context in
                    try await feed(request, context, kind: kind, atom: atom)
                }
            }
        }
    }

    func feed(_ request: Request, _ context: NashraRequestContext, kind: ListKind?, atom: Bool) async throws -> Response
    {
        if let kind,
            let redirect = try site.canonicalRedirect(
                request, context, prefix: "/\(kind.rawValue)/", suffix: atom ? "/feed/atom" : "/feed")
        {
            return redirect
        }
        return try await site.cached(request, key: request.uri.path) { renderContext in
            let slug = kind == nil ? nil : try site.slugParameter(context)
            return try await render(kind: kind, slug: slug, atom: atom, renderContext)
        }
    }

    func render(kind: ListKind?, slug: String?, atom: Bool, _ context: RenderContext) async throws -> PageOutcome {
        let settings = context.settings
        var filter = ArticleQuery.Filter.all
        var title = settings.name
        var subtitle = settings.tagline
        var page = urls.home
        var scope = "site"
        var keys: Set<String> = [CacheKey.feeds]
        switch (kind, slug) {
        case (.section, let slug?):
            guard let section = try await store.section(slug: slug) else { throw HTTPError(.notFound) }
            (filter, title, page, scope) = (
                .section(section.id), "\(section.name) | \(settings.name)", urls.section(slug), "section-\(section.id)"
            )
            keys.insert(CacheKey.section(section.id))
            if !section.description.isEmpty { subtitle = section.description }
        case (.tag, let slug?):
            guard let tag = try await store.tag(slug: slug) else { throw HTTPError(.notFound) }
            (filter, title, page, scope) = (
                .tag(tag.id), "\(tag.name) | \(settings.name)", urls.tag(slug), "tag-\(tag.id)"
            )
            keys.insert(CacheKey.tag(tag.id))
        case (.author, let slug?):
            guard let author = try await store.author(slug: slug) else { throw HTTPError(.notFound) }
            (filter, title, page, scope) = (
                .author(author.id), "\(author.name) | \(settings.name)", urls.author(slug), "author-\(author.id)"
            )
            keys.insert(CacheKey.author(author.id))
            if !author.bio.isEmpty { subtitle = author.bio }
        default:
            break
        }
        let articles = try await store.feedArticles(
            ArticleQuery(filter: filter, limit: Self.itemCount), now: context.now)
        let withPictures = try await context.knowing(articles.map(\.cover), from: store)
        let items = articles.map { article -> FeedDocument.Item in
            let published = article.publishedAt ?? article.updatedAt
            let copy = Self.feedCopy(of: withPictures.readyPicture(article.cover))
            return FeedDocument.Item(
                id: "tag:\(urls.host),2026:article-\(article.id)", title: article.title,
                link: urls.absolute(urls.article(article.slug)), summary: article.summary,
                contentHTML: settings.feedFullText ? absoluteLinks(article.body.markup) : nil, published: published,
                updated: max(published, article.updatedAt), author: article.author.name,
                categories: [article.section.name] + article.tags.map(\.name),
                imageURL: copy.map { absolute("/media/" + $0.fileName) } ?? article.cover.map { absolute($0.url) },
                imageAlt: article.cover?.alt,
                image: copy.map {
                    FeedDocument.FeedImage(width: $0.width, height: $0.height, type: "image/jpeg", bytes: $0.bytes)
                })
        }
        // A feed changes when its newest item does; an empty one keeps a fixed date so its ETag is stable.
        let updated = items.map(\.updated).max() ?? Date(timeIntervalSince1970: 0)
        let document = FeedDocument(
            title: title, subtitle: subtitle, link: urls.absolute(page),
            rssURL: urls.absolute(urls.feed(kind: kind, slug: slug)),
            atomURL: urls.absolute(urls.feed(kind: kind, slug: slug, atom: true)),
            language: settings.language.rawValue, id: "tag:\(urls.host),2026:feed-\(scope)", updated: updated,
            items: items)
        return .page(
            RenderedPage(
                contentType: atom ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8",
                cacheControl: settings.publicCacheControl, body: atom ? document.atom() : document.rss(),
                cacheKeys: keys.union(articles.map { CacheKey.article($0.id) }), lastModified: updated))
    }

    /// The JPEG copy feed readers get of one of our covers: the widest at most 1280 px (the
    /// original can be a 10 MB camera file).
    static func feedCopy(of picture: MediaItem?) -> ImageVariant? {
        guard let copies = picture?.widths(.jpeg) else { return nil }
        return copies.last { $0.width <= 1280 } ?? copies.first
    }

    /// Site-relative URLs would break in a feed reader; they are made absolute.
    func absoluteLinks(_ html: String) -> String {
        html.replacingOccurrences(of: "href=\"/", with: "href=\"\(urls.base)/")
            .replacingOccurrences(of: "src=\"/", with: "src=\"\(urls.base)/")
    }

    func absolute(_ url: String) -> String {
        url.hasPrefix("/") ? urls.absolute(url) : url
    }
}
