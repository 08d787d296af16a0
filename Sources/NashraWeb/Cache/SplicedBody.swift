import CCompression
import Hummingbird

/// A cached page with one hole that is filled per response (the comment form's token), kept
/// pre-compressed around the hole.
///
/// The gzip form is one deflate stream made of three runs of blocks: the part before the hole
/// (ending on a sync flush, so it is byte-aligned and not final), a stored block holding the
/// filler, and the part after (compressed on its own, ending with the final block). The CRC-32 of
/// the whole comes from the parts' CRCs. So filling the hole costs a few bytes of work, not a
/// compression of the page.
struct SplicedBody: Sendable {
    let prefix: [UInt8]
    let suffix: [UInt8]
    let deflatedPrefix: [UInt8]
    let deflatedSuffix: [UInt8]
    let prefixCRC: UInt
    let suffixCRC: UInt

    /// Splits `bytes` at the only occurrence of `marker`; nil when it is absent or repeated.
    init?(bytes: [UInt8], marker: [UInt8]) {
        guard !marker.isEmpty, let first = Self.find(marker, in: bytes, from: 0),
            Self.find(marker, in: bytes, from: first + marker.count) == nil
        else { return nil }
        prefix = Array(bytes[..<first])
        suffix = Array(bytes[(first + marker.count)...])
        guard let head = Self.deflate(prefix, finish: false), let tail = Self.deflate(suffix, finish: true) else {
            return nil
        }
        deflatedPrefix = head
        deflatedSuffix = tail
        prefixCRC = Self.crc(prefix)
        suffixCRC = Self.crc(suffix)
    }

    /// The page with `filler` in the hole.
    func identity(filling filler: String) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(prefix.count + filler.utf8.count + suffix.count)
        buffer.writeBytes(prefix)
        buffer.writeString(filler)
        buffer.writeBytes(suffix)
        return buffer
    }

    /// The page with `filler` in the hole, as a gzip member.
    func gzip(filling filler: String) -> ByteBuffer {
        let middle = Array(filler.utf8.prefix(65_535))
        var buffer = ByteBuffer()
        buffer.reserveCapacity(10 + deflatedPrefix.count + 5 + middle.count + deflatedSuffix.count + 8)
        buffer.writeBytes([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03])  // gzip header, OS = Unix
        buffer.writeBytes(deflatedPrefix)
        // A stored block: BFINAL 0, BTYPE 00 (byte-aligned after the sync flush), LEN, NLEN.
        let length = UInt16(middle.count)
        buffer.writeInteger(UInt8(0))
        buffer.writeInteger(length, endianness: .little)
        buffer.writeInteger(~length, endianness: .little)
        buffer.writeBytes(middle)
        buffer.writeBytes(deflatedSuffix)
        var crc = nashra_crc32_combine(prefixCRC, Self.crc(middle), middle.count)
        crc = nashra_crc32_combine(crc, suffixCRC, suffix.count)
        buffer.writeInteger(UInt32(truncatingIfNeeded: crc), endianness: .little)
        buffer.writeInteger(UInt32(truncatingIfNeeded: prefix.count + middle.count + suffix.count), endianness: .little)
        return buffer
    }

    static func crc(_ bytes: [UInt8]) -> UInt {
        bytes.withUnsafeBufferPointer { nashra_crc32(0, $0.baseAddress, $0.count) }
    }

    static func deflate(_ input: [UInt8], finish: Bool) -> [UInt8]? {
        let capacity = nashra_gzip_bound(input.count)
        var output = [UInt8](repeating: 0, count: capacity)
        let written = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                nashra_deflate_raw(source.baseAddress, source.count, target.baseAddress, capacity, 9, finish ? 1 : 0)
            }
        }
        guard written > 0 else { return nil }
        return Array(output.prefix(written))
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], Array(haystack[index..<index + needle.count]) == needle { return index }
            index += 1
        }
        return nil
    }
}
