import Foundation

/// JSON that is safe inside a `<script type="application/ld+json">` element.
///
/// Only ``SafeJSON/encode(_:)`` makes it: `<`, `>` and `&` are written as `\u003c`, `\u003e` and
/// `\u0026`, so no string in the data (an article title with `</script>`, say) can end the element.
public struct SafeJSON: Sendable, Hashable, CustomStringConvertible, Encodable {
    public let text: String

    private init(text: String) {
        self.text = text
    }

    public var description: String { text }

    /// As its text, a string (see ``SafeHTML/encode(to:)``).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    /// Encodes a value (keys sorted, slashes as they are).
    public static func encode(_ value: some Encodable) -> SafeJSON {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return SafeJSON(text: "{}") }
        return escaped(data)
    }

    /// Over the bytes, not the scalars: the encoder's output is valid UTF-8, and every character
    /// replaced is ASCII or starts with 0xE2 (U+2028 and U+2029 are E2 80 A8 and E2 80 A9).
    static func escaped(_ data: Data) -> SafeJSON {
        let bytes = [UInt8](data)
        guard bytes.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0xE2 }) else {
            return SafeJSON(text: String(decoding: bytes, as: UTF8.self))
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x3C: out += Array("\\u003c".utf8)
            case 0x3E: out += Array("\\u003e".utf8)
            case 0x26: out += Array("\\u0026".utf8)
            case 0xE2
            where index + 2 < bytes.count && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                out += Array((bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                index += 2
            default: out.append(byte)
            }
            index += 1
        }
        return SafeJSON(text: String(decoding: out, as: UTF8.self))
    }
}
