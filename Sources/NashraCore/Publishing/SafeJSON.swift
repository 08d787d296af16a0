import Foundation

/// JSON that is safe inside a `<script type="application/ld+json">` element.
///
/// Only ``SafeJSON/encode(_:)`` makes it: `<`, `>` and `&` are written as `\u003c`, `\u003e` and
/// `\u0026`, so no string in the data (an article title with `</script>`, say) can end the element.
public struct SafeJSON: Sendable, Hashable, CustomStringConvertible {
    public let text: String

    private init(text: String) {
        self.text = text
    }

    public var description: String { text }

    /// Encodes a value (keys sorted, slashes as they are).
    public static func encode(_ value: some Encodable) -> SafeJSON {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return SafeJSON(text: "{}") }
        return escaped(data)
    }

    private static func escaped(_ data: Data) -> SafeJSON {
        var text = ""
        for scalar in String(decoding: data, as: UTF8.self).unicodeScalars {
            switch scalar {
            case "<": text += "\\u003c"
            case ">": text += "\\u003e"
            case "&": text += "\\u0026"
            case "\u{2028}": text += "\\u2028"
            case "\u{2029}": text += "\\u2029"
            default: text.unicodeScalars.append(scalar)
            }
        }
        return SafeJSON(text: text)
    }
}
