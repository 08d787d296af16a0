import Foundation
import Hummingbird
import NashraCore

/// The dashboard and the comment moderation queue.
struct ModerationController<Store: ContentStore & NewsroomStore>: Sendable {
    let newsroom: Newsroom<Store>

    var store: Store { newsroom.store }
    static var pageSize: Int { 50 }

    func register(on router: Router<NashraRequestContext>) {
        router.get("/admin") { request, context in
            try await newsroom.guarded(request, context) { signedIn in try await dashboard(signedIn) }
        }
        router.get("/admin/comments") { request, context in
            try await newsroom.guarded(request, context, allowed: \.canModerate) { signedIn in
                try await queue(
                    request, signedIn, flash: Newsroom<Store>.flash(request, "admin_done"))
            }
        }
        router.post("/admin/comments") { request, context in
            try await newsroom.guarded(request, context, allowed: \.canModerate) { signedIn in
                try await bulk(request, context, signedIn)
            }
        }
        router.post("/admin/comments/:id/reply") { request, context in
            try await newsroom.guarded(request, context, allowed: \.canModerate) { signedIn in
                try await reply(request, context, signedIn)
            }
        }
    }

    // MARK: - Dashboard

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
                ArticleListContent.Row($0, urls: newsroom.pages.urls, dates: dates, localizer: localizer)
            }
            let url = "/admin/articles?status=\(state.rawValue)" + (mine.map { "&author=\($0)" } ?? "")
            panels.append(
                DashboardContent.Panel(
                    title: localizer.text(key), count: localizer.plural("admin_article_count", page.total), url: url,
                    rows: rows, empty: rows.isEmpty))
        }
        let pending = try await store.commentCounts()[.pending] ?? 0
        let content = DashboardContent(
            greeting: localizer.text("admin_greeting").replacingOccurrences(of: "{name}", with: signedIn.user.name),
            panels: panels, pendingComments: localizer.plural("admin_pending_comments", pending),
            commentsURL: role.canModerate ? "/admin/comments?status=pending" : nil)
        return try await newsroom.render(
            content, template: .adminDashboard, title: localizer.text("admin_nav_dashboard"), signedIn: signedIn,
            current: "dashboard")
    }

    // MARK: - Moderation queue

    struct QueueContent {
        struct Row {
            let id: Int64
            let authorName: String
            let authorEmail: String
            let authorURL: String?
            let body: String
            let date: String
            let status: String
            let statusLabel: String
            let articleTitle: String
            let articleURL: String
            let replyAction: String
            /// A refused reply comes back open, with its text and the reason.
            let replyOpen: Bool
            let replyText: String
            let replyError: String?
        }

        let tabs: [Option]
        let status: String
        let rows: [Row]
        let empty: Bool
        let actions: [Option]
        let pagination: Pagination?
    }

    /// A reply the moderator must see again: which comment, what they typed, what was wrong.
    typealias RefusedReply = (commentID: Int64, text: String, message: String)

    func queue(
        _ request: Request, _ signedIn: SignedIn, flash: String? = nil, tab: CommentStatus? = nil,
        refused: RefusedReply? = nil
    ) async throws -> Response {
        let localizer = try await newsroom.localizer()
        let dates = DateDisplay(settings: try await newsroom.settings())
        let status =
            tab ?? request.query["status"].flatMap(CommentStatus.init(rawValue:)) ?? .pending
        let page = Newsroom<Store>.page(request.query["page"])
        let result = try await CommentModeration(store: store).list(
            status: status, limit: Self.pageSize, offset: page.offset(pageSize: Self.pageSize))
        try page.requireExists(itemsOnPage: result.items.count)
        let counts = try await store.commentCounts()
        // One query for the titles, not a whole article (body sanitized again) per comment.
        let titles = try await store.articleTitles(ids: Array(Set(result.items.map(\.articleID))))
        let rows = result.items.map { comment in
            let title = titles[comment.articleID]
            let mine = refused?.commentID == comment.id
            return QueueContent.Row(
                id: comment.id, authorName: comment.authorName, authorEmail: comment.authorEmail,
                authorURL: comment.authorURL.flatMap { URLPolicy.isWebLink($0) ? $0 : nil }, body: comment.body,
                date: dates.full(comment.createdAt), status: comment.status.rawValue,
                statusLabel: localizer.text("admin_comment_" + comment.status.rawValue),
                articleTitle: title ?? "", articleURL: title == nil ? "" : "/admin/articles/\(comment.articleID)/edit",
                replyAction: "/admin/comments/\(comment.id)/reply", replyOpen: mine,
                replyText: mine ? refused?.text ?? "" : "", replyError: mine ? refused?.message : nil)
        }
        let content = QueueContent(
            tabs: CommentStatus.allCases.map {
                Option(
                    value: "/admin/comments?status=\($0.rawValue)",
                    label: "\(localizer.text("admin_comment_" + $0.rawValue)) (\(counts[$0] ?? 0))",
                    selected: $0 == status)
            },
            status: status.rawValue, rows: rows, empty: rows.isEmpty,
            actions: CommentStatus.allCases.filter { $0 != status }.map {
                Option(value: $0.rawValue, label: localizer.text("admin_action_" + $0.rawValue), selected: false)
            },
            pagination: Pagination(
                current: page, total: result.total, pageSize: Self.pageSize, localizer: localizer,
                url: { "/admin/comments?status=\(status.rawValue)&page=\($0)" }))
        return try await newsroom.render(
            content, template: .adminComments, title: localizer.text("admin_nav_comments"), signedIn: signedIn,
            current: "comments", status: refused == nil ? .ok : .unprocessableContent, flash: flash)
    }

    func bulk(_ request: Request, _ context: NashraRequestContext, _ signedIn: SignedIn) async throws -> Response {
        let fields = try await newsroom.form(request, context, signedIn)
        guard let status = fields["action"].flatMap(CommentStatus.init(rawValue:)) else {
            throw HTTPError(.badRequest)
        }
        let ids = fields.all("ids").compactMap { Int64($0) }
        let back =
            "/admin/comments?status=" + (fields["from"].flatMap(CommentStatus.init(rawValue:)) ?? .pending).rawValue
        guard !ids.isEmpty else { return newsroom.redirect(back) }
        do {
            _ = try await CommentModeration(store: store).set(status, ids: ids)
        } catch is ValidationError {
            throw HTTPError(.notFound)
        }
        newsroom.pages.cache.invalidateAll()
        return newsroom.redirect(back + "&done=1")
    }

    /// A staff answer, published at once under the moderator's name (see ``CommentModeration/reply``).
    func reply(_ request: Request, _ context: NashraRequestContext, _ signedIn: SignedIn) async throws -> Response {
        let fields = try await newsroom.form(request, context, signedIn)
        guard let id = context.parameters.get("id").flatMap({ Int64($0) }),
            let parent = try await store.comment(id: id)
        else { throw HTTPError(.notFound) }
        let body = fields["body"] ?? ""
        let settings = try await newsroom.settings()
        do {
            _ = try await CommentModeration(store: store).reply(
                to: parent.id, body: body, authorName: signedIn.user.name, authorEmail: signedIn.user.email,
                maxLength: settings.commentMaxLength, now: newsroom.clock.now)
        } catch let error as ValidationError {
            let localizer = try await newsroom.localizer()
            let message =
                if case .tooLong = error.problem { localizer.text("admin_error_reply_too_long") } else {
                    newsroom.message(for: error, localizer)
                }
            return try await queue(request, signedIn, tab: parent.status, refused: (parent.id, body, message))
        }
        newsroom.pages.cache.invalidateAll()
        return newsroom.redirect("/admin/comments?status=\(parent.status.rawValue)&done=1")
    }
}
