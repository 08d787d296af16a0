import Foundation
import Hummingbird
import Logging
import NashraCore

/// The article page and the comments posted from it.
///
/// Every reader without a cookie of ours gets the same bytes — one cached, pre-compressed copy of
/// each page (and of each `?reply=N` form), which a CDN may keep as well: the comment form carries
/// the page token every reader shares (``FormToken``), and nothing per reader. A reader with a
/// pending comment or saved details gets a page rendered for them alone.
struct ArticleController<Store: ContentStore>: Sendable {
    let site: Site<Store>
    let security: RequestSecurity

    var store: Store { site.store }
    var urls: SiteURLs { site.urls }

    static var personalCacheControl: String { "private, no-store" }

    func register(on router: Router<NashraRequestContext>) {
        router.get("/news/:slug") { request, context in try await show(request, context) }
        router.post("/news/:slug/comments") { request, context in try await post(request, context) }
    }

    // MARK: - GET

    func show(_ request: Request, _ context: NashraRequestContext) async throws -> Response {
        // One URL per article, so the cache holds one copy: `//news/x`, `/news/x/` or `/news/%78` answer
        // 301 to the canonical path.
        if let redirect = try site.canonicalRedirect(request, context, prefix: "/news/") { return redirect }
        let reader = ReaderCookies(request: request, signer: security.signer, secure: security.secureCookies)
        let replyID = request.uri.query == nil ? nil : request.query["reply"].flatMap { Int64($0) }
        guard reader.pendingIDs.isEmpty, reader.details == nil else {
            var form = CommentFormState.empty
            if let details = reader.details {
                form.submission = CommentSubmission(
                    author: details.author, email: details.email, url: details.url, comment: "", remember: true)
            }
            if let replyID { form.replyTo = try await store.comment(id: replyID) }
            return try await personalPage(request, context, reader: reader, form: form, status: .ok)
        }
        // The key is the raw path (no percent-decoding on a hit) and the reply target as a number.
        let key = request.uri.path + (replyID.map { "?reply=\($0)" } ?? "")
        return try await site.cached(request, key: key) { renderContext in
            var shared = ArticlePersonalization(token: "", replyRequested: replyID != nil)
            if let replyID { shared.form.replyTo = try await store.comment(id: replyID) }
            return try await render(slug: try site.slugParameter(context), renderContext, personal: shared, status: .ok)
        }
    }

    /// Renders the article for one reader: their token, their pending comments, their form state.
    /// `tokenTime` backdates the token (see the confirmation step in ``post(_:_:)``).
    func personalPage(
        _ request: Request, _ context: NashraRequestContext, reader: ReaderCookies, form: CommentFormState,
        status: HTTPResponse.Status, tokenTime: Date? = nil
    ) async throws -> Response {
        let now = site.clock.now
        let personal = ArticlePersonalization(
            token: security.tokens.make(readerID: reader.readerID, at: tokenTime ?? now), form: form,
            pending: try await store.comments(ids: reader.pendingIDs))
        let renderContext = try await site.renderContext(now: now)
        switch try await render(
            slug: try site.slugParameter(context), renderContext, personal: personal, status: status)
        {
        case .page(let page): return page.response(to: request)
        case .redirect(let location): return Response(status: .movedPermanently, headers: [.location: location])
        }
    }

    /// The article page. A `personal` without a token is the shared page: it gets the page token
    /// stamped now, public caching and the page's cache keys.
    func render(slug: String, _ context: RenderContext, personal: ArticlePersonalization, status: HTTPResponse.Status)
        async throws -> PageOutcome
    {
        // One read for the page: the article, what is related to it, its comments and its pictures.
        let reads = try await store.articlePage(slug: slug, relatedLimit: 4, now: context.now) { article, related in
            PictureView.fileNames([article.cover] + related.map(\.cover)) + BodyPictures.fileNames(in: article.body)
        }
        let article: Article
        switch reads.lookup {
        case .found(let found): article = found
        case .moved(let newSlug): return .redirect(urls.article(newSlug))
        case .notFound: throw HTTPError(.notFound)
        }
        var personal = personal
        let shared = personal.token.isEmpty
        if shared { personal.token = security.tokens.makeShared(articleID: article.id, at: context.now) }
        // The one place a reply target is judged: an approved comment of this article, or none.
        if let reply = personal.form.replyTo, reply.articleID != article.id || reply.status != .approved {
            personal.form.replyTo = nil
        }
        if shared, personal.replyRequested, personal.form.replyTo == nil {
            return .redirect(urls.article(article.slug))
        }
        let (related, comments, context) = (reads.related, reads.comments, context.knowing(reads.pictures))
        let content = ArticleViewBuilder(context: context).build(
            article, related: related, comments: comments, personal: personal)
        let html = context.render(
            content, template: .article, title: article.searchTitle, description: article.searchDescription,
            canonicalPath: urls.article(article.slug), currentSectionID: article.section.parentID ?? article.section.id,
            meta: ArticleMetadata(context: context).meta(for: article, breadcrumb: content.breadcrumb))
        guard shared else {
            return .page(
                RenderedPage(
                    status: status, contentType: Site<Store>.htmlType, cacheControl: Self.personalCacheControl,
                    body: html, brotli: false))
        }
        var keys: Set<String> = [CacheKey.article(article.id), CacheKey.author(article.author.id)]
        keys.formUnion([article.section.id, article.section.parentID].compactMap { $0 }.map(CacheKey.section))
        keys.formUnion(article.tags.map { CacheKey.tag($0.id) })
        return site.page(html, keys: CacheKey.showing(related, plus: keys), context, status: status)
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

        func again(
            _ status: HTTPResponse.Status, notice: String? = nil, errors: CommentValidationErrors? = nil,
            tokenTime: Date? = nil
        ) async throws -> Response {
            var state = form
            state.noticeKey = notice
            state.errors = errors
            var response = try await personalPage(
                request, context, reader: reader, form: state, status: status, tokenTime: tokenTime)
            if reader.isNewReader {
                response.setCookie(ReaderCookies.readerCookie(reader.readerID, secure: security.secureCookies))
            }
            return response
        }

        // No token at all is not our form: refused outright. A token that does not check out (expired,
        // cookie cleared, or a forgery from another site) never stores anything; the reader gets the
        // form back with the text kept and a fresh token.
        guard let token = fields["_token"], !token.isEmpty else { throw HTTPError(.forbidden) }
        switch security.tokens.check(token, readerID: reader.readerID, articleID: article.id, now: now) {
        case .forged, .expired:
            return try await again(.unprocessableContent, notice: "form_expired")
        case .valid(let age, _) where age < Double(settings.commentMinSeconds):
            return try await again(.unprocessableContent, notice: "form_too_fast")
        case .valid(_, shared: true) where reader.isNewReader && request.headers[.origin] == nil:
            // The shared page's token says the form is ours, not that this reader sent it. A browser
            // names the posting page's origin (checked above); without that or the reader's cookie,
            // the reader gets their own token and cookie and sends once more. Its time is the page
            // token's, already old enough, so sending again at once is not "too fast".
            return try await again(
                .unprocessableContent, notice: "form_confirm",
                tokenTime: now.addingTimeInterval(-Double(settings.commentMinSeconds)))
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
            if comment.status == .approved { await site.wrote() }
            var response = Response(
                status: .seeOther,
                headers: [.location: articleURL + "#comment-\(comment.id)", .cacheControl: "no-store"])
            if reader.isNewReader {
                response.setCookie(ReaderCookies.readerCookie(reader.readerID, secure: security.secureCookies))
            }
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
