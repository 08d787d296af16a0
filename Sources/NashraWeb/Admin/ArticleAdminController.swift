import Foundation
import Hummingbird
import NashraCore

/// The newsroom's articles: the list, the editor, saving with the workflow's rules, and the
/// state changes (unpublish, trash, restore).
struct ArticleAdminController<Store: ContentStore & NewsroomStore>: Sendable {
    let newsroom: Newsroom<Store>

    var store: Store { newsroom.store }
    static var pageSize: Int { 25 }

    func register(on routes: NewsroomRoutes) {
        routes.get(AdminRoutes.articles) { request, _, signedIn in try await list(request, signedIn) }
        routes.get(AdminRoutes.newArticle) { request, context, signedIn in
            let askedKey = request.query["key"].flatMap(Self.validKey)
            let key = askedKey ?? "new-" + Signer.randomID(bytes: 9)
            var values = ArticleFormValues()
            values.sectionID = try await store.sections().first?.id
            values.authorID = signedIn.user.authorID
            // A tab's own autosave, or else the newest unfinished new article, is offered back.
            var autosave: Autosave?
            if let askedKey {
                autosave = try await store.autosave(userID: signedIn.user.id, key: askedKey)
            } else {
                autosave = try await store.latestAutosave(userID: signedIn.user.id, prefix: "new-")
            }
            if let autosave, request.query["autosave"] == "1" {
                values = ArticleFormValues(fields: autosave.fields)
            }
            let notice = request.query["autosave"] == "1" ? nil : autosave
            return try await editor(
                signedIn, article: nil, values: values, key: key, errors: FormErrors(), autosave: notice,
                status: .ok)
        }
        routes.post(AdminRoutes.articles) { request, context, signedIn in
            try await save(request, context, signedIn, id: nil)
        }
        routes.get(AdminRoutes.editArticle) { request, context, signedIn in
            let article = try await editable(context, signedIn)
            let key = "article-\(article.id)"
            let dates = LocalTimes(settings: try await newsroom.settings())
            var values = ArticleFormValues(article: article, dates: dates)
            var notice: Autosave?
            if let autosave = try await store.autosave(userID: signedIn.user.id, key: key),
                autosave.savedAt > article.updatedAt
            {
                if request.query["autosave"] == "1" {
                    values = ArticleFormValues(fields: autosave.fields)
                } else {
                    notice = autosave
                }
            }
            let flash = request.query["saved"] != nil ? "admin_saved" : nil
            return try await editor(
                signedIn, article: article, values: values, key: key, errors: FormErrors(), autosave: notice,
                status: .ok, flash: flash)
        }
        routes.post(AdminRoutes.article) { request, context, signedIn in
            try await save(request, context, signedIn, id: try Self.id(context))
        }
        for (route, action, audit) in [
            (AdminRoutes.trashArticle, ArticleAction.trash, AuditAction.articleTrashed),
            (AdminRoutes.restoreArticle, .restore, .articleRestored),
            (AdminRoutes.unpublishArticle, .unpublish, .articleUnpublished),
        ] {
            routes.post(route) { request, context, signedIn in
                try await transition(request, context, signedIn, action, audit: audit)
            }
        }
        routes.post(AdminRoutes.livePreview) { request, context, signedIn in
            let fields = try await newsroom.form(request, context, signedIn)
            let html = MarkdownRenderer().render(fields["body"] ?? "")
            return Response(
                status: .ok,
                headers: [.contentType: Site<Store>.htmlType, .cacheControl: Newsroom<Store>.noStore],
                body: .init(byteBuffer: ByteBuffer(string: html.markup)))
        }
        routes.post(AdminRoutes.autosave) { request, context, signedIn in
            let fields = try await newsroom.form(request, context, signedIn)
            guard let key = fields["autosave_key"].flatMap(Self.validKey) else { throw HTTPError(.badRequest) }
            if key.hasPrefix("article-"), let id = Int64(key.dropFirst("article-".count)) {
                guard let article = try await store.article(id: id), signedIn.user.mayEdit(article) else {
                    throw HTTPError(.forbidden)
                }
            }
            let values = ArticleFormValues(fields: fields.firstValues)
            try await store.saveAutosave(
                userID: signedIn.user.id, Autosave(key: key, fields: values.fields, savedAt: newsroom.clock.now))
            return Response(status: .noContent, headers: [.cacheControl: Newsroom<Store>.noStore])
        }
    }

    /// `new-RANDOM` or `article-ID`: nothing else is stored as an autosave key.
    static func validKey(_ key: String) -> String? {
        let allowed =
            key.count <= 40 && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        return allowed && (key.hasPrefix("new-") || key.hasPrefix("article-")) ? key : nil
    }

    static func id(_ context: NashraRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw HTTPError(.notFound) }
        return id
    }

    /// The article of the URL, if this user may edit it: 404 when missing, 403 when not theirs.
    func editable(_ context: NashraRequestContext, _ signedIn: SignedIn) async throws -> Article {
        guard let article = try await store.article(id: try Self.id(context)) else { throw HTTPError(.notFound) }
        guard signedIn.user.mayEdit(article) else { throw HTTPError(.forbidden) }
        return article
    }

    // MARK: - The list

    func list(_ request: Request, _ signedIn: SignedIn) async throws -> Response {
        do {
            let query = request.query
            let localizer = try await newsroom.localizer()
            let settings = try await newsroom.settings()
            let status = query["status"].flatMap(PublishState.init(rawValue:))
            let section = query["section"].flatMap { Int64($0) }
            // Authors and contributors see their own work only, as on the dashboard.
            let seesAll = signedIn.user.role.editsOthersArticles
            let author = seesAll ? query["author"].flatMap { Int64($0) } : signedIn.user.authorID
            let text = String((query["q"] ?? "").prefix(200))
            let page = Newsroom<Store>.page(query["page"])
            let result = try await store.adminArticles(
                AdminArticleQuery(
                    status: status, sectionID: section, authorID: author, text: text, limit: Self.pageSize,
                    offset: page.offset(pageSize: Self.pageSize)))
            try page.requireExists(itemsOnPage: result.items.count)
            let dates = DateDisplay(settings: settings)
            let rows = result.items.map {
                ArticleListContent.Row($0, urls: newsroom.site.urls, dates: dates, localizer: localizer)
            }
            var filter = URLComponents()
            filter.queryItems = [
                status.map { URLQueryItem(name: "status", value: $0.rawValue) },
                section.map { URLQueryItem(name: "section", value: String($0)) },
                seesAll ? author.map { URLQueryItem(name: "author", value: String($0)) } : nil,
                text.isEmpty ? nil : URLQueryItem(name: "q", value: text),
            ].compactMap { $0 }
            let base = AdminRoutes.articles.path() + "?" + (filter.percentEncodedQuery.map { $0 + "&" } ?? "") + "page="
            let content = ArticleListContent(
                rows: rows, total: localizer.plural("admin_article_count", result.total), query: text,
                statuses: [Option(value: "", label: localizer.text("admin_status_all"), selected: status == nil)]
                    + PublishState.allCases.map {
                        Option(
                            value: $0.rawValue, label: localizer.text("admin_status_" + $0.rawValue),
                            selected: $0 == status)
                    },
                sections: try await sectionOptions(selected: section, includeAll: localizer.text("admin_all_sections")),
                filtersByAuthor: seesAll,
                authors: seesAll
                    ? [Option(value: "", label: localizer.text("admin_all_authors"), selected: author == nil)]
                        + (try await store.allAuthors()).map {
                            Option(value: String($0.id), label: $0.name, selected: $0.id == author)
                        } : [],
                pagination: Pagination(
                    current: page, total: result.total, pageSize: Self.pageSize, localizer: localizer,
                    url: { base + String($0) }))
            return try await newsroom.render(
                content, template: .adminArticles, title: localizer.text("admin_nav_articles"), signedIn: signedIn,
                current: "articles")
        }
    }

    func sectionOptions(selected: Int64?, includeAll: String? = nil) async throws -> [Option] {
        let sections = try await store.sections()
        let names = Dictionary(uniqueKeysWithValues: sections.map { ($0.id, $0.name) })
        let options = sections.map { section in
            Option(
                value: String(section.id),
                label: section.parentID.flatMap { names[$0] }.map { "\($0) › \(section.name)" } ?? section.name,
                selected: section.id == selected)
        }
        guard let includeAll else { return options }
        return [Option(value: "", label: includeAll, selected: selected == nil)] + options
    }

    // MARK: - The editor

    func editor(
        _ signedIn: SignedIn, article: Article?, values: ArticleFormValues, key: String, errors: FormErrors,
        autosave: Autosave?, status: HTTPResponse.Status, flash: String? = nil
    ) async throws -> Response {
        let localizer = try await newsroom.localizer()
        let settings = try await newsroom.settings()
        let role = signedIn.user.role
        let urls = newsroom.site.urls
        let editPath =
            article.map { AdminRoutes.editArticle.path($0.id) } ?? AdminRoutes.newArticle.path(query: [("key", key)])
        let links = article.map { article in
            let offered = ArticleWorkflow.offered(on: article, to: signedIn.user)
            return EditorContent.EditorLinks(
                preview: AdminRoutes.previewArticle.path(article.id), revisions: AdminRoutes.revisions.path(article.id),
                publicURL: article.status == .published ? urls.article(article.slug) : nil,
                trash: offered.contains(.trash) ? AdminRoutes.trashArticle.path(article.id) : nil,
                unpublish: offered.contains(.unpublish) ? AdminRoutes.unpublishArticle.path(article.id) : nil,
                restore: offered.contains(.restore) ? AdminRoutes.restoreArticle.path(article.id) : nil)
        }
        let states = ArticleWorkflow.choosableStates(for: role)
        let content = EditorContent(
            heading: localizer.text(article == nil ? "admin_new_article" : "admin_edit_article"),
            action: article.map { AdminRoutes.article.path($0.id) } ?? AdminRoutes.articles.path(),
            values: values, autosaveKey: key, slugAuto: article == nil && values.slug.isEmpty,
            sections: try await sectionOptions(selected: values.sectionID),
            chooseAuthor: role.editsOthersArticles,
            authors: role.editsOthersArticles
                ? (try await store.allAuthors()).map {
                    Option(value: String($0.id), label: $0.name, selected: $0.id == values.authorID)
                } : [],
            statuses: states.map {
                Option(
                    value: $0.rawValue, label: localizer.text("admin_status_" + $0.rawValue),
                    selected: $0 == values.status)
            },
            tagSuggestions: try await store.tagNames(),
            // The newest pictures; older ones are found in the library and pasted by address.
            media: (try await store.media(limit: 100, offset: 0)).items.filter { $0.state != .failed }.map {
                MediaOption(
                    value: $0.path, label: "\($0.originalName) (\($0.width)×\($0.height))",
                    selected: $0.path == values.coverURL, alt: $0.details.alt,
                    figure: MediaLibraryController<Store>.figureMarkup($0, details: $0.details))
            },
            previewHTML: MarkdownRenderer().render(values.body), errors: errors,
            autosave: autosave.map {
                EditorContent.AutosaveNotice(
                    restoreURL: article == nil
                        ? AdminRoutes.newArticle.path(query: [("key", $0.key), ("autosave", "1")])
                        : editPath + "?autosave=1",
                    savedAt: DateDisplay(settings: settings).full($0.savedAt))
            },
            links: links, savedText: localizer.text("admin_autosaved_at"),
            signedOutText: localizer.text("admin_autosave_signed_out"), isTrashed: article?.status == .trash,
            seoOpen: !values.seoTitle.isEmpty || !values.seoDescription.isEmpty
                || errors.byField.keys.contains { $0.hasPrefix("seo_") })
        return try await newsroom.render(
            content, template: .adminEditor, title: content.heading, signedIn: signedIn,
            current: article == nil ? "new_article" : "articles", status: status, flash: flash)
    }

    // MARK: - Saving

    func save(_ request: Request, _ context: NashraRequestContext, _ signedIn: SignedIn, id: Int64?) async throws
        -> Response
    {
        do {
            let fields = try await newsroom.form(request, context, signedIn)
            let existing: Article?
            if let id {
                guard let article = try await store.article(id: id) else { throw HTTPError(.notFound) }
                // A trashed article is restored first (the editor offers only that): 409.
                try Self.require(ArticleWorkflow.decide(.edit, on: article, by: signedIn.user))
                existing = article
            } else {
                existing = nil
            }
            let now = newsroom.clock.now
            let settings = try await newsroom.settings()
            let localizer = try await newsroom.localizer()
            let values = ArticleFormValues(fields: fields.firstValues)
            let key =
                fields["autosave_key"].flatMap(Self.validKey) ?? id.map { "article-\($0)" } ?? "new-"
                + Signer.randomID(bytes: 9)
            var errors = FormErrors()
            do {
                let draft = try values.draft(
                    id: id, user: signedIn.user, existing: existing, dates: LocalTimes(settings: settings), now: now)
                let saved = try await store.saveArticle(try draft.validated(), now: now, editor: signedIn.user)
                try await store.deleteAutosave(userID: signedIn.user.id, key: key)
                await newsroom.site.wrote()
                await auditTransition(from: existing?.status, to: saved, signedIn, request, context)
                return newsroom.redirect(AdminRoutes.editArticle.path(saved.id, query: [("saved", "1")]))
            } catch let error as ValidationError {
                errors.add(Self.formField(error.field), newsroom.message(for: error, localizer))
            }
            return try await editor(
                signedIn, article: existing, values: values, key: key, errors: errors, autosave: nil,
                status: .unprocessableContent)
        }
    }

    /// Core's field names as the form's.
    static func formField(_ field: String) -> String {
        switch field {
        case "publishedAt": "published_at"
        case "source": "source_name"
        case "source.url": "source_url"
        case "cover.url": "cover_url"
        case "cover.alt": "cover_alt"
        default: field
        }
    }

    func auditTransition(
        from before: PublishState?, to article: Article, _ signedIn: SignedIn, _ request: Request,
        _ context: NashraRequestContext
    ) async {
        let action: AuditAction? =
            switch (before, article.status) {
            case (let old, .published) where old != .published: .articlePublished
            case (let old, .scheduled) where old != .scheduled: .articleScheduled
            case (.published, let new) where new != .published && new != .trash: .articleUnpublished
            default: nil
            }
        guard let action else { return }
        await newsroom.audit(
            action, by: signedIn.user, target: "article \(article.id)", detail: article.title, request: request,
            context: context)
    }

    /// 403 or 409 unless the workflow allows it.
    static func require(_ decision: WorkflowDecision) throws {
        switch decision {
        case .allowed: return
        case .forbidden: throw HTTPError(.forbidden)
        case .conflict: throw HTTPError(.conflict)
        }
    }

    /// Takes `action` on the article of the URL; from a state the workflow does not start it from it
    /// is a 409, so a stale button (restore on a published article, say) never does something else.
    func transition(
        _ request: Request, _ context: NashraRequestContext, _ signedIn: SignedIn, _ action: ArticleAction,
        audit: AuditAction
    ) async throws -> Response {
        do {
            _ = try await newsroom.form(request, context, signedIn)
            guard let article = try await store.article(id: try Self.id(context)) else {
                throw HTTPError(.notFound)
            }
            try Self.require(ArticleWorkflow.decide(action, on: article, by: signedIn.user))
            guard let status = ArticleWorkflow.transition(action).to else { throw HTTPError(.conflict) }
            let changed = try await store.setArticleStatus(id: article.id, status: status, now: newsroom.clock.now)
            await newsroom.site.wrote()
            await newsroom.audit(
                audit, by: signedIn.user, target: "article \(article.id)", detail: article.title, request: request,
                context: context)
            return newsroom.redirect(
                status == .trash
                    ? AdminRoutes.articles.path(query: [("status", "trash")])
                    : AdminRoutes.editArticle.path(changed.id, query: [("saved", "1")]))
        }
    }
}
