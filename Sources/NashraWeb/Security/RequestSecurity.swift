import Foundation
import HTTPTypes
import Hummingbird
import NashraCore

/// The request defences that need state or secrets, shared by the comment form, sign-in, setup and
/// uploads: the signer, form tokens, rate limiters, the site's origin and the client's address.
struct RequestSecurity: Sendable {
    let signer: Signer
    let tokens: FormToken
    let limits: RateLimits
    /// `scheme://host[:port]` of the base URL.
    let origin: String
    let secureCookies: Bool
    let trustProxy: Bool

    init(secret: [UInt8], baseURL: String, trustProxy: Bool, shared: (any SharedState)? = nil) {
        signer = Signer(secret: secret)
        tokens = FormToken(signer: signer)
        limits = RateLimits(shared: shared)
        origin = Self.origin(of: baseURL) ?? baseURL
        secureCookies = baseURL.lowercased().hasPrefix("https://")
        self.trustProxy = trustProxy
    }

    /// A POST must come from a page of this site: its `Origin` (or, lacking that, its `Referer`)
    /// must be the base URL's origin. Requests with neither (not from a browser) rely on the token.
    func isSameOrigin(_ request: Request) -> Bool {
        if let origin = request.headers[.origin] { return origin == self.origin }
        if let referer = request.headers[.referer] { return Self.origin(of: referer) == origin }
        return true
    }

    /// The client's address: the socket's peer, or with `trustProxy` the last `X-Forwarded-For` hop.
    func clientAddress(_ request: Request, _ context: NashraRequestContext) -> String {
        if trustProxy, let forwarded = request.headers[.xForwardedFor],
            let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
        {
            return last
        }
        return context.remoteAddress?.ipAddress ?? "unknown"
    }

    static func origin(of url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            let host = components.host?.lowercased()
        else { return nil }
        // Browsers leave out a default port in Origin, so it is left out here too.
        let isDefault = (scheme == "http" && components.port == 80) || (scheme == "https" && components.port == 443)
        let port = isDefault ? "" : components.port.map { ":\($0)" } ?? ""
        return "\(scheme)://\(host)\(port)"
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
}
