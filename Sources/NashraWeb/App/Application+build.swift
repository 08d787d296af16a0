import Hummingbird
import Logging
import NashraCore

/// Builds the whole web application. `nashra serve` and the tests call this same function, so the
/// tests exercise the real app.
public func buildApplication<Store: ContentStore>(
    config: WebConfig, store: Store, clock: any NashraClock = SystemClock(), logger: Logger? = nil
) async throws -> some ApplicationProtocol {
    let logger = logger ?? Logger(label: "nashra")
    let router = try await buildRouter(config: config, store: store, clock: clock)
    return Application(
        router: router,
        configuration: .init(address: .hostname(config.host, port: config.port)),
        logger: logger)
}

/// The router with every middleware and route; exposed for tests that want the responder alone.
public func buildRouter<Store: ContentStore>(config: WebConfig, store: Store, clock: any NashraClock) async throws
    -> Router<NashraRequestContext>
{
    let theme = try await Theme(directory: config.themeDirectory)
    let urls = SiteURLs(base: config.baseURL)
    let cache = PageCache(lifetime: config.pageCacheSeconds, limit: config.pageCacheLimit)
    let publicPages = PublicController(store: store, theme: theme, urls: urls, clock: clock, cache: cache)
    let security = CommentSecurity(secret: config.secret, baseURL: config.baseURL, trustProxy: config.trustProxy)
    let router = Router(context: NashraRequestContext.self, options: .autoGenerateHeadEndpoints)
    // Middleware first: Hummingbird applies it to the routes added after it, and to "not found".
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorPageMiddleware(pages: ErrorPages(controller: publicPages)))
    SystemController(store: store, theme: theme).register(on: router)
    publicPages.register(on: router)
    ArticleController(pages: publicPages, security: security).register(on: router)
    FeedController(pages: publicPages).register(on: router)
    SitemapController(pages: publicPages).register(on: router)
    SearchController(pages: publicPages).register(on: router)
    return router
}
