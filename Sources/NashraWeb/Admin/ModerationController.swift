import Foundation
import Hummingbird
import NashraCore

/// The comment moderation queue: tabs, bulk actions and staff replies.
struct ModerationController<Store: ContentStore & NewsroomStore>: Sendable {
    let newsroom: Newsroom<Store>

    var store: Store { newsroom.store }
    static var pageSize: Int { 50 }

    func register(on routes: NewsroomRoutes) {
        routes.get(AdminRoutes.comments, allowed: \.canModerate) { request, _, signedIn in
            try await queue(request, signedIn, flash: Newsroom<Store>.flash(request, "admin_done"))
        }
        routes.post(AdminRoutes.comments, allowed: \.canModerate) { request, context, signedIn in
            try await bulk(request, context, signedIn)
        }
        routes.post(AdminRoutes.replyToComment, allowed: \.canModerate) { request, context, signedIn in
            try await reply(request, context, signedIn)
        }
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
                articleTitle: title ?? "",
                articleURL: title == nil ? "" : AdminRoutes.editArticle.path(comment.articleID),
                replyAction: AdminRoutes.replyToComment.path(comment.id), replyOpen: mine,
                replyText: mine ? refused?.text ?? "" : "", replyError: mine ? refused?.message : nil)
        }
        let content = QueueContent(
            tabs: CommentStatus.allCases.map {
                Option(
                    value: AdminRoutes.comments.path(query: [("status", $0.rawValue)]),
                    label: "\(localizer.text("admin_comment_" + $0.rawValue)) (\(counts[$0] ?? 0))",
                    selected: $0 == status)
            },
            status: status.rawValue, rows: rows, empty: rows.isEmpty,
            actions: CommentStatus.allCases.filter { $0 != status }.map {
                Option(value: $0.rawValue, label: localizer.text("admin_action_" + $0.rawValue), selected: false)
            },
            pagination: Pagination(
                current: page, total: result.total, pageSize: Self.pageSize, localizer: localizer,
                url: { AdminRoutes.comments.path(query: [("status", status.rawValue), ("page", String($0))]) }))
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
        let from = (fields["from"].flatMap(CommentStatus.init(rawValue:)) ?? .pending).rawValue
        let back = AdminRoutes.comments.path(query: [("status", from)])
        guard !ids.isEmpty else { return newsroom.redirect(back) }
        do {
            _ = try await CommentModeration(store: store).set(status, ids: ids)
        } catch is ValidationError {
            throw HTTPError(.notFound)
        }
        await newsroom.site.wrote()
        return newsroom.redirect(back + "&done=1")
    }

    /// A staff answer, published at once under the moderator's name (see ``CommentModeration/reply``).
    func reply(_ request: Request, _ context: NashraRequestContext, _ signedIn: SignedIn) async throws -> Response {
        let fields = try await newsroom.form(request, context, signedIn)
        guard let id = context.parameters.get("id", as: Int64.self), let parent = try await store.comment(id: id)
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
        await newsroom.site.wrote()
        return newsroom.redirect(
            AdminRoutes.comments.path(query: [("status", parent.status.rawValue), ("done", "1")]))
    }
}
