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
        let code = HMAC<SHA256>.authenticationCode(for: Array(value.utf8), using: key)
        return code.withUnsafeBytes { Base64URL.encode($0) }
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
        withUnsafeBytes { Base64URL.encode($0) }
    }

    init?(base64URL text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        self.init(base64Encoded: base64)
    }
}

/// Base64 with the URL-safe alphabet and no padding, over raw bytes: this runs on every article
/// response, and Foundation's string replacing is slow on Linux.
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func encode(_ bytes: UnsafeRawBufferPointer) -> String {
        let count = bytes.count
        return String(unsafeUninitializedCapacity: (count * 4 + 2) / 3) { output in
            var written = 0
            var index = 0
            while index < count {
                let b0 = bytes[index]
                let b1 = index + 1 < count ? bytes[index + 1] : 0
                let b2 = index + 2 < count ? bytes[index + 2] : 0
                output[written] = alphabet[Int(b0 >> 2)]
                output[written + 1] = alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)]
                written += 2
                if index + 1 < count {
                    output[written] = alphabet[Int((b1 & 0x0f) << 2 | b2 >> 6)]
                    written += 1
                }
                if index + 2 < count {
                    output[written] = alphabet[Int(b2 & 0x3f)]
                    written += 1
                }
                index += 3
            }
            return written
        }
    }
}
