import Foundation
import Hummingbird
import NashraCore

/// The reader-facing lists: home, sections, tags, authors. All GET, all cached. Article pages and
/// comments are in ``ArticleController``, which shares this controller's cache and rendering.
struct PublicController<Store: ContentStore>: Sendable {
    let store: Store
    let theme: Theme
    let urls: SiteURLs
    let clock: any NashraClock
    let cache: PageCache

    static var htmlType: String { "text/html; charset=utf-8" }
    /// Browsers revalidate after a minute (a 304 is cheap); a CDN may keep pages as long.
    static var publicCacheControl: String { "public, max-age=60, s-maxage=60, stale-while-revalidate=30" }

    func register(on router: Router<some RequestContext>) {
        router.get("/") { request, _ in try await cached(request, key: "/") { try await home($0) } }
        for kind in ListKind.allCases {
            router.get(RouterPath("/\(kind.rawValue)/:slug")) { request, context in
                try await list(request, context, kind: kind)
            }
        }
    }

    // MARK: - Caching

    /// Serves `key` from the cache, or renders it with `render` and keeps it when it is a 200.
    /// `respond` turns the page into the response (the article page fills its form token there).
    func cached(
        _ request: Request, key: String, render: (RenderContext) async throws -> PageOutcome,
        respond: ((RenderedPage) -> Response)? = nil
    ) async throws -> Response {
        let respond = respond ?? { $0.response(to: request) }
        let now = clock.now
        var (cachedPage, checkDue) = cache.lookup(key, now: now)
        if checkDue {
            await cache.revalidate(against: store, now: now)
            cachedPage = cache.page(for: key, now: now)
        }
        if let cachedPage { return respond(cachedPage) }
        switch try await render(try await renderContext(now: now)) {
        case .page(let page):
            if page.status == .ok { cache.store(page, for: key, now: now) }
            return respond(page)
        case .redirect(let location):
            return Response(
                status: .movedPermanently, headers: [.location: location, .cacheControl: "public, max-age=300"])
        }
    }

    func renderContext(now: Date) async throws -> RenderContext {
        let settings = try await cache.settings(from: store, now: now)
        return RenderContext(
            settings: settings, sections: try await store.sections(),
            localizer: theme.localizer(for: settings.language.rawValue), dates: DateDisplay(settings: settings),
            urls: urls, theme: theme, now: now)
    }

    func page(_ html: String, status: HTTPResponse.Status = .ok) -> PageOutcome {
        .page(
            RenderedPage(status: status, contentType: Self.htmlType, cacheControl: Self.publicCacheControl, body: html))
    }

    // MARK: - Pages

    func home(_ context: RenderContext) async throws -> PageOutcome {
        let latest = try await store.articles(ArticleQuery(limit: 9), now: context.now).items
        let breaking = try await store.articles(
            ArticleQuery(filter: .breakingSince(context.now.addingTimeInterval(-24 * 3600)), limit: 5), now: context.now
        ).items
        let bySection = try await store.latestBySection(perSection: 4, now: context.now)
        let blocks = context.topSections.compactMap { section -> HomeContent.SectionBlock? in
            guard let articles = bySection[section.id], !articles.isEmpty else { return nil }
            return HomeContent.SectionBlock(
                anchor: "block-\(section.id)", name: section.name, url: urls.section(section.slug),
                articles: articles.map(context.card))
        }
        let content = HomeContent(
            breaking: breaking.map(context.card), hasBreaking: !breaking.isEmpty, lead: latest.first.map(context.card),
            latest: latest.dropFirst().map(context.card), hasLatest: latest.count > 1, sections: blocks,
            isEmpty: latest.isEmpty)
        var meta = PageMeta()
        meta.structuredData = [
            .website(
                StructuredData.WebSite(
                    name: context.settings.name, url: urls.absolute(urls.home),
                    inLanguage: context.settings.language.rawValue,
                    potentialAction: .init(
                        target: .init(urlTemplate: urls.absolute(urls.search) + "?q={search_term_string}"))))
        ]
        let html = context.render(
            content, template: .home, title: nil, description: context.settings.tagline, canonicalPath: urls.home,
            meta: meta)
        return page(html)
    }

    func list(_ request: Request, _ requestContext: some RequestContext, kind: ListKind) async throws -> Response {
        guard let pageNumber = PageNumber(request) else { throw HTTPError(.notFound) }
        // Only `page` matters; other query parameters (utm_…) share the cached page.
        let key = "\(request.uri.path)?page=\(pageNumber.value)"
        return try await cached(request, key: key) { context in
            try await listPage(kind: kind, slug: try slugParameter(requestContext), pageNumber: pageNumber, context)
        }
    }

    func listPage(kind: ListKind, slug: String, pageNumber: PageNumber, _ context: RenderContext) async throws
        -> PageOutcome
    {
        let localizer = context.localizer
        let heading: String
        let intro: String
        let filter: ArticleQuery.Filter
        let url: (Int) -> String
        var crumbs = [Crumb(name: localizer.text("home"), url: urls.home, current: false)]
        var currentSection: Int64?
        switch kind {
        case .section:
            guard let section = try await store.section(slug: slug) else { throw HTTPError(.notFound) }
            if let parent = context.sections.first(where: { $0.id == section.parentID }) {
                crumbs.append(Crumb(name: parent.name, url: urls.section(parent.slug), current: false))
            }
            (heading, intro, filter) = (section.name, section.description, .section(section.id))
            url = { urls.section(slug, page: $0) }
            currentSection = section.parentID ?? section.id
        case .tag:
            guard let tag = try await store.tag(slug: slug) else { throw HTTPError(.notFound) }
            (heading, intro, filter) = (tag.name, localizer.text("tag_intro"), .tag(tag.id))
            url = { urls.tag(slug, page: $0) }
        case .author:
            guard let author = try await store.author(slug: slug) else { throw HTTPError(.notFound) }
            (heading, intro, filter) = (author.name, author.bio, .author(author.id))
            url = { urls.author(slug, page: $0) }
        }
        crumbs.append(Crumb(name: heading, url: url(1), current: true))
        let size = context.settings.pageSize
        let result = try await store.articles(
            ArticleQuery(filter: filter, limit: size, offset: pageNumber.offset(pageSize: size)), now: context.now)
        // Past the last page there is nothing to show; page 1 of an empty list still exists.
        try pageNumber.requireExists(itemsOnPage: result.items.count)
        let pagination = Pagination(
            current: pageNumber, total: result.total, pageSize: size, localizer: localizer, url: url)
        let content = ListContent(
            kind: kind.rawValue, heading: heading, intro: intro, breadcrumb: crumbs, articles: result.items.map(context.card),
            pagination: pagination, isEmpty: result.items.isEmpty)
        let title = pageNumber.value > 1 ? "\(heading) – \(pagination?.summary ?? "")" : heading
        var meta = PageMeta()
        meta.structuredData = [context.breadcrumbData(crumbs.map { ($0.name, $0.url) })]
        meta.scopedFeed = (heading, kind, slug)
        let html = context.render(
            content, template: .list, title: title, description: intro.isEmpty ? heading : intro,
            canonicalPath: url(pageNumber.value), currentSectionID: currentSection, prevURL: pagination?.prevURL,
            nextURL: pagination?.nextURL, meta: meta)
        return page(html)
    }

    // MARK: - Request parsing

    /// The route's `slug`, percent-decoded.
    func slugParameter(_ context: some RequestContext) throws -> String {
        guard let raw = context.parameters.get("slug"), let slug = raw.removingPercentEncoding, !slug.isEmpty,
            slug.count <= 200
        else { throw HTTPError(.notFound) }
        return slug
    }

}

/// What rendering a page came to.
enum PageOutcome {
    case page(RenderedPage)
    case redirect(String)
}
