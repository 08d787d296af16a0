import Hummingbird
import NashraCore

/// One address of the newsroom: the same value registers the route, builds its links in Swift and
/// reaches the templates (``AdminLinks``), so no newsroom path is spelled anywhere else.
struct Route: Sendable, Hashable, CustomStringConvertible {
    /// The router's pattern, captures as `:name` (`/admin/articles/:id/edit`).
    let pattern: String

    init(_ pattern: String) { self.pattern = pattern }

    var description: String { pattern }
    var routerPath: RouterPath { RouterPath(pattern) }

    /// The path with `ids` put into the captures in order, then `query` (values percent-encoded).
    func path(_ ids: Int64..., query: [(String, String)] = []) -> String {
        var ids = ids.makeIterator()
        let segments = pattern.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix(":") ? ids.next().map(String.init) ?? String(segment) : String(segment)
        }
        let path = segments.joined(separator: "/")
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { "\($0.0)=\(SiteURLs.encode($0.1))" }.joined(separator: "&")
    }
}

/// Every address of the newsroom.
enum AdminRoutes {
    static let dashboard = Route("/admin")
    static let login = Route("/admin/login")
    static let logout = Route("/admin/logout")
    static let setup = Route("/admin/setup")
    static let account = Route("/admin/account")
    static let articles = Route("/admin/articles")
    static let newArticle = Route("/admin/articles/new")
    static let article = Route("/admin/articles/:id")
    static let editArticle = Route("/admin/articles/:id/edit")
    static let previewArticle = Route("/admin/articles/:id/preview")
    static let revisions = Route("/admin/articles/:id/revisions")
    static let restoreRevision = Route("/admin/articles/:id/revisions/:revision/restore")
    static let trashArticle = Route("/admin/articles/:id/trash")
    static let restoreArticle = Route("/admin/articles/:id/restore")
    static let unpublishArticle = Route("/admin/articles/:id/unpublish")
    static let livePreview = Route("/admin/preview")
    static let autosave = Route("/admin/autosave")
    static let comments = Route("/admin/comments")
    static let replyToComment = Route("/admin/comments/:id/reply")
    static let media = Route("/admin/media")
    static let mediaItem = Route("/admin/media/:id")
    static let sections = Route("/admin/sections")
    static let tags = Route("/admin/tags")
    static let authors = Route("/admin/authors")
    static let users = Route("/admin/users")
    static let settings = Route("/admin/settings")
    static let audit = Route("/admin/audit")
    static let redirects = Route("/admin/redirects")
    static let pages = Route("/admin/pages")
    static let newPage = Route("/admin/pages/new")
    static let page = Route("/admin/pages/:id")
    static let editPage = Route("/admin/pages/:id/edit")
    static let importWordPress = Route("/admin/import")

    /// Whether `path` is a newsroom page (`/admin` or below), for sign-in's `next`.
    static func contains(_ path: some StringProtocol) -> Bool {
        path == dashboard.pattern || path.hasPrefix(dashboard.pattern + "/")
    }
}

/// The newsroom's fixed addresses for templates (`{{links.account}}`), from ``AdminRoutes``.
struct AdminLinks: Sendable {
    let dashboard = AdminRoutes.dashboard.path()
    let login = AdminRoutes.login.path()
    let logout = AdminRoutes.logout.path()
    let setup = AdminRoutes.setup.path()
    let account = AdminRoutes.account.path()
    let articles = AdminRoutes.articles.path()
    let newArticle = AdminRoutes.newArticle.path()
    let livePreview = AdminRoutes.livePreview.path()
    let autosave = AdminRoutes.autosave.path()
    let comments = AdminRoutes.comments.path()
    let media = AdminRoutes.media.path()
    let sections = AdminRoutes.sections.path()
    let tags = AdminRoutes.tags.path()
    let authors = AdminRoutes.authors.path()
    let users = AdminRoutes.users.path()
    let settings = AdminRoutes.settings.path()
    let audit = AdminRoutes.audit.path()
    let redirects = AdminRoutes.redirects.path()
    let pages = AdminRoutes.pages.path()
    let importWordPress = AdminRoutes.importWordPress.path()
}

/// The signed-in newsroom: routes registered here run after ``SignedInMiddleware`` and receive the
/// user it found; `allowed` is the role check (403 otherwise).
struct NewsroomRoutes: Sendable {
    let group: RouterGroup<NashraRequestContext>

    typealias Handler = @Sendable (Request, NashraRequestContext, SignedIn) async throws -> Response

    func get(_ route: Route, allowed: @escaping @Sendable (Role) -> Bool = { _ in true }, _ handler: @escaping Handler)
    {
        group.get(route.routerPath) { request, context in
            try await handler(request, context, try Self.user(context, allowed))
        }
    }

    func post(_ route: Route, allowed: @escaping @Sendable (Role) -> Bool = { _ in true }, _ handler: @escaping Handler)
    {
        group.post(route.routerPath) { request, context in
            try await handler(request, context, try Self.user(context, allowed))
        }
    }

    static func user(_ context: NashraRequestContext, _ allowed: (Role) -> Bool) throws -> SignedIn {
        guard let signedIn = context.signedIn else { throw HTTPError(.forbidden) }
        guard allowed(signedIn.user.role) else { throw HTTPError(.forbidden) }
        return signedIn
    }
}

/// Puts the signed-in user in the request context for the newsroom's routes; sends everyone else
/// to sign in (GET) or answers 403 (anything else).
struct SignedInMiddleware<Store: ContentStore & NewsroomStore>: RouterMiddleware {
    let newsroom: Newsroom<Store>

    func handle(
        _ request: Request, context: NashraRequestContext,
        next: (Request, NashraRequestContext) async throws -> Response
    ) async throws -> Response {
        guard let signedIn = try await newsroom.signedIn(request) else {
            guard request.method == .get || request.method == .head else { throw HTTPError(.forbidden) }
            if try await newsroom.store.userCount() == 0 { return newsroom.redirect(AdminRoutes.setup.path()) }
            let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            return newsroom.redirect(AdminRoutes.login.path(query: [("next", next)]))
        }
        var context = context
        context.signedIn = signedIn
        return try await next(request, context)
    }
}
