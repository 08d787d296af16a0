import Foundation
import Hummingbird
import NashraCore

/// Previews of unpublished work, and an article's revisions: the list, a diff of two, restoring one.
struct RevisionController<Store: ContentStore & NewsroomStore>: Sendable {
    let newsroom: Newsroom<Store>
    let articles: ArticleAdminController<Store>

    var store: Store { newsroom.store }

    func register(on routes: NewsroomRoutes) {
        routes.get(AdminRoutes.previewArticle) { _, context, signedIn in try await preview(context, signedIn) }
        routes.get(AdminRoutes.revisions) { request, context, signedIn in try await list(request, context, signedIn) }
        routes.post(AdminRoutes.restoreRevision) { request, context, signedIn in
            try await restore(request, context, signedIn)
        }
    }

    /// The article as readers will see it, whatever its state; never cached, never indexed.
    func preview(_ context: NashraRequestContext, _ signedIn: SignedIn) async throws -> Response {
        var article = try await articles.editable(context, signedIn)
        let plainContext = try await newsroom.site.renderContext(now: newsroom.clock.now)
        // The preview has no comment form: the article may not be public yet.
        article.commentsOpen = false
        let related = try await store.relatedArticles(to: article, limit: 4, now: plainContext.now)
        let renderContext = try await plainContext.knowing(
            [article.cover] + related.map(\.cover), body: article.body, from: store)
        let content = ArticleViewBuilder(context: renderContext).build(
            article, related: related, comments: [], personal: ArticlePersonalization(token: ""))
        let html = renderContext.render(
            content, template: .article, title: article.title, description: article.summary, canonicalPath: nil,
            noindex: true, previewNotice: renderContext.localizer.text("admin_preview_banner"))
        return Response(
            status: .ok,
            headers: [.contentType: Site<Store>.htmlType, .cacheControl: Newsroom<Store>.noStore],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    struct RevisionsContent {
        struct Item {
            let id: Int64
            let savedAt: String
            let userName: String
            let status: String
            let title: String
            let isFrom: Bool
            let isTo: Bool
            /// Nil where the workflow does not allow a restore (a trashed article).
            let restoreURL: String?
        }

        struct DiffRow {
            let kind: String
            let sign: String
            let text: String
        }

        let articleTitle: String
        let editURL: String
        let items: [Item]
        let hasDiff: Bool
        let diff: [DiffRow]
        let fromLabel: String
        let toLabel: String
        let unchanged: Bool
    }

    func list(_ request: Request, _ context: NashraRequestContext, _ signedIn: SignedIn) async throws -> Response {
        let article = try await articles.editable(context, signedIn)
        let localizer = try await newsroom.localizer()
        let dates = DateDisplay(settings: try await newsroom.settings())
        let revisions = try await store.revisions(articleID: article.id)
        // Newest first: by default compare the latest save with the one before it.
        let query = request.query
        let to = query["to"].flatMap { Int64($0) } ?? revisions.first?.id
        let from = query["from"].flatMap { Int64($0) } ?? (revisions.count > 1 ? revisions[1].id : nil)
        let older = revisions.first { $0.id == from }
        let newer = revisions.first { $0.id == to }
        var diff: [RevisionsContent.DiffRow] = []
        if let older, let newer {
            diff = LineDiff.diff(older.comparableText, newer.comparableText).map { line in
                switch line {
                case .same(let text): RevisionsContent.DiffRow(kind: "same", sign: " ", text: text)
                case .added(let text): RevisionsContent.DiffRow(kind: "added", sign: "+", text: text)
                case .removed(let text): RevisionsContent.DiffRow(kind: "removed", sign: "−", text: text)
                }
            }
        }
        let label = { (revision: Revision?) in revision.map { "#\($0.id) — \(dates.full($0.savedAt))" } ?? "" }
        let restorable = ArticleWorkflow.decide(.restoreRevision, on: article, by: signedIn.user) == .allowed
        let content = RevisionsContent(
            articleTitle: article.title, editURL: AdminRoutes.editArticle.path(article.id),
            items: revisions.map {
                RevisionsContent.Item(
                    id: $0.id, savedAt: dates.full($0.savedAt), userName: $0.userName,
                    status: localizer.text("admin_status_" + $0.status.rawValue), title: $0.title,
                    isFrom: $0.id == from, isTo: $0.id == to,
                    restoreURL: restorable ? AdminRoutes.restoreRevision.path(article.id, $0.id) : nil)
            },
            hasDiff: older != nil && newer != nil, diff: diff, fromLabel: label(older), toLabel: label(newer),
            unchanged: !diff.isEmpty && diff.allSatisfy { $0.kind == "same" })
        return try await newsroom.render(
            content, template: .adminRevisions, title: localizer.text("admin_revisions"), signedIn: signedIn,
            current: "articles")
    }

    /// Puts a revision's title, summary and body back as a new save (itself a revision), keeping the
    /// article's state, section, tags and the rest.
    func restore(_ request: Request, _ context: NashraRequestContext, _ signedIn: SignedIn) async throws -> Response {
        _ = try await newsroom.form(request, context, signedIn)
        let article = try await articles.editable(context, signedIn)
        // A trashed article is read-only until restored: its revisions are not put back either.
        try ArticleAdminController<Store>.require(
            ArticleWorkflow.decide(.restoreRevision, on: article, by: signedIn.user))
        guard let revisionID = context.parameters.get("revision", as: Int64.self),
            let revision = try await store.revision(id: revisionID), revision.articleID == article.id
        else { throw HTTPError(.notFound) }
        var draft = ArticleDraft(
            id: article.id, slug: article.slug, title: revision.title, summary: revision.summary,
            bodyHTML: MarkdownRenderer().render(revision.bodyMarkdown).markup, sectionID: article.section.id,
            authorID: article.author.id, tagNames: article.tags.map(\.name), source: article.source,
            cover: article.cover, isBreaking: article.isBreaking, status: article.status,
            publishedAt: article.publishedAt, commentsOpen: article.commentsOpen, isPinned: article.isPinned,
            seo: article.seo)
        draft.bodyMarkdown = revision.bodyMarkdown
        _ = try await store.saveArticle(try draft.validated(), now: newsroom.clock.now, editor: signedIn.user)
        await newsroom.site.wrote()
        await newsroom.audit(
            .revisionRestored, by: signedIn.user, target: "article \(article.id)", detail: "revision \(revision.id)",
            request: request, context: context)
        return newsroom.redirect(AdminRoutes.editArticle.path(article.id, query: [("saved", "1")]))
    }
}
