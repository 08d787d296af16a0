import Hummingbird
import NashraCore

/// Static pages at `/SLUG`: looked up only for one-segment addresses no route serves, so they can
/// never shadow the site's own paths (`/search`, `/feed`…). Cached and shared like every page.
struct StaticPageMiddleware<Store: ContentStore>: RouterMiddleware {
    typealias Context = NashraRequestContext
    let site: Site<Store>

    /// What the `page` template shows.
    struct Content: Encodable {
        let title: String
        let bodyHTML: SafeHTML
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.method == .get || request.method == .head else { return try await next(request, context) }
        do {
            let response = try await next(request, context)
            guard response.status == .notFound, let page = try await page(request) else { return response }
            return page
        } catch let error as HTTPError where error.status == .notFound {
            guard let page = try await page(request) else { throw error }
            return page
        }
    }

    private func page(_ request: Request) async throws -> Response? {
        let path = request.uri.path
        guard path.count > 1, path.hasPrefix("/"), !path.dropFirst().contains("/") else { return nil }
        let raw = String(path.dropFirst())
        guard let slug = raw.removingPercentEncoding, !slug.isEmpty, slug.count <= 200,
            let page = try await site.store.publishedPage(slug: slug)
        else { return nil }
        let canonical = site.urls.page(page.slug)
        if path != canonical {
            return Response(
                status: .movedPermanently,
                headers: [.location: canonical, .cacheControl: Site<Store>.redirectCacheControl])
        }
        return try await site.cached(request, key: canonical) { context in
            let html = context.render(
                Content(title: page.title, bodyHTML: page.body), template: .page, title: page.title,
                description: String(HTMLText.line(page.body.markup).prefix(160)), canonicalPath: canonical)
            return site.page(html, keys: ["page-\(page.id)"], context)
        }
    }
}
