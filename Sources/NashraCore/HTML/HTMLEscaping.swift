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

/// The one escaping loop behind both, over UTF-8 bytes: everything it replaces or drops is ASCII,
/// or U+FFFE/U+FFFF (EF BF BE, EF BF BF), so working on bytes is exact and each scalar stays whole.
enum MarkupEscaping {
    static func escape(_ text: some StringProtocol, apostrophe: String, keepControls: Bool) -> String {
        escape(String(text), apostrophe: apostrophe, keepControls: keepControls)
    }

    static func escape(_ text: String, apostrophe: String, keepControls: Bool) -> String {
        let escaped = text.utf8.withContiguousStorageIfAvailable {
            escape(bytes: $0, apostrophe: apostrophe, keepControls: keepControls)
        }
        // A string bridged from elsewhere may not be contiguous: copy it once.
        guard let escaped else {
            return escape(
                String(decoding: Array(text.utf8), as: UTF8.self), apostrophe: apostrophe, keepControls: keepControls)
        }
        // Most text has nothing to escape: the string comes back as it is.
        return escaped ?? text
    }

    /// Nil when nothing needs escaping or dropping.
    private static func escape(bytes: UnsafeBufferPointer<UInt8>, apostrophe: String, keepControls: Bool) -> String? {
        guard let first = bytes.firstIndex(where: { needsLook($0, keepControls: keepControls) }) else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        output.append(contentsOf: bytes[..<first])
        var index = first
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): output.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): output.append(contentsOf: apostrophe.utf8)
            case 0x09, 0x0A, 0x0D: output.append(byte)
            case 0..<0x20 where !keepControls: break
            case 0xEF
            where !keepControls && index + 2 < bytes.count && bytes[index + 1] == 0xBF
                && (bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF):
                index += 2  // U+FFFE or U+FFFF
            default: output.append(byte)
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether a byte may need escaping or dropping (0xEF starts U+FFFE and U+FFFF, and many others).
    private static func needsLook(_ byte: UInt8, keepControls: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
        case 0x09, 0x0A, 0x0D: false
        case 0..<0x20, 0xEF: !keepControls
        default: false
        }
    }
}
