/// Rebuilds an uploaded image from the structures we know and need, and nothing else.
///
/// A blocklist of markup can always be dodged (an event handler it does not list, UTF-16 text, a
/// ZIP after the image), so the file that is stored is rebuilt from an allowlist: the segments,
/// chunks and blocks that carry pixels, colour and orientation are copied; comments, text chunks,
/// XMP and unknown metadata are dropped; anything after the format's end marker is refused, as is
/// a structure that does not parse to its end.
enum ImageCleaner {
    /// The file rebuilt, or nil when its structure does not hold together (or has trailing data,
    /// reported through `trailing`).
    static func rebuild(_ bytes: [UInt8], as format: ImageFormat) -> Result<[UInt8], ImageRejection> {
        switch format {
        case .jpeg: return jpeg(bytes)
        case .png: return png(bytes)
        case .gif: return gif(bytes)
        case .webp: return webp(bytes)
        }
    }

    // MARK: JPEG

    /// APP0 (JFIF), APP1 only as Exif (rebuilt to hold the orientation alone, see
    /// ``orientationOnlyExif(_:)``), APP2 only as an ICC profile, APP14 (Adobe: needed to decode
    /// CMYK); every table, frame and scan segment. Not COM, XMP, IPTC or other APPn.
    private static func keepsJPEGSegment(_ marker: UInt8, _ payload: ArraySlice<UInt8>) -> Bool {
        switch marker {
        case 0xE0: return payload.starts(with: Array("JFIF\0".utf8)) || payload.starts(with: Array("JFXX\0".utf8))
        case 0xE1: return payload.starts(with: Array("Exif\0\0".utf8))
        case 0xE2: return payload.starts(with: Array("ICC_PROFILE\0".utf8))
        case 0xEE: return payload.starts(with: Array("Adobe".utf8))
        case 0xE3...0xED, 0xEF, 0xFE: return false
        default: return true  // DQT, DHT, DRI, SOFn, DAC, DNL, EXP
        }
    }

    /// A fresh Exif payload with one tag, the orientation of the given one (2 to 8), or nil when
    /// it has none worth keeping (upright, missing, or a structure that does not parse).
    static func orientationOnlyExif(_ payload: ArraySlice<UInt8>) -> [UInt8]? {
        let tiff = Array(payload.dropFirst(6))
        guard tiff.count >= 8 else { return nil }
        let bigEndian: Bool
        switch (tiff[0], tiff[1]) {
        case (0x4D, 0x4D): bigEndian = true
        case (0x49, 0x49): bigEndian = false
        default: return nil
        }
        func number(_ offset: Int, _ width: Int) -> Int? {
            guard offset >= 0, offset + width <= tiff.count else { return nil }
            var value = 0
            for index in 0..<width { value = value << 8 | Int(tiff[offset + (bigEndian ? index : width - 1 - index)]) }
            return value
        }
        guard number(2, 2) == 42, let ifd = number(4, 4), let count = number(ifd, 2) else { return nil }
        for entry in 0..<min(count, 500) {
            let at = ifd + 2 + entry * 12
            guard let tag = number(at, 2), let type = number(at + 2, 2) else { return nil }
            guard tag == 0x0112, type == 3, let orientation = number(at + 8, 2) else { continue }
            guard (2...8).contains(orientation) else { return nil }
            // Big-endian TIFF: header, IFD0 at 8 with one SHORT entry, no next IFD.
            return Array("Exif\0\0".utf8) + [0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8, 0, 1]
                + [0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, 0, UInt8(orientation), 0, 0] + [0, 0, 0, 0]
        }
        return nil
    }

    private static func jpeg(_ bytes: [UInt8]) -> Result<[UInt8], ImageRejection> {
        var output: [UInt8] = [0xFF, 0xD8]
        output.reserveCapacity(bytes.count)
        var offset = 2
        while offset < bytes.count {
            guard bytes[offset] == 0xFF else { return .failure(.malformed) }
            while offset < bytes.count, bytes[offset] == 0xFF { offset += 1 }
            guard offset < bytes.count else { return .failure(.malformed) }
            let marker = bytes[offset]
            offset += 1
            switch marker {
            case 0xD9:
                output += [0xFF, 0xD9]
                // Some cameras pad with zero bytes; anything else after the end is someone's payload.
                return bytes[offset...].allSatisfy { $0 == 0 } ? .success(output) : .failure(.trailingData)
            case 0x01, 0xD0...0xD7:
                output += [0xFF, marker]
                continue
            case 0x00, 0xD8:
                return .failure(.malformed)
            default:
                break
            }
            guard offset + 2 <= bytes.count else { return .failure(.malformed) }
            let length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
            guard length >= 2, offset + length <= bytes.count else { return .failure(.malformed) }
            let payload = bytes[(offset + 2)..<(offset + length)]
            if marker == 0xE1, payload.starts(with: Array("Exif\0\0".utf8)) {
                // The camera's Exif says where the photo was taken (GPS), with what, by whom:
                // only the orientation, which turns the picture upright, is kept.
                if let exif = orientationOnlyExif(payload) {
                    output += [0xFF, 0xE1, UInt8((exif.count + 2) >> 8), UInt8((exif.count + 2) & 0xFF)] + exif
                }
            } else if keepsJPEGSegment(marker, payload) {
                output += [0xFF, marker] + bytes[offset..<(offset + length)]
            }
            offset += length
            guard marker == 0xDA else { continue }
            // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart.
            let start = offset
            while offset < bytes.count {
                if bytes[offset] == 0xFF, offset + 1 < bytes.count {
                    let next = bytes[offset + 1]
                    if next != 0x00, !(0xD0...0xD7).contains(next), next != 0xFF { break }
                }
                offset += 1
            }
            output += bytes[start..<offset]
        }
        return .failure(.malformed)  // no end-of-image marker
    }

    // MARK: PNG

    /// Ancillary chunks that carry colour, transparency, density, orientation or animation.
    private static let pngAncillary: Set<String> = [
        "tRNS", "cHRM", "gAMA", "iCCP", "sBIT", "sRGB", "cICP", "mDCV", "cLLI", "bKGD", "hIST", "pHYs", "sPLT", "eXIf",
        "acTL", "fcTL", "fdAT",
    ]
    private static let pngCritical: Set<String> = ["IHDR", "PLTE", "IDAT", "IEND"]

    private static func png(_ bytes: [UInt8]) -> Result<[UInt8], ImageRejection> {
        var output = Array(bytes.prefix(8))
        output.reserveCapacity(bytes.count)
        var offset = 8
        while offset + 8 <= bytes.count {
            let length = bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let end = offset + 12 + length
            guard length <= Int(Int32.max), end <= bytes.count else { return .failure(.malformed) }
            if pngCritical.contains(type) || pngAncillary.contains(type) {
                output += bytes[offset..<end]
            } else if let first = type.utf8.first, first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z") {
                return .failure(.malformed)  // an unknown critical chunk: no decoder would show it either
            }
            offset = end
            if type == "IEND" { return offset == bytes.count ? .success(output) : .failure(.trailingData) }
        }
        return .failure(.malformed)
    }

    // MARK: GIF

    private static func gif(_ bytes: [UInt8]) -> Result<[UInt8], ImageRejection> {
        guard bytes.count >= 13 else { return .failure(.malformed) }
        var offset = 13
        if bytes[10] & 0x80 != 0 { offset += 3 << (Int(bytes[10] & 0x07) + 1) }
        guard offset <= bytes.count else { return .failure(.malformed) }
        var output = Array(bytes[..<offset])
        output.reserveCapacity(bytes.count)
        /// The end of the data sub-blocks starting at `start` (just past their zero terminator).
        func subBlocksEnd(_ start: Int) -> Int? {
            var position = start
            while position < bytes.count {
                let size = Int(bytes[position])
                position += 1 + size
                if size == 0 { return position <= bytes.count ? position : nil }
            }
            return nil
        }
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x3B:
                output.append(0x3B)
                return offset + 1 == bytes.count ? .success(output) : .failure(.trailingData)
            case 0x2C:
                guard offset + 10 <= bytes.count else { return .failure(.malformed) }
                var end = offset + 10
                if bytes[offset + 9] & 0x80 != 0 { end += 3 << (Int(bytes[offset + 9] & 0x07) + 1) }
                guard end < bytes.count, let blocksEnd = subBlocksEnd(end + 1) else { return .failure(.malformed) }
                output += bytes[offset..<blocksEnd]
                offset = blocksEnd
            case 0x21:
                guard offset + 2 < bytes.count, let blocksEnd = subBlocksEnd(offset + 2) else {
                    return .failure(.malformed)
                }
                let label = bytes[offset + 1]
                let application = bytes[(offset + 2)..<min(bytes.count, offset + 14)]
                // Graphic control (timing, transparency) and the looping extension; never comments,
                // plain text or other applications' data (XMP lives there).
                let keep =
                    label == 0xF9
                    || (label == 0xFF
                        && (application.elementsEqual([11] + Array("NETSCAPE2.0".utf8))
                            || application.elementsEqual([11] + Array("ANIMEXTS1.0".utf8))))
                if keep { output += bytes[offset..<blocksEnd] }
                offset = blocksEnd
            default:
                return .failure(.malformed)
            }
        }
        return .failure(.malformed)  // no trailer
    }

    // MARK: WebP

    private static let webpChunks: Set<String> = ["VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP", "EXIF"]
    /// The chunks that carry pixels only: what a resized copy keeps (libvips 8.14's WebP `strip`
    /// leaves the camera's EXIF, GPS position included, in the file).
    private static let webpPixelChunks: Set<String> = ["VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF"]

    /// A WebP file with every metadata chunk (EXIF, XMP, ICC profile) left out.
    static func webpWithoutMetadata(_ bytes: [UInt8]) -> Result<[UInt8], ImageRejection> {
        webp(bytes, keeping: webpPixelChunks)
    }

    private static func webp(_ bytes: [UInt8], keeping kept: Set<String> = webpChunks) -> Result<
        [UInt8], ImageRejection
    > {
        guard bytes.count >= 12 else { return .failure(.malformed) }
        let riffSize = Int(bytes[4]) | Int(bytes[5]) << 8 | Int(bytes[6]) << 16 | Int(bytes[7]) << 24
        guard riffSize + 8 <= bytes.count else { return .failure(.malformed) }
        // RIFF's own length says where the file ends; a ZIP or script after it is not ours to keep.
        guard riffSize + 8 + (riffSize % 2) >= bytes.count else { return .failure(.trailingData) }
        var chunks: [UInt8] = []
        var offset = 12
        while offset + 8 <= riffSize + 8 {
            let size =
                Int(bytes[offset + 4]) | Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6]) << 16
                | Int(bytes[offset + 7]) << 24
            let end = offset + 8 + size + (size % 2)
            guard end <= bytes.count else { return .failure(.malformed) }
            let type = String(decoding: bytes[offset..<(offset + 4)], as: UTF8.self)
            if kept.contains(type) {
                var chunk = Array(bytes[offset..<end])
                // VP8X announces ICC (bit 5), EXIF (bit 3) and XMP (bit 2) chunks in its flags; XMP is
                // never copied, the others only when kept.
                if type == "VP8X", chunk.count > 8 {
                    chunk[8] &= ~0x04
                    if !kept.contains("EXIF") { chunk[8] &= ~0x08 }
                    if !kept.contains("ICCP") { chunk[8] &= ~0x20 }
                }
                chunks += chunk
            }
            offset = end
        }
        guard offset == riffSize + 8 || offset == riffSize + 8 + (riffSize % 2), !chunks.isEmpty else {
            return .failure(.malformed)
        }
        let newSize = 4 + chunks.count
        let size: [UInt8] = [
            UInt8(newSize & 0xFF), UInt8(newSize >> 8 & 0xFF), UInt8(newSize >> 16 & 0xFF), UInt8(newSize >> 24 & 0xFF),
        ]
        return .success(Array("RIFF".utf8) + size + Array("WEBP".utf8) + chunks)
    }
}
