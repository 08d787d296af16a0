import Hummingbird
import NashraCore

/// Old addresses (a WordPress site's, or any the newsroom listed) answer 301 to where the thing
/// lives now. Only addresses the site does not serve are looked up, plus the home page with a
/// WordPress query (`/?p=12`), so the table costs nothing on the pages readers read.
struct RedirectMiddleware<Store: ContentStore>: RouterMiddleware {
    typealias Context = NashraRequestContext
    let site: Site<Store>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.method == .get || request.method == .head else { return try await next(request, context) }
        let query = request.uri.query ?? ""
        if request.uri.path == "/", OldURL.hasRoutingParameter(query), let moved = try await redirect(request) {
            return moved
        }
        do {
            let response = try await next(request, context)
            guard response.status == .notFound, let moved = try await redirect(request) else { return response }
            return moved
        } catch let error as HTTPError where error.status == .notFound {
            guard let moved = try await redirect(request) else { throw error }
            return moved
        }
    }

    private func redirect(_ request: Request) async throws -> Response? {
        let key = OldURL.key(path: request.uri.path, query: request.uri.query ?? "")
        guard let target = try await site.store.redirect(for: key, now: site.clock.now) else { return nil }
        let location = site.urls.location(of: target)
        // A target that is this very address would loop.
        guard OldURL.key(location) != key || location.contains("://") else { return nil }
        return Response(
            status: .movedPermanently,
            headers: [.location: location, .cacheControl: "public, max-age=300, s-maxage=300"])
    }
}
