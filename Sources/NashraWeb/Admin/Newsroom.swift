import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NashraCore

/// What every newsroom page shares: the store, the theme, sessions, the CSRF and Origin checks, the
/// audit log and the admin frame. The controllers in this folder hold one each.
struct Newsroom<Store: ContentStore & NewsroomStore>: Sendable {
    let site: Site<Store>
    let sessions: AdminSessions<Store>
    let security: RequestSecurity
    let passwords: Passwords
    /// Where uploads are kept; nothing in it is ever run or rendered as a page.
    let mediaDirectory: String
    /// Where every node finds uploads' bytes when several serve the site; `mediaDirectory` then
    /// holds this node's copies.
    let mediaStorage: (any MediaStorage)?
    /// Makes pictures' copies in the background (nil: none are made).
    let processor: MediaProcessor?

    var store: Store { site.store }
    var theme: Theme { site.theme }
    var clock: any NashraClock { site.clock }

    static var noStore: String { "private, no-store" }

    // MARK: - Who is asking

    func signedIn(_ request: Request) async throws -> SignedIn? {
        let now = clock.now
        let settings = try await site.cache.settings(from: store, now: now)
        return try await sessions.current(
            request, now: now, idleTimeout: TimeInterval(settings.sessionIdleMinutes * 60))
    }

    /// The fields of a state-changing form, after the Origin/Referer and CSRF checks; 403 otherwise.
    func form(_ request: Request, _ context: NashraRequestContext, _ signedIn: SignedIn, limit: Int? = nil)
        async throws -> FormFields
    {
        try requireSameOrigin(request)
        var request = request
        let fields = FormFields(try await request.collectBody(upTo: limit ?? Self.formLimit))
        try requireToken(fields["_csrf"], signedIn, request, context)
        return fields
    }

    /// 403 unless the post comes from a page of this site.
    func requireSameOrigin(_ request: Request) throws {
        guard security.isSameOrigin(request) else { throw HTTPError(.forbidden) }
    }

    /// 403 unless `token` is this session's CSRF token.
    func requireToken(_ token: String?, _ signedIn: SignedIn, _ request: Request, _ context: NashraRequestContext)
        throws
    {
        guard sessions.isValid(csrf: token, for: signedIn) else {
            context.logger.notice("admin form refused: CSRF token", metadata: ["path": "\(request.uri.path)"])
            throw HTTPError(.forbidden)
        }
    }

    /// Article bodies are the largest forms: 2 MB of Markdown plus the other fields, URL-encoded.
    static var formLimit: Int { 8 * 1024 * 1024 }

    // MARK: - Answers

    /// A list's page from a query or form value; the newsroom shows page 1 for nonsense.
    static func page(_ raw: String?) -> PageNumber {
        PageNumber(raw) ?? .first
    }

    /// The flash `key` when the request came back from a successful post (`?done=1`).
    static func flash(_ request: Request, _ key: String) -> String? {
        request.query["done"] != nil ? key : nil
    }

    func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: Self.noStore])
    }

    /// Renders a newsroom page inside the admin frame.
    func render<Content>(
        _ content: Content, template: TemplateName, title: String, signedIn: SignedIn?, current: String = "",
        status: HTTPResponse.Status = .ok, flash: String? = nil
    ) async throws -> Response {
        let frame = try await frame(title: title, signedIn: signedIn, current: current, flash: flash)
        let html = theme.render(
            AdminPageModel(t: frame.localizer.strings, layout: frame.layout, content: content), template: template,
            language: frame.localizer.language)
        return Response(
            status: status,
            headers: [.contentType: Site<Store>.htmlType, .cacheControl: Self.noStore],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    func localizer() async throws -> Localizer {
        let settings = try await site.cache.settings(from: store, now: clock.now)
        return theme.localizer(for: settings.language.rawValue)
    }

    func settings() async throws -> SiteSettings {
        try await site.cache.settings(from: store, now: clock.now)
    }

    private func frame(title: String, signedIn: SignedIn?, current: String, flash: String?) async throws
        -> (layout: AdminLayout, localizer: Localizer)
    {
        let settings = try await settings()
        let localizer = theme.localizer(for: settings.language.rawValue)
        var nav: [AdminLayout.NavItem] = []
        if let role = signedIn?.user.role {
            nav = AdminNavigation.items.filter { $0.shown(role) }.map {
                AdminLayout.NavItem(
                    label: localizer.text("admin_nav_" + $0.key), url: $0.url, current: $0.key == current)
            }
        }
        let layout = AdminLayout(
            lang: settings.language.rawValue, dir: settings.language.isRightToLeft ? "rtl" : "ltr",
            pageTitle: "\(title) | \(localizer.text("admin_title")) | \(settings.name)", siteName: settings.name,
            stylesheet: theme.assetURL("admin.css"), script: theme.assetURL("admin.js"),
            favicon: theme.assetURL("favicon.svg"), nav: nav, userName: signedIn?.user.name,
            roleName: signedIn.map { localizer.text("admin_role_" + $0.user.role.rawValue) },
            csrf: signedIn?.csrf ?? "",
            flash: flash.map(localizer.text))
        return (layout, localizer)
    }

    // MARK: - The audit log

    func audit(
        _ action: AuditAction, by actor: User?, target: String, detail: String = "", request: Request,
        context: NashraRequestContext
    ) async {
        let entry = AuditEntry(
            at: clock.now, action: action, userID: actor?.id, actorName: actor?.name ?? "",
            target: target, detail: detail, address: security.clientAddress(request, context))
        do {
            try await store.record(entry)
        } catch {
            // The action itself succeeded; losing its log line must not turn it into an error page.
            context.logger.error("audit log write failed", metadata: ["error": "\(error)", "action": "\(action)"])
        }
    }

    /// A `ValidationError` as a sentence for the form: a field's own message for "invalid" when the
    /// locale has one (`admin_error_invalid_FIELD`), else the general one.
    func message(for error: ValidationError, _ localizer: Localizer) -> String {
        /// The field's own wording of a problem (`admin_error_KIND_FIELD`), or the general one.
        func specific(_ kind: String) -> String {
            let key = "admin_error_\(kind)_" + error.field.replacingOccurrences(of: ".", with: "_")
            return localizer.strings[key] ?? localizer.text("admin_error_invalid")
        }
        switch error.problem {
        case .required: return localizer.text("admin_error_required")
        case .tooLong(let max):
            return localizer.text("admin_error_too_long").replacingOccurrences(of: "{max}", with: String(max))
        case .invalid: return specific("invalid")
        case .notFound: return localizer.text("admin_error_not_found")
        case .duplicate: return localizer.text("admin_error_duplicate")
        case .reserved: return localizer.text("admin_error_reserved")
        case .invalidLine(let line):
            return specific("invalid_line").replacingOccurrences(of: "{line}", with: String(line))
        }
    }
}

/// The newsroom's menu: each entry's locale key (`admin_nav_KEY`), address and who sees it.
enum AdminNavigation {
    static let items: [(key: String, url: String, shown: @Sendable (Role) -> Bool)] = [
        ("dashboard", AdminRoutes.dashboard.path(), { _ in true }),
        ("articles", AdminRoutes.articles.path(), { _ in true }),
        ("new_article", AdminRoutes.newArticle.path(), { _ in true }),
        ("comments", AdminRoutes.comments.path(), { $0.canModerate }),
        ("media", AdminRoutes.media.path(), { $0.canUpload }),
        ("sections", AdminRoutes.sections.path(), { $0.managesTaxonomy }),
        ("tags", AdminRoutes.tags.path(), { $0.managesTaxonomy }),
        ("authors", AdminRoutes.authors.path(), { $0.managesTaxonomy }),
        ("pages", AdminRoutes.pages.path(), { $0.managesTaxonomy }),
        ("redirects", AdminRoutes.redirects.path(), { $0.managesTaxonomy }),
        ("users", AdminRoutes.users.path(), { $0.isAdmin }),
        ("settings", AdminRoutes.settings.path(), { $0.isAdmin }),
        ("audit", AdminRoutes.audit.path(), { $0.isAdmin }),
        ("import", AdminRoutes.importWordPress.path(), { $0.isAdmin }),
    ]
}

/// The admin frame's data; templates `admin-top` and `admin-bottom`.
struct AdminLayout {
    struct NavItem {
        let label: String
        let url: String
        let current: Bool
    }

    let lang: String
    let dir: String
    let pageTitle: String
    let siteName: String
    let stylesheet: String
    let script: String
    let favicon: String
    let nav: [NavItem]
    let userName: String?
    let roleName: String?
    let csrf: String
    let flash: String?
}

/// What an admin template receives: strings, the frame, the newsroom's addresses and the page's
/// own content.
struct AdminPageModel<Content> {
    let t: [String: String]
    let layout: AdminLayout
    let links = AdminLinks()
    let content: Content
}

/// A form's errors, shaped for templates (which see stored properties only): a summary list and a
/// lookup by field (`{{#errors.byField.title}}`).
struct FormErrors: Sendable {
    private(set) var list: [FieldError] = []
    private(set) var byField: [String: FieldError] = [:]
    private(set) var any = false

    mutating func add(_ field: String, _ message: String) {
        let error = FieldError(field: field, message: message)
        list.append(error)
        // Field names with dots cannot be template keys; `cover.url` is looked up as `cover_url`.
        let key = field.replacingOccurrences(of: ".", with: "_")
        if byField[key] == nil { byField[key] = error }
        any = true
    }
}
