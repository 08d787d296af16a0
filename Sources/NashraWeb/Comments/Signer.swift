import Crypto
import Foundation

/// Signs and checks short values with HMAC-SHA256 under the site's secret.
struct Signer: Sendable {
    private let key: SymmetricKey

    init(secret: [UInt8]) {
        key = SymmetricKey(data: secret)
    }

    /// `value.signature`, URL-safe.
    func sign(_ value: String) -> String {
        value + "." + signature(of: value)
    }

    /// The value of a `sign(_:)` result, or nil when the signature does not match.
    func verify(_ signed: String) -> String? {
        guard let dot = signed.lastIndex(of: ".") else { return nil }
        let value = String(signed[..<dot])
        let given = Data(base64URL: String(signed[signed.index(after: dot)...]))
        guard let given else { return nil }
        return HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: Data(value.utf8), using: key) ? value : nil
    }

    func signature(of value: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: key)).base64URLEncoded()
    }

    /// A fresh random identifier, URL-safe.
    static func randomID(bytes: Int = 16) -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64URLEncoded()
    }
}

extension Data {
    func base64URLEncoded() -> String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    init?(base64URL text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        self.init(base64Encoded: base64)
    }
}
