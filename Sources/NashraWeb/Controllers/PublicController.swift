import Foundation
import Hummingbird
import NashraCore

/// The reader-facing lists: home, sections, tags, authors. All GET, all cached. Article pages and
/// comments are in ``ArticleController``.
struct PublicController<Store: ContentStore>: Sendable {
    let site: Site<Store>

    var store: Store { site.store }
    var urls: SiteURLs { site.urls }

    func register(on router: Router<some RequestContext>) {
        router.get("/") { request, _ in try await site.cached(request, key: "/") { try await home($0) } }
        for kind in ListKind.allCases {
            router.get(RouterPath("/\(kind.rawValue)/:slug")) { request, context in
                try await list(request, context, kind: kind)
            }
        }
    }

    // MARK: - Pages

    func home(_ context: RenderContext) async throws -> PageOutcome {
        // The lead is the newest pinned article (WordPress's sticky), else the newest of all.
        let pinned = try await store.articles(ArticleQuery(filter: .pinned, limit: 1), now: context.now).items
        let latest =
            pinned
            + (try await store.articles(
                ArticleQuery(limit: 9 - pinned.count, excluding: Set(pinned.map(\.id))), now: context.now
            )
            .items)
        let breaking = try await store.articles(
            ArticleQuery(filter: .breakingSince(context.now.addingTimeInterval(-24 * 3600)), limit: 5), now: context.now
        ).items
        let bySection = try await store.latestBySection(perSection: 4, now: context.now)
        let shown = latest + breaking + bySection.values.flatMap { $0 }
        let context = try await context.knowing(shown.map(\.cover), from: store)
        let blocks = context.topSections.compactMap { section -> HomeContent.SectionBlock? in
            guard let articles = bySection[section.id], !articles.isEmpty else { return nil }
            return HomeContent.SectionBlock(
                anchor: "block-\(section.id)", name: section.name, url: urls.section(section.slug),
                articles: articles.map(context.card))
        }
        let content = HomeContent(
            breaking: breaking.map(context.card), hasBreaking: !breaking.isEmpty,
            lead: latest.first.map(context.leadCard),
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
        return site.page(html, keys: CacheKey.showing(shown, plus: [CacheKey.home]), context)
    }

    func list(_ request: Request, _ requestContext: some RequestContext, kind: ListKind) async throws -> Response {
        if let redirect = try site.canonicalRedirect(request, requestContext, prefix: "/\(kind.rawValue)/") {
            return redirect
        }
        guard let pageNumber = PageNumber(request) else { throw HTTPError(.notFound) }
        // Only `page` matters; other query parameters (utm_…) share the cached page.
        let key = "\(request.uri.path)?page=\(pageNumber.value)"
        return try await site.cached(request, key: key) { context in
            try await listPage(
                kind: kind, slug: try site.slugParameter(requestContext), pageNumber: pageNumber, context)
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
        let listKey: String
        switch kind {
        case .section:
            guard let section = try await store.section(slug: slug) else { throw HTTPError(.notFound) }
            if let parent = context.sections.first(where: { $0.id == section.parentID }) {
                crumbs.append(Crumb(name: parent.name, url: urls.section(parent.slug), current: false))
            }
            (heading, intro, filter) = (section.name, section.description, .section(section.id))
            listKey = CacheKey.section(section.id)
            url = { urls.section(slug, page: $0) }
            currentSection = section.parentID ?? section.id
        case .tag:
            guard let tag = try await store.tag(slug: slug) else { throw HTTPError(.notFound) }
            (heading, intro, filter) = (tag.name, localizer.text("tag_intro"), .tag(tag.id))
            listKey = CacheKey.tag(tag.id)
            url = { urls.tag(slug, page: $0) }
        case .author:
            guard let author = try await store.author(slug: slug) else { throw HTTPError(.notFound) }
            (heading, intro, filter) = (author.name, author.bio, .author(author.id))
            listKey = CacheKey.author(author.id)
            url = { urls.author(slug, page: $0) }
        }
        crumbs.append(Crumb(name: heading, url: url(1), current: true))
        let size = context.settings.pageSize
        let result = try await store.articles(
            ArticleQuery(filter: filter, limit: size, offset: pageNumber.offset(pageSize: size)), now: context.now)
        // Past the last page there is nothing to show; page 1 of an empty list still exists.
        try pageNumber.requireExists(itemsOnPage: result.items.count)
        let context = try await context.knowing(result.items.map(\.cover), from: store)
        let pagination = Pagination(
            current: pageNumber, total: result.total, pageSize: size, localizer: localizer, url: url)
        let content = ListContent(
            kind: kind.rawValue, heading: heading, intro: intro, breadcrumb: crumbs,
            articles: result.items.map(context.card),
            pagination: pagination, isEmpty: result.items.isEmpty)
        let title = pageNumber.value > 1 ? "\(heading) – \(pagination?.summary ?? "")" : heading
        var meta = PageMeta()
        meta.structuredData = [context.breadcrumbData(crumbs.map { ($0.name, $0.url) })]
        meta.scopedFeed = (heading, kind, slug)
        let html = context.render(
            content, template: .list, title: title, description: intro.isEmpty ? heading : intro,
            canonicalPath: url(pageNumber.value), currentSectionID: currentSection, prevURL: pagination?.prevURL,
            nextURL: pagination?.nextURL, meta: meta)
        return site.page(html, keys: CacheKey.showing(result.items, plus: [listKey]), context)
    }
}

/// What rendering a page came to.
enum PageOutcome {
    case page(RenderedPage)
    case redirect(String)
}
