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
    /// Browsers revalidate after a minute (a 304 is cheap); a CDN may keep pages as long.
    static var publicCacheControl: String { "public, max-age=60, s-maxage=60, stale-while-revalidate=30" }

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

    // MARK: - Request parsing

    /// The route's `slug`, percent-decoded.
    func slugParameter(_ context: some RequestContext) throws -> String {
        guard let raw = context.parameters.get("slug"), let slug = raw.removingPercentEncoding, !slug.isEmpty,
            slug.count <= 200
        else { throw HTTPError(.notFound) }
        return slug
    }
}
