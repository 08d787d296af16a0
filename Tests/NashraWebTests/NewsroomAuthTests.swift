import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NashraCore
import NashraSQLite
import NashraTestSupport
import Testing

/// Signing in, sessions, throttling, CSRF and the first account's setup.
@Suite("Newsroom sign-in and forgery defences")
struct NewsroomAuthTests {
    @Test func signedOutVisitorsAreSentToSignInAndTheSessionCookieIsStrict() async throws {
        let harness = try WebHarness()
        try await harness.user("editor@example.org", role: .editor)
        try await harness.withClient { client async throws in
            let anonymous = try await client.get("/admin/articles?status=draft")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/admin/login?next=%2Fadmin%2Farticles%3Fstatus%3Ddraft")

            let editor = NewsroomSession(client)
            let signedIn = try await editor.signIn("Editor@Example.org")
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/admin")
            let cookie = try #require(
                signedIn.headers[values: .setCookie].first { $0.hasPrefix("__Host-nashra_session=") })
            let attributes = Set(
                cookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
            #expect(attributes.isSuperset(of: ["httponly", "samesite=lax", "secure", "path=/"]))
            let (dashboard, page) = try await editor.browser.page("/admin")
            #expect(dashboard.status == .ok)
            #expect(dashboard.headers[.cacheControl] == "private, no-store")
            #expect(page.first("//h1")?.text == "أهلًا editor@example.org")
            #expect(page.first("//nav[@class='admin-nav']//a[@href='/admin/users']") == nil, "users are for admins")
        }
    }

    @Test func sessionsSurviveARestartAndEndWhenIdleOrSignedOut() async throws {
        let harness = try WebHarness()
        try await harness.user("a@example.org", role: .admin)
        let cookies = try await harness.withClient { client async throws in
            let admin = NewsroomSession(client)
            try await admin.signIn("a@example.org")
            return admin.browser.cookies
        }
        // A new app on the same database: the session is still there.
        try await harness.withClient { client async throws in
            let admin = NewsroomSession(client)
            admin.browser.cookies = cookies
            #expect(try await admin.browser.get("/admin").status == .ok)
            // Idle past the timeout (120 minutes by default): signed out.
            harness.clock.advance(by: 121 * 60)
            #expect(try await admin.browser.get("/admin").status == .seeOther)
        }
        try await harness.withClient { client async throws in
            let admin = NewsroomSession(client)
            try await admin.signIn("a@example.org")
            let out = try await admin.post("/admin/logout", [])
            #expect(out.status == .seeOther)
            #expect(admin.browser.cookies["__Host-nashra_session"] == nil)
            #expect(try await admin.browser.get("/admin").status == .seeOther)
            let actions = try await harness.store.auditLog(limit: 10, offset: 0).items.map(\.action)
            #expect(actions.contains(.signIn) && actions.contains(.signOut))
        }
    }

    @Test func fiveFailuresThrottleTheAccountWithoutTellingWhetherItExists() async throws {
        let harness = try WebHarness()
        try await harness.user("victim@example.org", role: .author)
        try await harness.withClient { client async throws in
            let attacker = NewsroomSession(client)
            for _ in 1...5 {
                let wrong = try await attacker.signIn("victim@example.org", password: "guess-guess-guess")
                #expect(wrong.status == .unprocessableContent)
                let page = HTMLDocument(String(buffer: wrong.body))
                #expect(
                    page.first("//div[@class='error-summary']/p")?.text == "البريد الإلكتروني أو كلمة المرور غير صحيحة."
                )
                #expect(page.first("//input[@id='email']")?["value"] == "victim@example.org", "the email is kept")
            }
            let throttled = try await attacker.signIn("victim@example.org")
            #expect(throttled.status == .tooManyRequests, "even the right password waits")
            #expect(throttled.headers[.retryAfter] == "900")
            let message = HTMLDocument(String(buffer: throttled.body)).first("//div[@class='error-summary']/p")?.text
            #expect(message == "محاولات كثيرة غير ناجحة. انتظر ربع ساعة ثم حاول مجددًا.")

            // An account that does not exist is throttled after the same five tries, with the same words.
            for _ in 1...5 {
                #expect(try await attacker.signIn("nobody@example.org").status == .unprocessableContent)
            }
            let unknown = try await attacker.signIn("nobody@example.org")
            #expect(unknown.status == .tooManyRequests)
            #expect(
                HTMLDocument(String(buffer: unknown.body)).first("//div[@class='error-summary']/p")?.text == message)
            let failures = try await harness.store.auditLog(limit: 30, offset: 0).items.filter {
                $0.action == .signInFailed
            }
            #expect(failures.count == 10)
        }
    }

    @Test func aGuesserElsewhereDoesNotLockTheOwnerOut() async throws {
        let harness = try WebHarness()
        try await harness.user("editor@example.org", role: .editor)
        try await harness.withClient(trustProxy: true) { client async throws in
            // The owner has signed in from the newsroom's address before.
            let owner = NewsroomSession(client)
            owner.browser.forwardedFor = "192.0.2.10"
            #expect(try await owner.signIn("editor@example.org").status == .seeOther)

            let attacker = NewsroomSession(client)
            attacker.browser.forwardedFor = "203.0.113.9"
            for _ in 1...5 {
                let wrong = try await attacker.signIn("editor@example.org", password: "guess-guess-guess")
                #expect(wrong.status == .unprocessableContent)
            }
            #expect(try await attacker.signIn("editor@example.org").status == .tooManyRequests)

            // A new address gets nothing while the account is under attack...
            let stranger = NewsroomSession(client)
            stranger.browser.forwardedFor = "198.51.100.7"
            #expect(try await stranger.signIn("editor@example.org").status == .tooManyRequests)
            // ...but the owner, from an address they have used, signs in during breaking news.
            let again = NewsroomSession(client)
            again.browser.forwardedFor = "192.0.2.10"
            #expect(try await again.signIn("editor@example.org").status == .seeOther)

            // The newsroom is told: the audit log and the owner's own page.
            let log = try await harness.store.auditLog(limit: 30, offset: 0).items
            #expect(log.contains { $0.action == .signInThrottled && $0.target == "editor@example.org" })
            let (_, account) = try await again.browser.page("/admin/account")
            let rows = account.all("//section[@id='failed-sign-ins']//li").map(\.text)
            #expect(rows.count == 5)
            #expect(rows.allSatisfy { $0.hasSuffix("203.0.113.9") })
        }
    }

    @Test func everyStateChangingFormNeedsItsTokenAndOurOrigin() async throws {
        let harness = try WebHarness()
        try await harness.user("a@example.org", role: .admin)
        let section = try await harness.given.section("دولي")
        try await harness.withClient { client async throws in
            let admin = NewsroomSession(client)
            try await admin.signIn("a@example.org")
            let fields = NewsroomSession.article(title: "خبر مزور", section: section.id)
            // No token.
            let bare = try await admin.browser.post("/admin/articles", fields)
            #expect(bare.status == .forbidden)
            #expect(HTMLDocument(String(buffer: bare.body)).first("//h1")?.text.isEmpty == false, "a 403 page")
            // Another session's token.
            let forged = try await admin.browser.post("/admin/articles", [("_csrf", "AAAA")] + fields)
            #expect(forged.status == .forbidden)
            // The right token from another site's page.
            let crossSite = try await admin.post("/admin/articles", fields, origin: "https://evil.example")
            #expect(crossSite.status == .forbidden)
            for path in ["/admin/settings", "/admin/comments", "/admin/logout", "/admin/preview", "/admin/autosave"] {
                #expect(try await admin.browser.post(path, [("x", "1")]).status == .forbidden, "\(path)")
            }
            #expect(try await harness.store.adminArticles(AdminArticleQuery()).total == 0, "nothing was stored")

            // The sign-in form and the comment form refuse a post without their token too.
            let login = try await ReaderSession(client).post(
                "/admin/login", [("email", "a@example.org"), ("password", "correct-horse-battery")])
            #expect(login.status == .forbidden)
            let saved = try await admin.post("/admin/articles", fields)
            #expect(saved.status == .seeOther)
            let article = try #require(try await harness.store.adminArticles(AdminArticleQuery()).items.first)
            let comment = try await ReaderSession(client).post(
                "/news/" + encoded(article.slug) + "/comments",
                [("author", "س"), ("email", "s@example.com"), ("comment", "تعليق")])
            #expect(comment.status == .forbidden)
        }
    }

    @Test func theFirstAccountNeedsTheSetupTokenFromTheLog() async throws {
        let harness = try WebHarness()
        try await harness.withClient { client async throws in
            #expect(try await client.get("/admin").headers[.location] == "/admin/setup")
            let browser = ReaderSession(client)
            let (_, form) = try await browser.page("/admin/setup")
            let token = try #require(form.first("//form[@id='setup-form']//input[@name='_csrf']")?["value"])
            let fields = [
                ("_csrf", token), ("name", "المديرة"), ("email", "boss@example.org"), ("password", "a-long-password"),
            ]
            let wrong = try await browser.post("/admin/setup", fields + [("token", "guess")])
            #expect(wrong.status == .unprocessableContent)
            let page = HTMLDocument(String(buffer: wrong.body))
            #expect(page.first("//input[@id='token']")?["aria-invalid"] == "true")
            #expect(page.first("//input[@id='name']")?["value"] == "المديرة", "what was typed is kept")
            #expect(try await harness.store.userCount() == 0)

            let right = try await browser.post("/admin/setup", fields + [("token", WebHarness.setupToken)])
            #expect(right.status == .seeOther)
            #expect(try await harness.store.user(email: "boss@example.org")?.role == .admin)
            #expect(try await browser.get("/admin").status == .ok, "signed in at once")
            // Once someone exists the setup form is gone.
            #expect(try await client.get("/admin/setup").headers[.location] == "/admin/login")
        }
    }

    @Test func aUserChangesTheirPasswordWithTheCurrentOneAndOtherBrowsersAreSignedOut() async throws {
        let harness = try WebHarness()
        try await harness.user("a@example.org", role: .author, name: "كاتبة")
        try await harness.withClient { client async throws in
            let laptop = NewsroomSession(client)
            try await laptop.signIn("a@example.org")
            let phone = NewsroomSession(client)
            try await phone.signIn("a@example.org")

            let wrong = try await laptop.post(
                "/admin/account",
                [("name", "كاتبة"), ("current_password", "not-my-password"), ("new_password", "a-brand-new-password")])
            #expect(wrong.status == .unprocessableContent)
            let page = HTMLDocument(String(buffer: wrong.body))
            #expect(page.first("//input[@id='current_password']")?["aria-invalid"] == "true")

            let changed = try await laptop.post(
                "/admin/account",
                [
                    ("name", "كاتبة الأخبار"), ("current_password", "correct-horse-battery"),
                    ("new_password", "a-brand-new-password"),
                ])
            #expect(changed.status == .seeOther)
            #expect(try await laptop.browser.get("/admin").status == .ok, "this browser stays signed in")
            #expect(try await phone.browser.get("/admin").status == .seeOther, "every other one is signed out")
            #expect(try await NewsroomSession(client).signIn("a@example.org").status == .unprocessableContent)
            #expect(
                try await NewsroomSession(client).signIn("a@example.org", password: "a-brand-new-password").status
                    == .seeOther)
            #expect(try await harness.store.user(email: "a@example.org")?.name == "كاتبة الأخبار")
            let log = try await harness.store.auditLog(limit: 10, offset: 0).items
            #expect(log.contains { $0.action == .passwordChanged && $0.target == "a@example.org" })
        }
    }
}
