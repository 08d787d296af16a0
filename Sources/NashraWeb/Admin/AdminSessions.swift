import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NashraCore

/// A request from a signed-in user, with the token their forms must carry.
struct SignedIn: Sendable {
    let user: User
    let session: UserSession
    /// The CSRF token of this session: every state-changing admin form sends it back as `_csrf`.
    let csrf: String
}

/// Newsroom sessions: a random token in an HttpOnly, SameSite=Lax cookie; the database keeps only its
/// SHA-256, so sessions survive a restart and a leaked database signs no one in.
struct AdminSessions<Store: ContentStore & NewsroomStore>: Sendable {
    /// `__Host-nashra_session` under https (see ``ReaderCookies``), `nashra_session` otherwise.
    var cookieName: String { ReaderCookies.name("nashra_session", secure: secureCookies) }
    /// Sessions are touched at most this often, so reading pages does not write on every request.
    static var touchInterval: TimeInterval { 60 }

    let store: Store
    let signer: Signer
    let secureCookies: Bool

    /// The signed-in user of this request, or nil when there is no live session.
    func current(_ request: Request, now: Date, idleTimeout: TimeInterval) async throws -> SignedIn? {
        guard let token = request.cookies[cookieName]?.value, !token.isEmpty, token.count < 100 else {
            return nil
        }
        let hash = Self.hash(token)
        guard let (session, user) = try await store.session(tokenHash: hash) else { return nil }
        if now.timeIntervalSince(session.lastSeenAt) > idleTimeout {
            try await store.deleteSession(tokenHash: hash)
            return nil
        }
        if now.timeIntervalSince(session.lastSeenAt) > Self.touchInterval {
            try await store.touchSession(tokenHash: hash, at: now)
        }
        return SignedIn(user: user, session: session, csrf: csrfToken(for: hash))
    }

    /// Starts a new session (a new token every sign-in, so a planted cookie is never promoted).
    func start(for user: User, address: String, now: Date) async throws -> Cookie {
        let token = Signer.randomID(bytes: 32)
        try await store.createSession(
            UserSession(tokenHash: Self.hash(token), userID: user.id, createdAt: now, lastSeenAt: now, address: address)
        )
        return cookie(value: token, maxAge: nil)
    }

    /// Ends the session of `signedIn` and returns the cookie that clears it in the browser.
    func end(_ signedIn: SignedIn) async throws -> Cookie {
        try await store.deleteSession(tokenHash: signedIn.session.tokenHash)
        return cookie(value: "", maxAge: 0)
    }

    func csrfToken(for tokenHash: String) -> String {
        signer.signature(of: "csrf|" + tokenHash)
    }

    /// Whether a posted `_csrf` value is this session's token.
    func isValid(csrf: String?, for signedIn: SignedIn) -> Bool {
        guard let csrf, !csrf.isEmpty else { return false }
        return Signer.constantTimeEqual(csrf, signedIn.csrf)
    }

    private func cookie(value: String, maxAge: Int?) -> Cookie {
        // A session cookie (no Max-Age): it ends with the browser as well as on the idle timeout.
        Cookie(
            name: cookieName, value: value, maxAge: maxAge, path: "/", secure: secureCookies, httpOnly: true,
            sameSite: .lax)
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Array(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
