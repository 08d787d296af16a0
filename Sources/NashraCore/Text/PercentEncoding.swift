/// Percent-encoding for URL paths and query values: RFC 3986's unreserved characters
/// (`A–Z a–z 0–9 - . _ ~`) stay, every other byte of the UTF-8 becomes uppercase `%XX`.
///
/// Over the bytes: Foundation's `addingPercentEncoding` went through a CFString and a character
/// set for each of the dozens of links on a page (2.5 % of an article render).
public enum PercentEncoding {
    /// Whether `byte` is an unreserved ASCII character.
    @inlinable
    public static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default: false
        }
    }

    /// `text` with everything but unreserved characters percent-encoded.
    public static func encode(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard !bytes.allSatisfy(isUnreserved) else { return String(decoding: bytes, as: UTF8.self) }
            let hex = Array("0123456789ABCDEF".utf8)
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count * 3)
            for byte in bytes {
                if isUnreserved(byte) {
                    out.append(byte)
                } else {
                    out.append(UInt8(ascii: "%"))
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0x0F)])
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
