/// Escaping of text for HTML text nodes and attribute values.
public enum HTMLEscaping {
    /// Escapes `&`, `<`, `>`, `"` and `'` so the result is safe in text and in quoted attributes.
    public static func escape(_ text: some StringProtocol) -> String {
        MarkupEscaping.escape(text, apostrophe: "&#39;", keepControls: true)
    }
}

/// Escaping for XML documents (feeds, sitemaps).
public enum XMLEscaping {
    /// Escapes text for element content and quoted attributes, and drops the characters XML 1.0
    /// forbids (C0 controls other than tab, newline and carriage return, U+FFFE, U+FFFF).
    public static func escape(_ text: some StringProtocol) -> String {
        MarkupEscaping.escape(text, apostrophe: "&apos;", keepControls: false)
    }
}

/// The one escaping loop behind both.
enum MarkupEscaping {
    static func escape(_ text: some StringProtocol, apostrophe: String, keepControls: Bool) -> String {
        // Most text has nothing to escape: one pass over its bytes, and the string back as it is.
        guard text.utf8.contains(where: { needsLook($0, keepControls: keepControls) }) else { return String(text) }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += apostrophe
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if !keepControls, scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether a byte may need escaping or dropping; the scalar loop decides (0xEF starts U+FFFE and
    /// U+FFFF, and many other scalars).
    private static func needsLook(_ byte: UInt8, keepControls: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
        case 0x09, 0x0A, 0x0D: false
        case 0..<0x20, 0xEF: !keepControls
        default: false
        }
    }
}
