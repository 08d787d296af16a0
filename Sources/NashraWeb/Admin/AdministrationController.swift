import Foundation
import Hummingbird
import NashraCore

/// What only administrators do: users and roles, site settings, the audit log.
struct AdministrationController<Store: ContentStore & NewsroomStore>: Sendable {
    let newsroom: Newsroom<Store>

    var store: Store { newsroom.store }

    func register(on routes: NewsroomRoutes) {
        routes.get(AdminRoutes.users, allowed: \.isAdmin) { request, context, signedIn in
            try await usersPage(signedIn, flash: Newsroom<Store>.flash(request, "admin_saved"))
        }
        routes.post(AdminRoutes.users, allowed: \.isAdmin) { request, context, signedIn in
            try await saveUser(request, context, signedIn)
        }
        routes.get(AdminRoutes.settings, allowed: \.isAdmin) { request, context, signedIn in
            try await settingsPage(signedIn, flash: Newsroom<Store>.flash(request, "admin_saved"))
        }
        routes.post(AdminRoutes.settings, allowed: \.isAdmin) { request, context, signedIn in
            try await saveSettings(request, context, signedIn)
        }
        routes.get(AdminRoutes.audit, allowed: \.isAdmin) { request, context, signedIn in
            try await auditPage(request, signedIn)
        }
    }

    // MARK: - Users

    struct UsersContent {
        struct Row {
            let id: Int64
            let name: String
            let email: String
            let roles: [Option]
            let isActive: Bool
            let isSelf: Bool
            let errors: FormErrors
        }

        let rows: [Row]
        let newRoles: [Option]
        let new: NewUserForm
    }

    struct NewUserForm {
        var name = ""
        var email = ""
        var role = Role.author
        var errors = FormErrors()
    }

    func roleOptions(_ selected: Role?, _ localizer: Localizer) -> [Option] {
        Role.allCases.map {
            Option(value: $0.rawValue, label: localizer.text("admin_role_" + $0.rawValue), selected: $0 == selected)
        }
    }

    func usersPage(
        _ signedIn: SignedIn, flash: String?, newForm: NewUserForm = NewUserForm(),
        failed: (id: Int64, errors: FormErrors)? = nil
    ) async throws -> Response {
        let localizer = try await newsroom.localizer()
        let rows = try await store.users().map { user in
            UsersContent.Row(
                id: user.id, name: user.name, email: user.email, roles: roleOptions(user.role, localizer),
                isActive: user.isActive, isSelf: user.id == signedIn.user.id,
                errors: failed.flatMap { $0.id == user.id ? $0.errors : nil } ?? FormErrors())
        }
        let content = UsersContent(rows: rows, newRoles: roleOptions(newForm.role, localizer), new: newForm)
        let refused = newForm.errors.any || failed != nil
        return try await newsroom.render(
            content, template: .adminUsers, title: localizer.text("admin_nav_users"), signedIn: signedIn,
            current: "users", status: refused ? .unprocessableContent : .ok, flash: flash)
    }

    func saveUser(_ request: Request, _ context: NashraRequestContext, _ signedIn: SignedIn) async throws -> Response {
        let fields = try await newsroom.form(request, context, signedIn)
        let localizer = try await newsroom.localizer()
        guard let role = fields["role"].flatMap(Role.init(rawValue:)) else { throw HTTPError(.badRequest) }
        if let id = fields["id"].flatMap({ Int64($0) }) {
            guard let user = try await store.user(id: id) else { throw HTTPError(.notFound) }
            let active = fields["active"] != nil
            // Nobody locks themselves out: an admin cannot demote or deactivate their own account.
            if user.id == signedIn.user.id, role != .admin || !active {
                var errors = FormErrors()
                errors.add("role", localizer.text("admin_error_own_role"))
                return try await usersPage(signedIn, flash: nil, failed: (id, errors))
            }
            let updated = try await store.updateUser(id: id, name: user.name, role: role, isActive: active)
            if user.role != role {
                await newsroom.audit(
                    .roleChanged, by: signedIn.user, target: user.email,
                    detail: "\(user.role.rawValue) → \(role.rawValue)",
                    request: request, context: context)
            }
            if user.isActive != updated.isActive {
                await newsroom.audit(
                    active ? .userActivated : .userDeactivated, by: signedIn.user, target: user.email, request: request,
                    context: context)
            }
            return newsroom.redirect(AdminRoutes.users.path(query: [("done", "1")]))
        }
        var form = NewUserForm(
            name: (fields["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
            email: NewUser.normalizedEmail(fields["email"] ?? ""), role: role)
        let account = AccountCreation(
            email: form.email, name: form.name, role: role, password: fields["password"] ?? "")
        for problem in account.problems { form.errors.add(problem.field, newsroom.message(for: problem, localizer)) }
        if !form.errors.any {
            do {
                let user = try await account.create(in: store, passwords: newsroom.passwords, now: newsroom.clock.now)
                await newsroom.site.wrote()
                await newsroom.audit(
                    .userCreated, by: signedIn.user, target: user.email, detail: role.rawValue, request: request,
                    context: context)
                return newsroom.redirect(AdminRoutes.users.path(query: [("done", "1")]))
            } catch let error as ValidationError {
                form.errors.add(error.field, newsroom.message(for: error, localizer))
            }
        }
        return try await usersPage(signedIn, flash: nil, newForm: form)
    }

    // MARK: - Settings

    struct SettingsContent {
        let name: String
        let tagline: String
        let languages: [Option]
        let calendars: [Option]
        let timeZone: String
        let policies: [Option]
        let pageSize: String
        let commentCloseAfterDays: String
        let disallowedWords: String
        let searchSynonyms: String
        let sessionIdleMinutes: String
        let caching: [NumberField]
        let errors: FormErrors
    }

    /// A whole-number setting with its label, hint, bounds and error.
    struct NumberField {
        let key: String
        let label: String
        let hint: String
        let value: String
        let min: Int
        let max: Int
        let error: FieldError?
    }

    /// The settings this page edits; the rest stay with `nashra settings set`.
    static var editable: [String] {
        [
            "name", "tagline", "language", "calendar", "timeZone", "commentPolicy", "pageSize", "commentCloseAfterDays",
            "disallowedWords", "searchSynonyms", "sessionIdleMinutes",
        ] + SiteSettings.cachingKeys
    }

    func settingsPage(
        _ signedIn: SignedIn, flash: String?, typed: [String: String]? = nil, errors: FormErrors = FormErrors()
    ) async throws -> Response {
        let localizer = try await newsroom.localizer()
        let settings = try await newsroom.settings()
        func value(_ key: String) -> String { typed?[key] ?? settings.value(for: key) ?? "" }
        func options(_ key: String, _ values: [String]) -> [Option] {
            values.map {
                Option(value: $0, label: localizer.text("admin_setting_\(key)_\($0)"), selected: $0 == value(key))
            }
        }
        let content = SettingsContent(
            name: value("name"), tagline: value("tagline"),
            languages: options("language", SiteSettings.Language.allCases.map(\.rawValue)),
            calendars: options("calendar", SiteSettings.CalendarKind.allCases.map(\.rawValue)),
            timeZone: value("timeZone"),
            policies: options("commentPolicy", SiteSettings.CommentPolicy.allCases.map(\.rawValue)),
            pageSize: value("pageSize"), commentCloseAfterDays: value("commentCloseAfterDays"),
            disallowedWords: value("disallowedWords"), searchSynonyms: value("searchSynonyms"),
            sessionIdleMinutes: value("sessionIdleMinutes"),
            caching: SiteSettings.cachingKeys.map { key in
                let range = SiteSettings.range(ofNumber: key) ?? 0...0
                return NumberField(
                    key: key, label: localizer.text("admin_setting_\(key)"),
                    hint: localizer.text("admin_setting_\(key)_hint"),
                    value: value(key), min: range.lowerBound, max: range.upperBound, error: errors.byField[key])
            }, errors: errors)
        return try await newsroom.render(
            content, template: .adminSettings, title: localizer.text("admin_nav_settings"), signedIn: signedIn,
            current: "settings", status: errors.any ? .unprocessableContent : .ok, flash: flash)
    }

    func saveSettings(_ request: Request, _ context: NashraRequestContext, _ signedIn: SignedIn) async throws
        -> Response
    {
        let fields = try await newsroom.form(request, context, signedIn)
        let localizer = try await newsroom.localizer()
        var settings = try await store.settings()
        var errors = FormErrors()
        var typed: [String: String] = [:]
        for key in Self.editable {
            let value = fields[key] ?? ""
            typed[key] = value
            do { try settings.set(key, to: value) } catch let error as ValidationError {
                errors.add(key, newsroom.message(for: error, localizer))
            }
        }
        // Nothing is saved unless everything is valid, so a typo never half-applies.
        guard !errors.any else { return try await settingsPage(signedIn, flash: nil, typed: typed, errors: errors) }
        try await store.saveSettings(settings)
        await newsroom.site.wrote()
        await newsroom.audit(
            .settingsChanged, by: signedIn.user, target: "settings", request: request, context: context)
        return newsroom.redirect(AdminRoutes.settings.path(query: [("done", "1")]))
    }

    // MARK: - Audit log

    struct AuditContent {
        struct Row {
            let date: String
            let action: String
            let actor: String
            let target: String
            let detail: String
            let address: String
        }

        let rows: [Row]
        let pagination: Pagination?
    }

    func auditPage(_ request: Request, _ signedIn: SignedIn) async throws -> Response {
        let localizer = try await newsroom.localizer()
        let dates = DateDisplay(settings: try await newsroom.settings())
        let page = Newsroom<Store>.page(request.query["page"])
        let log = try await store.auditLog(limit: 50, offset: page.offset(pageSize: 50))
        try page.requireExists(itemsOnPage: log.items.count)
        let content = AuditContent(
            rows: log.items.map {
                AuditContent.Row(
                    date: dates.full($0.at), action: localizer.text("admin_audit_" + $0.action.rawValue),
                    actor: $0.actorName, target: $0.target, detail: $0.detail, address: $0.address)
            },
            pagination: Pagination(
                current: page, total: log.total, pageSize: 50, localizer: localizer,
                url: { AdminRoutes.audit.path(query: [("page", String($0))]) })
        )
        return try await newsroom.render(
            content, template: .adminAudit, title: localizer.text("admin_nav_audit"), signedIn: signedIn,
            current: "audit")
    }
}
