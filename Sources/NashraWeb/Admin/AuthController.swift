import Foundation
import Hummingbird
import NashraCore

/// Signing in and out, and the first account's setup form.
struct AuthController<Store: ContentStore & NewsroomStore>: Sendable {
    let newsroom: Newsroom<Store>
    /// Printed in the server log at start-up while there is no user; the setup form asks for it.
    let setupToken: String
    /// Attempts being checked, so parallel guesses count before bcrypt answers.
    let gate = SignInGate(window: SignInThrottle.window)

    var store: Store { newsroom.store }
    var security: RequestSecurity { newsroom.security }

    func register(on router: Router<NashraRequestContext>) {
        router.get(AdminRoutes.login.routerPath) { request, _ in try await showLogin(request) }
        router.post(AdminRoutes.login.routerPath) { request, context in try await login(request, context) }
        router.post(AdminRoutes.logout.routerPath) { request, context in try await logout(request, context) }
        router.get(AdminRoutes.setup.routerPath) { request, _ in try await showSetup(request) }
        router.post(AdminRoutes.setup.routerPath) { request, context in try await setup(request, context) }
    }

    struct AuthForm {
        var token: String
        var email: String = ""
        var name: String = ""
        var next: String = ""
        var notice: String?
        var errors = FormErrors()
    }

    // MARK: - Sign-in

    func showLogin(_ request: Request) async throws -> Response {
        if try await newsroom.signedIn(request) != nil { return newsroom.redirect(AdminRoutes.dashboard.path()) }
        if try await store.userCount() == 0 { return newsroom.redirect(AdminRoutes.setup.path()) }
        let reader = ReaderCookies(request: request, signer: security.signer, secure: security.secureCookies)
        let next = request.query["next"] ?? ""
        return try await loginPage(reader, AuthForm(token: "", next: Self.safeNext(next)), status: .ok)
    }

    func loginPage(_ reader: ReaderCookies, _ form: AuthForm, status: HTTPResponse.Status) async throws -> Response {
        try await formPage(.adminLogin, title: "admin_login_title", reader, form, status: status)
    }

    /// A signed-out form page: its token is bound to the reader cookie, set here when new.
    func formPage(
        _ template: TemplateName, title: String, _ reader: ReaderCookies, _ form: AuthForm, status: HTTPResponse.Status
    ) async throws -> Response {
        var form = form
        form.token = security.tokens.make(readerID: reader.readerID, at: newsroom.clock.now)
        let localizer = try await newsroom.localizer()
        var response = try await newsroom.render(
            form, template: template, title: localizer.text(title), signedIn: nil, status: status)
        if reader.isNewReader {
            response.setCookie(ReaderCookies.readerCookie(reader.readerID, secure: security.secureCookies))
        }
        return response
    }

    func login(_ request: Request, _ context: NashraRequestContext) async throws -> Response {
        try newsroom.requireSameOrigin(request)
        var request = request
        let fields = FormFields(try await request.collectBody(upTo: 16 * 1024))
        let reader = ReaderCookies(request: request, signer: security.signer, secure: security.secureCookies)
        let now = newsroom.clock.now
        let localizer = try await newsroom.localizer()
        let email = NewUser.normalizedEmail(fields["email"] ?? "")
        let password = fields["password"] ?? ""
        var form = AuthForm(token: "", email: email, next: Self.safeNext(fields["next"] ?? ""))

        // No token at all is a forged request: refused outright. A stale one (the form sat open for a
        // day, or cookies were cleared) gets the form back.
        guard let token = fields["_csrf"], !token.isEmpty else { throw HTTPError(.forbidden) }
        guard case .valid = security.tokens.check(token, readerID: reader.readerID, now: now) else {
            form.notice = localizer.text("admin_form_expired")
            return try await loginPage(reader, form, status: .unprocessableContent)
        }
        let address = security.clientAddress(request, context)
        let record = try await store.signInRecord(
            email: email, address: address, since: now.addingTimeInterval(-SignInThrottle.window),
            knownSince: now.addingTimeInterval(-SignInThrottle.knownFor))
        let checks = SignInThrottle.limits(for: record, email: email, address: address)
        guard SignInThrottle.allows(record), gate.enter(checks, now: now) else {
            // Said in the audit log once per account and window, so the newsroom sees the guessing.
            if gate.firstRefusal(email, now: now) {
                await newsroom.audit(.signInThrottled, by: nil, target: email, request: request, context: context)
            }
            // The same answer whether or not the account exists; nothing is checked, so guessing is useless.
            form.notice = localizer.text("admin_login_throttled")
            var response = try await loginPage(reader, form, status: .tooManyRequests)
            response.headers[.retryAfter] = String(Int(SignInThrottle.window))
            return response
        }
        var failed = false
        defer {
            gate.leave(
                checks.map(\.key), counted: SignInThrottle.keys(email: email, address: address), failed: failed,
                now: now)
        }
        if email.isEmpty { form.errors.add("email", localizer.text("admin_error_required")) }
        if password.isEmpty {
            form.errors.add("password", localizer.text("admin_error_required"))
        }
        if form.errors.any { return try await loginPage(reader, form, status: .unprocessableContent) }

        let user = try await store.user(email: email)
        let matches = await newsroom.passwords.verified(
            password, hash: user.flatMap { $0.isActive ? $0.passwordHash : nil })
        guard matches, let user else {
            failed = true
            await newsroom.audit(.signInFailed, by: nil, target: email, request: request, context: context)
            form.notice = localizer.text("admin_login_failed")
            return try await loginPage(reader, form, status: .unprocessableContent)
        }
        // A session this browser had before is ended: each sign-in gets a fresh token.
        if let previous = request.cookies[newsroom.sessions.cookieName]?.value, !previous.isEmpty {
            try await store.deleteSession(tokenHash: AdminSessions<Store>.hash(previous))
        }
        let cookie = try await newsroom.sessions.start(for: user, address: address, now: now)
        await newsroom.audit(.signIn, by: user, target: user.email, request: request, context: context)
        var response = newsroom.redirect(form.next.isEmpty ? AdminRoutes.dashboard.path() : form.next)
        response.setCookie(cookie)
        return response
    }

    func logout(_ request: Request, _ context: NashraRequestContext) async throws -> Response {
        guard let signedIn = try await newsroom.signedIn(request) else {
            return newsroom.redirect(AdminRoutes.login.path())
        }
        _ = try await newsroom.form(request, context, signedIn)
        var response = newsroom.redirect(AdminRoutes.login.path())
        response.setCookie(try await newsroom.sessions.end(signedIn))
        await newsroom.audit(
            .signOut, by: signedIn.user, target: signedIn.user.email, request: request, context: context)
        return response
    }

    /// Only a page of the newsroom: `/admin` or a path under `/admin/`, with no dot segments (plain or
    /// percent-encoded) that could climb out of it, no scheme, host, backslash or control character.
    static func safeNext(_ next: String) -> String {
        let path = next.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard AdminRoutes.contains(path), !next.contains("\\"),
            !next.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        else { return "" }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for segment in segments {
            let decoded = (segment.removingPercentEncoding ?? String(segment))
            if decoded == "." || decoded == ".." || decoded.contains("/") || decoded.contains("\\") { return "" }
        }
        return next
    }

    // MARK: - First account

    func showSetup(_ request: Request) async throws -> Response {
        guard try await store.userCount() == 0 else { return newsroom.redirect(AdminRoutes.login.path()) }
        let reader = ReaderCookies(request: request, signer: security.signer, secure: security.secureCookies)
        return try await setupPage(reader, AuthForm(token: ""), status: .ok)
    }

    func setupPage(_ reader: ReaderCookies, _ form: AuthForm, status: HTTPResponse.Status) async throws -> Response {
        try await formPage(.adminSetup, title: "admin_setup_title", reader, form, status: status)
    }

    func setup(_ request: Request, _ context: NashraRequestContext) async throws -> Response {
        try newsroom.requireSameOrigin(request)
        guard try await store.userCount() == 0 else { throw HTTPError(.forbidden) }
        var request = request
        let fields = FormFields(try await request.collectBody(upTo: 16 * 1024))
        let reader = ReaderCookies(request: request, signer: security.signer, secure: security.secureCookies)
        let now = newsroom.clock.now
        let localizer = try await newsroom.localizer()
        guard let token = fields["_csrf"], !token.isEmpty else { throw HTTPError(.forbidden) }
        let name = (fields["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let email = NewUser.normalizedEmail(fields["email"] ?? "")
        let password = fields["password"] ?? ""
        var form = AuthForm(token: "", email: email, name: name)
        guard case .valid = security.tokens.check(token, readerID: reader.readerID, now: now) else {
            form.notice = localizer.text("admin_form_expired")
            return try await setupPage(reader, form, status: .unprocessableContent)
        }
        // The setup token proves the person can read the server's log, i.e. runs the server.
        if !Signer.constantTimeEqual((fields["token"] ?? "").trimmingCharacters(in: .whitespaces), setupToken) {
            form.errors.add("token", localizer.text("admin_setup_bad_token"))
        }
        let account = AccountCreation(email: email, name: name, role: .admin, password: password)
        for problem in account.problems { form.errors.add(problem.field, newsroom.message(for: problem, localizer)) }
        if form.errors.any { return try await setupPage(reader, form, status: .unprocessableContent) }
        let user = try await account.create(in: store, passwords: newsroom.passwords, now: now)
        let cookie = try await newsroom.sessions.start(
            for: user, address: security.clientAddress(request, context), now: now)
        await newsroom.audit(
            .userCreated, by: nil, target: user.email, detail: "admin (setup)", request: request, context: context)
        var response = newsroom.redirect(AdminRoutes.dashboard.path())
        response.setCookie(cookie)
        return response
    }
}
