import Foundation
import Hummingbird
import NashraCore

/// The newsroom's static pages (editors and admins): "About us", "Contact", the privacy policy,
/// served at `/SLUG` and linked from the footer when asked. Imported pages are edited here too.
struct PageAdminController<Store: ContentStore & NewsroomStore>: Sendable {
    let newsroom: Newsroom<Store>

    var store: Store { newsroom.store }

    func register(on routes: NewsroomRoutes) {
        routes.get(AdminRoutes.pages, allowed: \.managesTaxonomy) { request, _, signedIn in
            try await list(signedIn, flash: Newsroom<Store>.flash(request, "admin_saved"))
        }
        routes.get(AdminRoutes.newPage, allowed: \.managesTaxonomy) { _, _, signedIn in
            try await editor(signedIn, page: nil, values: PageFormValues(), errors: FormErrors(), status: .ok)
        }
        routes.post(AdminRoutes.pages, allowed: \.managesTaxonomy) { request, context, signedIn in
            try await save(request, context, signedIn, existing: nil)
        }
        routes.get(AdminRoutes.editPage, allowed: \.managesTaxonomy) { request, context, signedIn in
            let page = try await existing(context)
            return try await editor(
                signedIn, page: page, values: PageFormValues(page: page), errors: FormErrors(), status: .ok,
                flash: Newsroom<Store>.flash(request, "admin_saved"))
        }
        routes.post(AdminRoutes.page, allowed: \.managesTaxonomy) { request, context, signedIn in
            try await save(request, context, signedIn, existing: try await existing(context))
        }
    }

    func existing(_ context: NashraRequestContext) async throws -> StaticPage {
        guard let id = context.parameters.get("id", as: Int64.self), let page = try await store.page(id: id) else {
            throw HTTPError(.notFound)
        }
        return page
    }

    struct ListContent {
        struct Row {
            let title: String
            let editURL: String
            let publicURL: String?
            let address: String
            let state: String
            let inFooter: Bool
            let position: Int
        }

        let rows: [Row]
        let hasRows: Bool
        let newURL: String
    }

    func list(_ signedIn: SignedIn, flash: String?) async throws -> Response {
        let localizer = try await newsroom.localizer()
        let urls = newsroom.site.urls
        let rows = try await store.allPages().sorted { ($0.position, $0.title, $0.id) < ($1.position, $1.title, $1.id) }
            .map { page in
                ListContent.Row(
                    title: page.title, editURL: AdminRoutes.editPage.path(page.id),
                    publicURL: page.state == .published ? urls.page(page.slug) : nil, address: "/" + page.slug,
                    state: localizer.text("admin_page_state_" + page.state.rawValue), inFooter: page.inFooter,
                    position: page.position)
            }
        return try await newsroom.render(
            ListContent(rows: rows, hasRows: !rows.isEmpty, newURL: AdminRoutes.newPage.path()), template: .adminPages,
            title: localizer.text("admin_nav_pages"), signedIn: signedIn, current: "pages", flash: flash)
    }

    struct EditorContent {
        let heading: String
        let action: String
        let values: PageFormValues
        let states: [Option]
        let publicURL: String?
        let previewHTML: SafeHTML
        let errors: FormErrors
        let titleMax = PageDraft.maxTitle
    }

    func editor(
        _ signedIn: SignedIn, page: StaticPage?, values: PageFormValues, errors: FormErrors,
        status: HTTPResponse.Status, flash: String? = nil
    ) async throws -> Response {
        let localizer = try await newsroom.localizer()
        let content = EditorContent(
            heading: localizer.text(page == nil ? "admin_page_new" : "admin_page_edit"),
            action: page.map { AdminRoutes.page.path($0.id) } ?? AdminRoutes.pages.path(), values: values,
            states: StaticPage.State.allCases.map {
                Option(
                    value: $0.rawValue, label: localizer.text("admin_page_state_" + $0.rawValue),
                    selected: $0.rawValue == values.state)
            },
            publicURL: page.flatMap { $0.state == .published ? newsroom.site.urls.page($0.slug) : nil },
            previewHTML: MarkdownRenderer().render(values.body), errors: errors)
        return try await newsroom.render(
            content, template: .adminPageEditor, title: content.heading, signedIn: signedIn, current: "pages",
            status: status, flash: flash)
    }

    func save(_ request: Request, _ context: NashraRequestContext, _ signedIn: SignedIn, existing: StaticPage?)
        async throws -> Response
    {
        let fields = try await newsroom.form(request, context, signedIn)
        let values = PageFormValues(fields: fields.firstValues)
        let localizer = try await newsroom.localizer()
        do {
            let saved = try await store.savePage(
                try values.draft(id: existing?.id).validated(), now: newsroom.clock.now)
            await newsroom.site.wrote()
            await newsroom.audit(
                .pageSaved, by: signedIn.user, target: "page \(saved.id)", detail: "/" + saved.slug, request: request,
                context: context)
            return newsroom.redirect(AdminRoutes.editPage.path(saved.id, query: [("done", "1")]))
        } catch let error as ValidationError {
            var errors = FormErrors()
            errors.add(error.field, newsroom.message(for: error, localizer))
            return try await editor(
                signedIn, page: existing, values: values, errors: errors, status: .unprocessableContent)
        }
    }
}

/// The page editor's fields as typed, so a refused save shows exactly what was sent.
struct PageFormValues: Sendable {
    var title = ""
    var slug = ""
    var body = ""
    var state = StaticPage.State.draft.rawValue
    var inFooter = false
    var position = "0"

    init() {}

    init(fields: [String: String]) {
        title = fields["title"] ?? ""
        slug = fields["slug"] ?? ""
        body = fields["body"] ?? ""
        state = fields["state"] ?? ""
        inFooter = fields["in_footer"] != nil
        position = fields["position"] ?? ""
    }

    init(page: StaticPage) {
        title = page.title
        slug = page.slug
        body = page.bodyMarkdown ?? HTMLToMarkdown.convert(page.body)
        state = page.state.rawValue
        inFooter = page.inFooter
        position = String(page.position)
    }

    /// - Throws: ``ValidationError`` for a state or position that is not one.
    func draft(id: Int64?) throws -> PageDraft {
        guard let state = StaticPage.State(rawValue: state) else {
            throw ValidationError(field: "state", problem: .invalid)
        }
        let trimmed = position.trimmingCharacters(in: .whitespaces)
        guard let position = trimmed.isEmpty ? 0 : Int(trimmed) else {
            throw ValidationError(field: "position", problem: .invalid)
        }
        return PageDraft(
            id: id, slug: slug.trimmingCharacters(in: .whitespaces).isEmpty ? nil : slug, title: title,
            bodyMarkdown: body, state: state, inFooter: inFooter, position: position)
    }
}
