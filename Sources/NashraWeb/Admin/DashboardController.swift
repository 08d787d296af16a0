import Foundation
import Hummingbird
import NashraCore

/// The newsroom's first page: the user's drafts, work waiting for review, what is scheduled and
/// what went out, and the comments waiting.
struct DashboardController<Store: ContentStore & NewsroomStore>: Sendable {
    let newsroom: Newsroom<Store>

    var store: Store { newsroom.store }

    func register(on routes: NewsroomRoutes) {
        routes.get(AdminRoutes.dashboard) { _, _, signedIn in try await dashboard(signedIn) }
    }

    struct DashboardContent {
        struct Panel {
            let title: String
            let count: String
            let url: String
            let rows: [ArticleListContent.Row]
            let empty: Bool
        }

        let greeting: String
        let panels: [Panel]
        let pendingComments: String
        let commentsURL: String?
    }

    func dashboard(_ signedIn: SignedIn) async throws -> Response {
        let localizer = try await newsroom.localizer()
        let dates = DateDisplay(settings: try await newsroom.settings())
        let role = signedIn.user.role
        // Authors and contributors see their own work; editors see the newsroom's.
        let mine = role.editsOthersArticles ? nil : signedIn.user.authorID
        var panels: [DashboardContent.Panel] = []
        for (state, key) in [
            (PublishState.draft, "admin_drafts"), (.pending, "admin_pending_review"), (.scheduled, "admin_scheduled"),
            (.published, "admin_latest_published"),
        ] {
            let page = try await store.adminArticles(AdminArticleQuery(status: state, authorID: mine, limit: 5))
            let rows = page.items.map {
                ArticleListContent.Row($0, urls: newsroom.site.urls, dates: dates, localizer: localizer)
            }
            let url = AdminRoutes.articles.path(
                query: [("status", state.rawValue)] + (mine.map { [("author", String($0))] } ?? []))
            panels.append(
                DashboardContent.Panel(
                    title: localizer.text(key), count: localizer.plural("admin_article_count", page.total), url: url,
                    rows: rows, empty: rows.isEmpty))
        }
        let pending = try await store.commentCounts()[.pending] ?? 0
        let content = DashboardContent(
            greeting: localizer.text("admin_greeting").replacingOccurrences(of: "{name}", with: signedIn.user.name),
            panels: panels, pendingComments: localizer.plural("admin_pending_comments", pending),
            commentsURL: role.canModerate ? AdminRoutes.comments.path(query: [("status", "pending")]) : nil)
        return try await newsroom.render(
            content, template: .adminDashboard, title: localizer.text("admin_nav_dashboard"), signedIn: signedIn,
            current: "dashboard")
    }
}
