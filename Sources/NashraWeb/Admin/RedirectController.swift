import Foundation
import Hummingbird
import NashraCore

/// The redirects table (editors and admins): old addresses, imported or added by hand, and where
/// they lead now.
struct RedirectController<Store: ContentStore & NewsroomStore>: Sendable {
    let newsroom: Newsroom<Store>

    var store: Store { newsroom.store }
    static var pageSize: Int { 100 }

    func register(on routes: NewsroomRoutes) {
        routes.get(AdminRoutes.redirects, allowed: \.managesTaxonomy) { request, _, signedIn in
            try await page(
                Newsroom<Store>.page(request.query["page"]), signedIn,
                flash: Newsroom<Store>.flash(request, "admin_saved"))
        }
        routes.post(AdminRoutes.redirects, allowed: \.managesTaxonomy) { request, context, signedIn in
            try await save(request, context, signedIn)
        }
    }

    struct Content {
        struct Row {
            let from: String
            let to: String
            let gone: Bool
            let origin: String
            let index: Int
        }

        struct New {
            let from: String
            let to: String
            let errors: FormErrors
        }

        let rows: [Row]
        let total: String
        let new: New
        let page: Int
        let pagination: Pagination?
    }

    func page(
        _ page: PageNumber, _ signedIn: SignedIn, flash: String?,
        failed: (fields: FormFields, errors: FormErrors)? = nil
    ) async throws -> Response {
        let localizer = try await newsroom.localizer()
        let listed = try await store.redirects(limit: Self.pageSize, offset: page.offset(pageSize: Self.pageSize))
        try page.requireExists(itemsOnPage: listed.items.count)
        let rows = listed.items.enumerated().map { index, redirect in
            Content.Row(
                from: redirect.from, to: newsroom.site.urls.location(of: redirect.target),
                gone: redirect.target == .path(""),
                origin: localizer.text(
                    redirect.origin == "wordpress" ? "admin_redirect_wordpress" : "admin_redirect_newsroom"),
                index: index)
        }
        let content = Content(
            rows: rows, total: localizer.plural("admin_redirect_count", listed.total),
            new: Content.New(
                from: failed?.fields["from"] ?? "", to: failed?.fields["to"] ?? "",
                errors: failed?.errors ?? FormErrors()),
            page: page.value,
            pagination: Pagination(
                current: page, total: listed.total, pageSize: Self.pageSize, localizer: localizer,
                url: { AdminRoutes.redirects.path(query: [("page", String($0))]) }))
        return try await newsroom.render(
            content, template: .adminRedirects, title: localizer.text("admin_nav_redirects"), signedIn: signedIn,
            current: "redirects", status: failed == nil ? .ok : .unprocessableContent, flash: flash)
    }

    func save(_ request: Request, _ context: NashraRequestContext, _ signedIn: SignedIn) async throws -> Response {
        let fields = try await newsroom.form(request, context, signedIn)
        let page = Newsroom<Store>.page(fields["page"])
        if let key = fields["delete"], !key.isEmpty {
            try await store.deleteRedirect(from: key)
            return newsroom.redirect(AdminRoutes.redirects.path(query: [("page", String(page.value)), ("done", "1")]))
        }
        let localizer = try await newsroom.localizer()
        var errors = FormErrors()
        let from = (fields["from"] ?? "").trimmingCharacters(in: .whitespaces)
        let to = (fields["to"] ?? "").trimmingCharacters(in: .whitespaces)
        let key = OldURL.key(from)
        if from.isEmpty {
            errors.add("from", localizer.text("admin_error_required"))
        } else if key == nil || key == "/" {
            errors.add("from", localizer.text("admin_redirect_bad_from"))
        }
        if to.isEmpty {
            errors.add("to", localizer.text("admin_error_required"))
        } else if !Self.isTarget(to) {
            errors.add("to", localizer.text("admin_redirect_bad_to"))
        } else if let key, OldURL.key(to) == key,
            !to.contains("://") || OldURL.host(of: to) == OldURL.host(of: newsroom.site.urls.base)
        {
            errors.add("to", localizer.text("admin_redirect_loop"))
        }
        guard !errors.any, let key else {
            return try await self.page(page, signedIn, flash: nil, failed: (fields, errors))
        }
        try await store.saveRedirect(Redirect(from: key, target: .path(to), origin: "newsroom"))
        return newsroom.redirect(AdminRoutes.redirects.path(query: [("done", "1")]))
    }

    /// A path of this site (`/news/…`, not `//host`), or an absolute http(s) URL.
    static func isTarget(_ text: String) -> Bool {
        guard text.count <= 2000, !text.contains(where: { $0.isWhitespace || $0.isNewline }) else { return false }
        if text.hasPrefix("/") { return !text.hasPrefix("//") && !text.hasPrefix("/\\") }
        return URLPolicy.isWebLink(text)
    }
}
