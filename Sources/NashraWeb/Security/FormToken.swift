import Foundation

/// The comment form's tokens, stamped with the time the form was made, so they also tell how fast
/// the form came back. Two kinds:
///
/// - the **page token** in the article page every reader shares: `"p" time "." HMAC(secret,
///   "page|" articleID "|" time)`, the same for everyone who gets that copy of the page;
/// - the **reader token** in a form rendered for one reader: `time "." HMAC(secret, readerID "|"
///   time)`, bound to the reader's cookie. A page on another site cannot read that cookie
///   (HttpOnly, SameSite=Lax) nor make the signature, so it cannot forge a post.
///
/// A page token proves the form came from this site's page, not who sent it; the comment controller
/// takes it only with a same-origin `Origin` header or the reader's cookie (which browsers send only
/// on same-site posts), and otherwise hands out a reader token first.
struct FormToken: Sendable {
    /// A token older than this is refused as expired (the form is shown again, text kept).
    static let lifetime: TimeInterval = 24 * 3600

    let signer: Signer

    func make(readerID: String, at date: Date) -> String {
        let time = String(Int(date.timeIntervalSince1970))
        return time + "." + signer.signature(of: readerID + "|" + time)
    }

    /// The token of the page every reader of `articleID` shares.
    func makeShared(articleID: Int64, at date: Date) -> String {
        let time = String(Int(date.timeIntervalSince1970))
        return "p" + time + "." + signer.signature(of: "page|\(articleID)|" + time)
    }

    enum Check: Equatable {
        /// `shared` for a page token, which is nobody's in particular.
        case valid(age: TimeInterval, shared: Bool)
        case expired
        case forged
    }

    /// Checks a reader token only: the sign-in and setup forms are never shared, so a page token
    /// there is a forgery.
    func check(_ token: String, readerID: String, now: Date) -> Check {
        token.hasPrefix("p") ? .forged : check(token, readerID: readerID, articleID: 0, now: now)
    }

    /// Checks either kind of token: a reader token against the reader's id, a page token against
    /// the article it was made for.
    func check(_ token: String, readerID: String, articleID: Int64, now: Date) -> Check {
        let shared = token.hasPrefix("p")
        let body = shared ? token.dropFirst() : Substring(token)
        guard let dot = body.firstIndex(of: "."), let seconds = Int(body[..<dot]) else { return .forged }
        let time = String(body[..<dot])
        let signed = shared ? "page|\(articleID)|" + time : readerID + "|" + time
        guard Signer.constantTimeEqual(String(body[body.index(after: dot)...]), signer.signature(of: signed))
        else { return .forged }
        let age = now.timeIntervalSince1970 - Double(seconds)
        if age > Self.lifetime || age < -60 { return .expired }
        return .valid(age: max(0, age), shared: shared)
    }
}

extension Signer {
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
