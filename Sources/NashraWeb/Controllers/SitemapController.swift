import Foundation
import Hummingbird
import NashraCore

/// `/sitemap.xml` (an index), its paged sitemaps, the Google News sitemap, and `robots.txt`.
struct SitemapController<Store: ContentStore>: Sendable {
    let site: Site<Store>
    var store: Store { site.store }
    var urls: SiteURLs { site.urls }

    static var xmlType: String { "application/xml; charset=utf-8" }
    /// Google News takes articles of the last two days.
    static var newsWindow: TimeInterval { 48 * 3600 }

    func register(on router: Router<NashraRequestContext>) {
        router.get("/sitemap.xml") { request, _ in
            try await site.cached(request, key: request.uri.path) { try await index($0) }
        }
        router.get("/sitemaps/:name") { request, context in
            try await site.cached(request, key: request.uri.path) { renderContext in
                try await sitemap(named: context.parameters.get("name") ?? "", renderContext)
            }
        }
        router.get("/robots.txt") { request, _ in
            try await site.cached(request, key: request.uri.path) { robots($0) }
        }
    }

    func index(_ context: RenderContext) async throws -> PageOutcome {
        let size = context.settings.sitemapPageSize
        var sitemaps: [(url: String, lastModified: Date?)] = []
        for kind in SitemapKind.allCases {
            let total = try await store.sitemapEntries(kind, limit: 0, offset: 0, now: context.now).total
            let count = max(1, (total + size - 1) / size)
            for page in 1...count {
                sitemaps.append((urls.absolute(urls.sitemap("\(kind.rawValue)-\(page).xml")), nil))
            }
        }
        sitemaps.append((urls.absolute(urls.sitemap("news.xml")), nil))
        return xml(SitemapDocument.index(sitemaps), context)
    }

    func sitemap(named name: String, _ context: RenderContext) async throws -> PageOutcome {
        if name == "news.xml" { return try await news(context) }
        guard name.hasSuffix(".xml"), let dash = name.lastIndex(of: "-"),
            let kind = SitemapKind(rawValue: String(name[..<dash])),
            let page = Int(name[name.index(after: dash)..<name.index(name.endIndex, offsetBy: -4)]),
            (1...100_000).contains(page)
        else { throw HTTPError(.notFound) }
        let size = context.settings.sitemapPageSize
        let entries = try await store.sitemapEntries(kind, limit: size, offset: (page - 1) * size, now: context.now)
        // Page 1 always exists (an empty site has an empty sitemap); later pages only when they have URLs.
        if page > 1, entries.items.isEmpty { throw HTTPError(.notFound) }
        let url: (String) -> String
        switch kind {
        case .articles: url = { urls.article($0) }
        case .sections: url = { urls.section($0) }
        case .tags: url = { urls.tag($0) }
        case .authors: url = { urls.author($0) }
        }
        return xml(
            SitemapDocument.urls(entries.items.map { (urls.absolute(url($0.slug)), $0.lastModified) }), context)
    }

    func news(_ context: RenderContext) async throws -> PageOutcome {
        let since = context.now.addingTimeInterval(-Self.newsWindow)
        // Google News reads at most 1,000 URLs per news sitemap.
        let recent = try await store.articles(
            ArticleQuery(filter: .publishedSince(since), limit: 1000), now: context.now)
        let articles = recent.items.map { (urls.absolute(urls.article($0.slug)), $0.title, $0.publishedAt) }
        return xml(
            SitemapDocument.news(
                articles, publication: context.settings.name, language: context.settings.language.rawValue),
            context)
    }

    func robots(_ context: RenderContext) -> PageOutcome {
        let text = """
            User-agent: *
            Disallow: /admin
            Disallow: /search
            Allow: /

            Sitemap: \(urls.absolute(urls.sitemapIndex))

            """
        return .page(
            RenderedPage(
                contentType: "text/plain; charset=utf-8", cacheControl: context.settings.publicCacheControl,
                body: text, cacheKeys: [CacheKey.sitemap]))
    }

    func xml(_ text: String, _ context: RenderContext) -> PageOutcome {
        .page(
            RenderedPage(
                contentType: Self.xmlType, cacheControl: context.settings.publicCacheControl, body: text,
                cacheKeys: [CacheKey.sitemap]))
    }
}
