import Foundation
import Hummingbird
import NashraCore

/// Each user's own account: their display name and password.
struct AccountController<Store: ContentStore & NewsroomStore>: Sendable {
    let newsroom: Newsroom<Store>

    var store: Store { newsroom.store }

    func register(on routes: NewsroomRoutes) {
        routes.get(AdminRoutes.account) { request, context, signedIn in
            try await page(
                signedIn, AccountForm(name: signedIn.user.name),
                flash: Newsroom<Store>.flash(request, "admin_password_changed"))
        }
        routes.post(AdminRoutes.account) { request, context, signedIn in
            try await save(request, context, signedIn)
        }
    }

    struct AccountForm {
        var name: String
        var email = ""
        var errors = FormErrors()
        /// Someone else's tries at this account's password, newest first.
        var failedSignIns: [String] = []
        var hasFailedSignIns = false
    }

    func page(_ signedIn: SignedIn, _ form: AccountForm, flash: String? = nil) async throws -> Response {
        var form = form
        form.email = signedIn.user.email
        let localizer = try await newsroom.localizer()
        let dates = DateDisplay(settings: try await newsroom.settings())
        let failures = try await store.failedSignIns(
            email: signedIn.user.email, since: newsroom.clock.now.addingTimeInterval(-7 * 24 * 3600), limit: 10)
        form.failedSignIns = failures.map {
            localizer.text("admin_account_failed_row").replacingOccurrences(of: "{date}", with: dates.full($0.at))
                .replacingOccurrences(of: "{address}", with: $0.address)
        }
        form.hasFailedSignIns = !failures.isEmpty
        return try await newsroom.render(
            form, template: .adminAccount, title: localizer.text("admin_account"), signedIn: signedIn,
            status: form.errors.any ? .unprocessableContent : .ok, flash: flash)
    }

    /// Changing the password needs the current one, and signs every other browser out; this one
    /// gets a fresh session.
    func save(_ request: Request, _ context: NashraRequestContext, _ signedIn: SignedIn) async throws -> Response {
        let fields = try await newsroom.form(request, context, signedIn)
        let localizer = try await newsroom.localizer()
        let name = (fields["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let current = fields["current_password"] ?? ""
        let new = fields["new_password"] ?? ""
        var form = AccountForm(name: name)
        do { try NewUser.validate(email: signedIn.user.email, name: name) } catch let error as ValidationError {
            form.errors.add(error.field, newsroom.message(for: error, localizer))
        }
        if !new.isEmpty {
            do { try Passwords.validate(new) } catch let error as ValidationError {
                form.errors.add("new_password", newsroom.message(for: error, localizer))
            }
            if await !newsroom.passwords.verified(current, hash: signedIn.user.passwordHash) {
                form.errors.add("current_password", localizer.text("admin_error_current_password"))
            }
        }
        if form.errors.any { return try await page(signedIn, form) }
        let user = signedIn.user
        if name != user.name {
            _ = try await store.updateUser(id: user.id, name: name, role: user.role, isActive: user.isActive)
        }
        guard !new.isEmpty else { return newsroom.redirect(AdminRoutes.account.path(query: [("done", "1")])) }
        let hash = await newsroom.passwords.hashed(new)
        try await store.setPasswordHash(userID: user.id, hash: hash)
        await newsroom.audit(
            .passwordChanged, by: signedIn.user, target: user.email, request: request, context: context)
        var response = newsroom.redirect(AdminRoutes.account.path(query: [("done", "1")]))
        response.setCookie(
            try await newsroom.sessions.start(
                for: user, address: newsroom.security.clientAddress(request, context), now: newsroom.clock.now))
        return response
    }
}
