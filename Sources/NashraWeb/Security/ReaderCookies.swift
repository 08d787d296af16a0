import Foundation
import Hummingbird
import NashraCore

/// What the server knows about an anonymous reader, from three cookies:
///
/// - `nashra_reader`: a random id the form token is bound to (HttpOnly, SameSite=Lax);
/// - `nashra_pending`: signed ids of the reader's comments awaiting moderation, so only they see them;
/// - `nashra_commenter`: name, email and website, only when the reader ticked "save my details".
///
/// Under an https base URL each name carries the `__Host-` prefix, which browsers accept only from
/// a secure origin, with `Secure`, `Path=/` and no `Domain`: no sibling subdomain can plant or
/// shadow them.
struct ReaderCookies {
    static let readerName = "nashra_reader"
    static let pendingName = "nashra_pending"
    static let commenterName = "nashra_commenter"
    /// Pending comments remembered per reader; older ones drop off.
    static let maxPending = 20

    struct Details: Codable, Equatable {
        var author: String
        var email: String
        var url: String
    }

    let readerID: String
    /// True when the reader had no valid id cookie and one must be set.
    let isNewReader: Bool
    let pendingIDs: [Int64]
    let details: Details?

    /// `name` as sent: with the `__Host-` prefix when cookies are `Secure`.
    static func name(_ name: String, secure: Bool) -> String { secure ? "__Host-" + name : name }

    init(request: Request, signer: Signer, secure: Bool) {
        let cookies = Self.ours(in: request.headers[values: .cookie], secure: secure)
        if let value = cookies[Self.readerName], Self.isPlausibleID(value) {
            readerID = value
            isNewReader = false
        } else {
            readerID = Signer.randomID()
            isNewReader = true
        }
        if let signed = cookies[Self.pendingName], let value = signer.verify(signed) {
            // The list is bound to this reader: another reader's cookie does not reveal their comments.
            let parts = value.split(separator: ":")
            if parts.count == 2, parts[0] == readerID {
                pendingIDs = parts[1].split(separator: "-").compactMap { Int64($0) }
            } else {
                pendingIDs = []
            }
        } else {
            pendingIDs = []
        }
        if let value = cookies[Self.commenterName], let data = Data(base64URL: value),
            let details = try? JSONDecoder().decode(Details.self, from: data)
        {
            self.details = details
        } else {
            details = nil
        }
    }

    /// Our three cookies from the `Cookie` headers, parsed once, by their unprefixed names. Under
    /// https only the `__Host-` names count.
    static func ours(in headers: [String], secure: Bool) -> [String: String] {
        let prefix = name("nashra_", secure: secure)
        var found: [String: String] = [:]
        for header in headers {
            for pair in header.split(separator: ";") {
                let trimmed = pair.drop { $0 == " " }
                guard trimmed.hasPrefix(prefix), let equals = trimmed.firstIndex(of: "=") else { continue }
                let name = String(trimmed[..<equals].dropFirst(prefix.count - "nashra_".count))
                if name == readerName || name == pendingName || name == commenterName, found[name] == nil {
                    found[name] = String(trimmed[trimmed.index(after: equals)...])
                }
            }
        }
        return found
    }

    static func isPlausibleID(_ value: String) -> Bool {
        (16...64).contains(value.count)
            && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    // MARK: - Set-Cookie values

    static func readerCookie(_ id: String, secure: Bool) -> Cookie {
        Cookie(
            name: name(readerName, secure: secure), value: id, maxAge: 365 * 86_400, path: "/", secure: secure,
            httpOnly: true, sameSite: .lax
        )
    }

    static func pendingCookie(readerID: String, ids: [Int64], signer: Signer, secure: Bool) -> Cookie {
        let kept = ids.suffix(maxPending).map(String.init).joined(separator: "-")
        return Cookie(
            name: name(pendingName, secure: secure), value: signer.sign(readerID + ":" + kept), maxAge: 30 * 86_400,
            path: "/",
            secure: secure,
            httpOnly: true, sameSite: .lax)
    }

    static func commenterCookie(_ details: Details?, secure: Bool) -> Cookie {
        guard let details, let data = try? JSONEncoder().encode(details) else {
            return Cookie(
                name: name(commenterName, secure: secure), value: "", maxAge: 0, path: "/", secure: secure,
                httpOnly: true, sameSite: .lax)
        }
        return Cookie(
            name: name(commenterName, secure: secure), value: data.base64URLEncoded(), maxAge: 365 * 86_400, path: "/",
            secure: secure,
            httpOnly: true, sameSite: .lax)
    }
}
