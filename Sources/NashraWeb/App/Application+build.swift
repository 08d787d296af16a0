import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NashraCore
import ServiceLifecycle

/// Builds the whole web application: the site, the newsroom and the scheduler. `nashra serve` and
/// the tests call this same function, so the tests exercise the real app.
/// `cache` replaces the page cache the config describes (tests read its counters).
public func buildApplication<Store: ContentStore & NewsroomStore>(
    config: WebConfig, store: Store, clock: any NashraClock = SystemClock(), logger: Logger? = nil,
    cache: PageCache? = nil
) async throws -> some ApplicationProtocol {
    let logger = logger ?? Logger(label: "nashra")
    let parts = try await buildParts(config: config, store: store, clock: clock, logger: logger, cache: cache)
    if try await store.userCount() == 0 {
        // Whoever can read this log runs the server, so they may create the first account.
        logger.notice("no newsroom account yet: open /admin/setup with the setup token: \(config.setupToken)")
    }
    let scheduler = Scheduler(
        store: store, clock: clock, cache: parts.cache, interval: config.schedulerInterval, logger: logger)
    var services: [any Service] = [scheduler]
    if let shared = config.sharedState {
        services.append(ContentChangeListener(shared: shared, store: store, cache: parts.cache))
    }
    let counter = ConnectionCounter()
    let limits = config.connections
    let cache = parts.cache
    let strictTransport = parts.strictTransport
    let responder = CachedPageResponder(
        next: parts.router.buildResponder(), cache: parts.cache, clock: clock,
        strictTransport: parts.strictTransport)
    return Application(
        responder: responder,
        server: HTTPServerBuilder { responder in
            NashraHTTP1Channel(responder: responder) {
                [
                    ConnectionGuard(limits: limits, counter: counter),
                    CachedPageHandler(cache: cache, clock: clock, strictTransport: strictTransport),
                ]
            }
        },
        configuration: .init(address: .hostname(config.host, port: config.port)),
        services: services,
        logger: logger)
}

/// The router with every middleware and route; exposed for tests that want the responder alone.
public func buildRouter<Store: ContentStore & NewsroomStore>(
    config: WebConfig, store: Store, clock: any NashraClock
) async throws -> Router<NashraRequestContext> {
    try await buildParts(config: config, store: store, clock: clock, logger: Logger(label: "nashra")).router
}

/// The router, the page cache it shares with the scheduler, and whether responses carry HSTS.
func buildParts<Store: ContentStore & NewsroomStore>(
    config: WebConfig, store: Store, clock: any NashraClock, logger: Logger, cache given: PageCache? = nil
) async throws -> (router: Router<NashraRequestContext>, cache: PageCache, strictTransport: Bool) {
    let theme = try await Theme(directory: config.themeDirectory)
    let urls = SiteURLs(base: config.baseURL)
    let purger = config.purgeTargets.isEmpty ? nil : OutsidePurger(targets: config.purgeTargets, logger: logger)
    var onPurge: (@Sendable (Set<String>) -> Void)?
    if let purger { onPurge = { purger.purge($0) } }
    let cache =
        given
        ?? PageCache(
            lifetime: config.pageCacheSeconds, limit: config.pageCacheLimit, byteLimit: config.pageCacheBytes,
            onPurge: onPurge)
    let site = Site(store: store, theme: theme, urls: urls, clock: clock, cache: cache)
    let security = RequestSecurity(
        secret: config.secret, baseURL: config.baseURL, trustProxy: config.trustProxy, shared: config.sharedState)
    let router = Router(context: NashraRequestContext.self, options: .autoGenerateHeadEndpoints)
    // Middleware first: Hummingbird applies it to the routes added after it, and to "not found".
    router.add(middleware: SecurityHeadersMiddleware(strictTransport: security.secureCookies))
    router.add(middleware: ErrorPageMiddleware(pages: ErrorPages(site: site)))
    router.add(middleware: StaffPagesMiddleware())
    router.add(middleware: RedirectMiddleware(site: site))
    router.add(middleware: StaticPageMiddleware(site: site))
    SystemController(store: store, theme: theme).register(on: router)
    PublicController(site: site).register(on: router)
    ArticleController(site: site, security: security).register(on: router)
    FeedController(site: site).register(on: router)
    SitemapController(site: site).register(on: router)
    SearchController(site: site).register(on: router)

    let mediaDirectory =
        config.mediaDirectory
        ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("nashra-media-" + Signer.randomID(bytes: 6))
    let mediaFiles = MediaFiles(directory: mediaDirectory, shared: config.mediaStorage)
    let processor = config.imageResizer.map { resizer in
        MediaProcessor(store: store, files: mediaFiles, resizer: resizer, logger: logger) { await site.wrote() }
    }
    // Pictures left pending (older uploads, imports, a stop halfway) get their copies now.
    await processor?.wake()
    let newsroom = Newsroom(
        site: site,
        sessions: AdminSessions(store: store, signer: security.signer, secureCookies: security.secureCookies),
        security: security, passwords: Passwords(cost: config.passwordCost), mediaDirectory: mediaDirectory,
        mediaStorage: config.mediaStorage, processor: processor)
    AuthController(newsroom: newsroom, setupToken: config.setupToken).register(on: router)
    // Every other newsroom route runs with the signed-in user in its context.
    let signedIn = NewsroomRoutes(group: router.group().add(middleware: SignedInMiddleware(newsroom: newsroom)))
    DashboardController(newsroom: newsroom).register(on: signedIn)
    let articles = ArticleAdminController(newsroom: newsroom)
    articles.register(on: signedIn)
    RevisionController(newsroom: newsroom, articles: articles).register(on: signedIn)
    RedirectController(newsroom: newsroom).register(on: signedIn)
    PageAdminController(newsroom: newsroom).register(on: signedIn)
    ImportController(newsroom: newsroom, jobs: ImportJobs()).register(on: signedIn)
    ModerationController(newsroom: newsroom).register(on: signedIn)
    TaxonomyController(newsroom: newsroom).register(on: signedIn)
    AdministrationController(newsroom: newsroom).register(on: signedIn)
    MediaController(newsroom: newsroom).register(on: router, newsroom: signedIn)
    MediaLibraryController(newsroom: newsroom).register(on: signedIn)
    AccountController(newsroom: newsroom).register(on: signedIn)
    return (router, cache, security.secureCookies)
}
