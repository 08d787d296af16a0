import Foundation

/// The comment form's anti-forgery token: bound to the reader's cookie and stamped with the time the
/// form was sent, so it also tells how fast the form came back.
///
/// `token = time "." HMAC(secret, readerID "|" time)`. A page on another site cannot read the
/// reader's cookie (HttpOnly, SameSite=Lax) nor make the signature, so it cannot forge a post.
struct FormToken: Sendable {
    /// A token older than this is refused as expired (the form is shown again, text kept).
    static let lifetime: TimeInterval = 24 * 3600

    let signer: Signer

    func make(readerID: String, at date: Date) -> String {
        let time = String(Int(date.timeIntervalSince1970))
        return time + "." + signer.signature(of: readerID + "|" + time)
    }

    enum Check: Equatable {
        case valid(age: TimeInterval)
        case expired
        case forged
    }

    func check(_ token: String, readerID: String, now: Date) -> Check {
        guard let dot = token.firstIndex(of: "."), let seconds = Int(token[..<dot]) else { return .forged }
        let time = String(token[..<dot])
        guard
            Signer.constantTimeEqual(
                String(token[token.index(after: dot)...]), signer.signature(of: readerID + "|" + time))
        else { return .forged }
        let age = now.timeIntervalSince1970 - Double(seconds)
        if age > Self.lifetime || age < -60 { return .expired }
        return .valid(age: max(0, age))
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
