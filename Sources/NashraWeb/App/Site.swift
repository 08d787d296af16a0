import Foundation
import Hummingbird
import NashraCore

/// What every page of the site shares: the store, the theme, links, the clock and the page cache,
/// with rendering through the cache. The site's controllers and the newsroom each hold one.
struct Site<Store: ContentStore>: Sendable {
    let store: Store
    let theme: Theme
    let urls: SiteURLs
    let clock: any NashraClock
    let cache: PageCache

    static var htmlType: String { "text/html; charset=utf-8" }
    /// A moved page's redirect may be kept a while by browsers and caches.
    static var redirectCacheControl: String { "public, max-age=300" }

    // MARK: - Caching

    /// Serves `key` from the cache, or renders it with `render` and keeps it when it is a 200.
    ///
    /// A render first catches the cache up with the store's recorded changes and is kept only if no
    /// other change lands before it is done, so a page rendered across a write is never served later.
    func cached(_ request: Request, key: String, render: (RenderContext) async throws -> PageOutcome) async throws
        -> Response
    {
        let now = clock.now
        var (cachedPage, checkDue) = cache.lookup(key, now: now)
        if checkDue {
            await cache.revalidate(against: store, now: now)
            cachedPage = cache.page(for: key, now: now)
        }
        if let cachedPage { return cachedPage.response(to: request) }
        if let stale = cache.staleWhileRefreshing(key) { return stale.response(to: request) }
        defer { cache.endRefresh(key) }
        let version = try await cache.renderVersion(with: store)
        switch try await render(try await renderContext(now: now)) {
        case .page(let page):
            if page.status == .ok,
                let kept = cache.store(page, for: key, keys: page.cacheKeys, renderedAt: version, now: now)
            {
                cache.alias(request.uri.description, to: key)
                return kept.response(to: request)
            }
            return page.response(to: request)
        case .redirect(let location):
            return Response(
                status: .movedPermanently, headers: [.location: location, .cacheControl: Self.redirectCacheControl])
        }
    }

    /// Catches this process's cache (and any outside cache) up with a write it just made.
    func wrote() async {
        await cache.refresh(from: store)
    }

    func renderContext(now: Date) async throws -> RenderContext {
        let (settings, sections, footerPages) = try await cache.frame(from: store, now: now)
        return RenderContext(
            settings: settings, sections: sections, footerPages: footerPages,
            localizer: theme.localizer(for: settings.language.rawValue), dates: DateDisplay(settings: settings),
            urls: urls, theme: theme, now: now)
    }

    /// A page every reader shares, tagged with what it shows.
    func page(_ html: String, keys: Set<String>, _ context: RenderContext, status: HTTPResponse.Status = .ok)
        -> PageOutcome
    {
        .page(
            RenderedPage(
                status: status, contentType: Self.htmlType, cacheControl: context.settings.publicCacheControl,
                body: html, cacheKeys: keys))
    }

    // MARK: - Request parsing

    /// nil when the request's path spells its slug the one way ``SiteURLs`` does; otherwise the 301
    /// to that URL (query kept), so each page has one URL and one cached copy.
    func canonicalRedirect(_ request: Request, _ context: some RequestContext, prefix: String, suffix: String = "")
        throws -> Response?
    {
        guard let raw = context.parameters.get("slug") else { throw HTTPError(.notFound) }
        if request.uri.path == prefix + raw + suffix, SiteURLs.isCanonicalSegment(raw) { return nil }
        var location = prefix + SiteURLs.encode(try slugParameter(context)) + suffix
        if let query = request.uri.query, !query.isEmpty { location += "?" + query }
        return Response(
            status: .movedPermanently, headers: [.location: location, .cacheControl: Self.redirectCacheControl])
    }

    /// The route's `slug`, percent-decoded.
    func slugParameter(_ context: some RequestContext) throws -> String {
        guard let raw = context.parameters.get("slug"), let slug = raw.removingPercentEncoding, !slug.isEmpty,
            slug.count <= 200
        else { throw HTTPError(.notFound) }
        return slug
    }
}
