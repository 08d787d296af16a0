import Foundation
import Hummingbird
import Logging
import NashraCore

/// The article page and the comments posted from it.
///
/// Everyone shares one cached, pre-compressed copy of each article page; each response fills in
/// its reader's form token (see ``SplicedBody``). A reader with a pending comment, saved details or
/// a reply in progress gets a page rendered for them alone.
struct ArticleController<Store: ContentStore>: Sendable {
    let site: Site<Store>
    let security: RequestSecurity

    var store: Store { site.store }
    var urls: SiteURLs { site.urls }

    /// Article pages carry a per-reader token, so only the browser may keep them; it revalidates
    /// each time and gets a cheap 304 for its own copy.
    static var articleCacheControl: String { "private, no-cache" }
    static var personalCacheControl: String { "private, no-store" }

    func register(on router: Router<NashraRequestContext>) {
        router.get("/news/:slug") { request, context in try await show(request, context) }
        router.post("/news/:slug/comments") { request, context in try await post(request, context) }
    }

    // MARK: - GET

    func show(_ request: Request, _ context: NashraRequestContext) async throws -> Response {
        // One URL per article, so the cache holds one copy: `//news/x`, `/news/x/` or `/news/%78` answer
        // 301 to the canonical path. The check is a byte scan; decoding happens only when it fails.
        guard let raw = context.parameters.get("slug"), request.uri.path == "/news/" + raw,
            SiteURLs.isCanonicalSegment(raw)
        else {
            return Response(
                status: .movedPermanently, headers: [.location: urls.article(try site.slugParameter(context))])
        }
        let reader = ReaderCookies(request: request, signer: security.signer, secure: security.secureCookies)
        let replyID = request.uri.query == nil ? nil : request.query["reply"].flatMap { Int64($0) }
        var response: Response
        if reader.pendingIDs.isEmpty, reader.details == nil, replyID == nil {
            let token = security.tokens.make(readerID: reader.readerID, at: site.clock.now)
            let salt = security.salt(for: reader.readerID, at: site.clock.now)
            // The key is the raw path, so a cache hit needs no percent-decoding.
            response = try await site.cached(
                request, key: request.uri.path,
                render: { renderContext in
                    try await render(slug: try site.slugParameter(context), renderContext, personal: nil, status: .ok)
                },
                respond: { $0.response(to: request, filling: token, salt: salt) })
        } else {
            var form = CommentFormState.empty
            if let details = reader.details {
                form.submission = CommentSubmission(
                    author: details.author, email: details.email, url: details.url, comment: "", remember: true)
            }
            if let replyID { form.replyTo = try await store.comment(id: replyID) }
            response = try await personalPage(request, context, reader: reader, form: form, status: .ok)
        }
        // Only on the page itself: a redirect may be cached by a shared cache, and a cookie on it
        // would hand one reader id to everyone behind that cache.
        if reader.isNewReader, response.status == .ok || response.status == .notModified {
            response.setCookie(ReaderCookies.readerCookie(reader.readerID, secure: security.secureCookies))
        }
        return response
    }

    /// Renders the article for one reader: their token, their pending comments, their form state.
    func personalPage(
        _ request: Request, _ context: NashraRequestContext, reader: ReaderCookies, form: CommentFormState,
        status: HTTPResponse.Status
    ) async throws -> Response {
        let now = site.clock.now
        let personal = ArticlePersonalization(
            token: security.tokens.make(readerID: reader.readerID, at: now), form: form,
            pending: try await store.comments(ids: reader.pendingIDs))
        let renderContext = try await site.renderContext(now: now)
        switch try await render(
            slug: try site.slugParameter(context), renderContext, personal: personal, status: status)
        {
        case .page(let page): return page.response(to: request)
        case .redirect(let location): return Response(status: .movedPermanently, headers: [.location: location])
        }
    }

    func render(slug: String, _ context: RenderContext, personal: ArticlePersonalization?, status: HTTPResponse.Status)
        async throws -> PageOutcome
    {
        let article: Article
        switch try await store.publishedArticle(slug: slug, now: context.now) {
        case .found(let found): article = found
        case .moved(let newSlug): return .redirect(urls.article(newSlug))
        case .notFound: throw HTTPError(.notFound)
        }
        var personal = personal ?? ArticlePersonalization(token: security.hole)
        // The one place a reply target is judged: an approved comment of this article, or none.
        if let reply = personal.form.replyTo, reply.articleID != article.id || reply.status != .approved {
            personal.form.replyTo = nil
        }
        let related = try await store.relatedArticles(to: article, limit: 4, now: context.now)
        let comments = try await store.approvedComments(articleID: article.id)
        let content = ArticleViewBuilder(context: context).build(
            article, related: related, comments: comments, personal: personal)
        let html = context.render(
            content, template: .article, title: article.title,
            description: article.summary.isEmpty ? article.title : article.summary,
            canonicalPath: urls.article(article.slug), currentSectionID: article.section.parentID ?? article.section.id,
            meta: ArticleMetadata(context: context).meta(for: article, breadcrumb: content.breadcrumb))
        let shared = personal.token == security.hole
        return .page(
            RenderedPage(
                status: status, contentType: Site<Store>.htmlType,
                cacheControl: shared ? Self.articleCacheControl : Self.personalCacheControl, body: html,
                hole: shared ? security.hole : nil, brotli: shared))
    }

    // MARK: - POST

    func post(_ request: Request, _ context: NashraRequestContext) async throws -> Response {
        guard security.isSameOrigin(request) else { throw HTTPError(.forbidden) }
        var request = request
        let fields = FormFields(try await request.collectBody(upTo: context.maxUploadSize))
        let now = site.clock.now
        let articlePath = String(request.uri.path.dropLast("/comments".count))

        // The cheap refusals come first, before any database read or render.
        // A filled honeypot is a bot: it is told what a held comment's author is told, and nothing is kept.
        if let trap = fields[CommentFormState.honeypotName], !trap.isEmpty {
            context.logger.debug("comment dropped: honeypot", metadata: ["path": "\(articlePath)"])
            return Response(
                status: .seeOther, headers: [.location: articlePath + "#comments", .cacheControl: "no-store"])
        }
        let settings = try await site.cache.settings(from: store, now: now)
        // Every attempt from an address counts, so a flood is refused before any page is rendered
        // for it; accepted comments have their own, lower limit below.
        let address = security.clientAddress(request, context)
        if let wait = await security.limits.attempt(
            .attemptsPerIP, address, limit: settings.commentLimitPerIP * 3, now: now)
        {
            throw HTTPError(.tooManyRequests, headers: [.retryAfter: String(Int(wait))])
        }

        let slug = try site.slugParameter(context)
        guard case .found(let article) = try await store.publishedArticle(slug: slug, now: now) else {
            throw HTTPError(.notFound)
        }
        let reader = ReaderCookies(request: request, signer: security.signer, secure: security.secureCookies)
        var form = CommentFormState.empty
        form.submission = CommentSubmission(
            author: fields["author"] ?? "", email: fields["email"] ?? "", url: fields["url"] ?? "",
            comment: fields["comment"] ?? "", parentID: fields["parent"].flatMap { Int64($0) },
            remember: fields["remember"] != nil)
        if let parentID = form.submission.parentID { form.replyTo = try await store.comment(id: parentID) }
        let articleURL = urls.article(article.slug)

        func again(_ status: HTTPResponse.Status, notice: String? = nil, errors: CommentValidationErrors? = nil)
            async throws -> Response
        {
            var state = form
            state.noticeKey = notice
            state.errors = errors
            var response = try await personalPage(request, context, reader: reader, form: state, status: status)
            if reader.isNewReader {
                response.setCookie(ReaderCookies.readerCookie(reader.readerID, secure: security.secureCookies))
            }
            return response
        }

        // No token at all is not our form: refused outright. A token that does not check out (expired,
        // cookie cleared, or a forgery from another site) never stores anything; the reader gets the
        // form back with the text kept and a fresh token.
        guard let token = fields["_token"], !token.isEmpty else { throw HTTPError(.forbidden) }
        switch security.tokens.check(token, readerID: reader.readerID, now: now) {
        case .forged, .expired:
            return try await again(.unprocessableContent, notice: "form_expired")
        case .valid(let age) where age < Double(settings.commentMinSeconds):
            return try await again(.unprocessableContent, notice: "form_too_fast")
        case .valid:
            break
        }
        // Trimmed as validation trims it, so "a@b.com\n" is the same address.
        let email = form.submission.email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        // These limits count accepted comments only: checked now, recorded once one is stored.
        var wait = await security.limits.wait(.commentsPerIP, address, limit: settings.commentLimitPerIP, now: now)
        if wait == nil, !email.isEmpty {
            wait = await security.limits.wait(.commentsPerEmail, email, limit: settings.commentLimitPerEmail, now: now)
        }
        if let wait {
            throw HTTPError(.tooManyRequests, headers: [.retryAfter: String(Int(wait))])
        }
        switch try await CommentPosting(store: store).post(form.submission, to: article, settings: settings, now: now) {
        case .invalid(let errors):
            return try await again(.unprocessableContent, errors: errors)
        case .duplicate:
            return try await again(.unprocessableContent, notice: "form_duplicate")
        case .closed:
            throw HTTPError(.forbidden)
        case .stored(let comment):
            await security.limits.record(.commentsPerIP, address, now: now)
            if !email.isEmpty { await security.limits.record(.commentsPerEmail, email, now: now) }
            context.logger.info(
                "comment stored",
                metadata: ["article": "\(article.id)", "comment": "\(comment.id)", "status": "\(comment.status)"])
            if comment.status == .approved { site.cache.invalidateAll() }
            var response = Response(
                status: .seeOther,
                headers: [.location: articleURL + "#comment-\(comment.id)", .cacheControl: "no-store"])
            if comment.status != .approved {
                response.setCookie(
                    ReaderCookies.pendingCookie(
                        readerID: reader.readerID, ids: reader.pendingIDs + [comment.id], signer: security.signer,
                        secure: security.secureCookies))
            }
            if form.submission.remember {
                let details = ReaderCookies.Details(
                    author: comment.authorName, email: comment.authorEmail, url: comment.authorURL ?? "")
                response.setCookie(ReaderCookies.commenterCookie(details, secure: security.secureCookies))
            } else if reader.details != nil {
                response.setCookie(ReaderCookies.commenterCookie(nil, secure: security.secureCookies))
            }
            return response
        }
    }
}
