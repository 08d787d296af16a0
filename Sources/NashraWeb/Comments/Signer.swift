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
        var data = Data(capacity: bytes + 8)
        while data.count < bytes {
            withUnsafeBytes(of: generator.next() as UInt64) { data.append(contentsOf: $0) }
        }
        return data.prefix(bytes).base64URLEncoded()
    }
}

extension Data {
    /// Base64 with the URL-safe alphabet and no padding, written byte by byte: this runs on every
    /// article response, and Foundation's string replacing is slow on Linux.
    func base64URLEncoded() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var output = [UInt8]()
        output.reserveCapacity((count * 4 + 2) / 3)
        var index = startIndex
        while index < endIndex {
            let remaining = distance(from: index, to: endIndex)
            let b0 = self[index]
            let b1 = remaining > 1 ? self[self.index(index, offsetBy: 1)] : 0
            let b2 = remaining > 2 ? self[self.index(index, offsetBy: 2)] : 0
            output.append(alphabet[Int(b0 >> 2)])
            output.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            if remaining > 1 { output.append(alphabet[Int((b1 & 0x0f) << 2 | b2 >> 6)]) }
            if remaining > 2 { output.append(alphabet[Int(b2 & 0x3f)]) }
            index = self.index(index, offsetBy: Swift.min(3, remaining))
        }
        return String(decoding: output, as: UTF8.self)
    }

    init?(base64URL text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        self.init(base64Encoded: base64)
    }
}
