/// The image formats accepted for upload.
public enum ImageFormat: String, Sendable {
    case jpeg, png, webp, gif

    /// The media type to serve the image with.
    public var mimeType: String {
        switch self {
        case .jpeg: return "image/jpeg"
        case .png: return "image/png"
        case .webp: return "image/webp"
        case .gif: return "image/gif"
        }
    }

    /// The extension to store the image under, without the dot; always ours, never the uploader's.
    public var fileExtension: String {
        switch self {
        case .jpeg: return "jpg"
        case .png: return "png"
        case .webp: return "webp"
        case .gif: return "gif"
        }
    }
}

/// What ``ImageInspector`` learned about an accepted image.
public struct ImageInfo: Sendable, Hashable {
    /// The format, from the file's magic bytes.
    public var format: ImageFormat
    /// The width in pixels, 1...30000.
    public var width: Int
    /// The height in pixels, 1...30000.
    public var height: Int

    /// Creates an image description.
    public init(format: ImageFormat, width: Int, height: Int) {
        self.format = format
        self.width = width
        self.height = height
    }
}

/// Why ``ImageInspector`` refused a file.
public enum ImageRejection: Error, Sendable, Equatable {
    /// The file has no bytes.
    case empty
    /// The file is larger than `max` bytes.
    case tooLarge(max: Int)
    /// The magic bytes are not those of JPEG, PNG, GIF or WebP.
    case unknownFormat
    /// The magic bytes name a format but the header is truncated, inconsistent, or gives
    /// dimensions outside 1...30000.
    case malformed
    /// The file carries markup or server-side code (a polyglot), whatever its format.
    case embeddedMarkup
    /// Bytes follow the image's end marker (a ZIP, a script): a polyglot's usual hiding place.
    case trailingData
    /// Width × height is above `max` pixels: a small file that would decode to gigabytes.
    case tooManyPixels(max: Int)
}

/// An accepted image and the bytes to store: the upload rebuilt by ``ImageCleaner`` with its
/// comments, text chunks and unknown metadata left out.
public struct InspectedImage: Sendable {
    public let info: ImageInfo
    public let bytes: [UInt8]
}

/// Checks uploaded images before they are stored.
///
/// The format comes from the magic bytes only, never from the file name or the type the browser
/// claimed, and the dimensions from the format's own header, so a file is stored and served under
/// a type that matches what it is. Files that also read as HTML, SVG, XML or server-side script
/// (polyglots such as a valid GIF with `<script>` inside, or a PNG with `<?php` appended) are
/// refused: browsers and misconfigured servers have been known to treat such files as what the
/// markup says rather than as images.
public enum ImageInspector {
    /// The largest width or height accepted, in pixels.
    public static let maxDimension = 30000
    /// The most pixels accepted (50 megapixels: more than any camera a newsroom uses, and about
    /// 200 MB decoded), so a 175 KB file cannot ask a decoder for gigabytes.
    public static let maxPixels = 50_000_000

    /// Inspects `bytes` like ``inspect(_:maxBytes:)`` and returns the file rebuilt from the
    /// structures we allow: this is what gets stored and served.
    public static func clean(_ bytes: [UInt8], maxBytes: Int) -> Result<InspectedImage, ImageRejection> {
        let info: ImageInfo
        switch inspectHeader(bytes, maxBytes: maxBytes) {
        case .failure(let rejection): return .failure(rejection)
        case .success(let found): info = found
        }
        switch ImageCleaner.rebuild(bytes, as: info.format) {
        case .failure(let rejection): return .failure(rejection)
        case .success(let rebuilt):
            // What survives the rebuild is scanned again: nothing we copy may read as markup either.
            if MarkupScanner.containsMarkup(rebuilt) { return .failure(.embeddedMarkup) }
            return .success(InspectedImage(info: info, bytes: rebuilt))
        }
    }

    /// Inspects `bytes`, refusing files over `maxBytes`.
    ///
    /// Checks run in this order: empty, too large, embedded markup (the whole file is scanned, so a
    /// PHP, HTML or SVG file is reported as ``ImageRejection/embeddedMarkup`` too), unknown format,
    /// malformed header, too many pixels, then the structure to its end marker (``ImageCleaner``).
    public static func inspect(_ bytes: [UInt8], maxBytes: Int) -> Result<ImageInfo, ImageRejection> {
        clean(bytes, maxBytes: maxBytes).map(\.info)
    }

    private static func inspectHeader(_ bytes: [UInt8], maxBytes: Int) -> Result<ImageInfo, ImageRejection> {
        if bytes.isEmpty { return .failure(.empty) }
        if bytes.count > maxBytes { return .failure(.tooLarge(max: maxBytes)) }
        if MarkupScanner.containsMarkup(bytes) { return .failure(.embeddedMarkup) }
        let header = ByteReader(bytes: bytes)
        let dimensions: (format: ImageFormat, size: (width: Int, height: Int)?)
        if header.starts(with: [0xFF, 0xD8, 0xFF]) {
            dimensions = (.jpeg, jpegSize(header))
        } else if header.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            dimensions = (.png, pngSize(header))
        } else if header.starts(with: Array("GIF87a".utf8)) || header.starts(with: Array("GIF89a".utf8)) {
            dimensions = (.gif, gifSize(header))
        } else if header.starts(with: Array("RIFF".utf8)), header.matches(Array("WEBP".utf8), at: 8) {
            dimensions = (.webp, webpSize(header))
        } else {
            return .failure(.unknownFormat)
        }
        guard let size = dimensions.size, (1...maxDimension).contains(size.width),
            (1...maxDimension).contains(size.height)
        else { return .failure(.malformed) }
        guard size.width * size.height <= maxPixels else { return .failure(.tooManyPixels(max: maxPixels)) }
        return .success(ImageInfo(format: dimensions.format, width: size.width, height: size.height))
    }

    // MARK: Formats

    /// Walks the marker segments up to the first start-of-frame marker (SOF0...SOF15 other than
    /// DHT `C4`, JPG `C8` and DAC `CC`), whose payload holds precision, height and width.
    private static func jpegSize(_ data: ByteReader) -> (width: Int, height: Int)? {
        var offset = 2
        while offset < data.count {
            guard data[offset] == 0xFF else { return nil }
            // Any number of 0xFF fill bytes may precede a marker.
            while offset < data.count, data[offset] == 0xFF { offset += 1 }
            guard offset < data.count else { return nil }
            let marker = data[offset]
            offset += 1
            switch marker {
            case 0x01, 0xD0...0xD7:
                continue  // standalone markers: no length
            case 0xD8, 0xD9, 0xDA, 0x00:
                return nil  // a second SOI, the end, or the scan before any frame header
            default:
                break
            }
            guard let length = data.uint16BE(at: offset), length >= 2 else { return nil }
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                guard length >= 8, let height = data.uint16BE(at: offset + 3),
                    let width = data.uint16BE(at: offset + 5)
                else { return nil }
                return (width, height)
            }
            offset += length
        }
        return nil
    }

    /// Reads IHDR, which must come first, then walks the chunks to IEND so a truncated file is
    /// caught. CRCs are not checked.
    private static func pngSize(_ data: ByteReader) -> (width: Int, height: Int)? {
        guard data.uint32BE(at: 8) == 13, data.matches(Array("IHDR".utf8), at: 12),
            let width = data.uint32BE(at: 16), let height = data.uint32BE(at: 20)
        else { return nil }
        var offset = 8
        var sawImageData = false
        while let length = data.uint32BE(at: offset) {
            let type = offset + 4
            let next = type + 4 + length + 4  // type, data, CRC
            guard length <= Int(Int32.max), next <= data.count else { return nil }
            if data.matches(Array("IDAT".utf8), at: type) { sawImageData = true }
            if data.matches(Array("IEND".utf8), at: type) { return sawImageData ? (width, height) : nil }
            offset = next
        }
        return nil
    }

    /// The logical screen width and height, little endian, right after the signature.
    private static func gifSize(_ data: ByteReader) -> (width: Int, height: Int)? {
        // Signature (6) and logical screen descriptor (7).
        guard data.count >= 13, let width = data.uint16LE(at: 6), let height = data.uint16LE(at: 8) else {
            return nil
        }
        return (width, height)
    }

    /// The size from the first chunk: `VP8 ` (lossy), `VP8L` (lossless) or `VP8X` (extended).
    private static func webpSize(_ data: ByteReader) -> (width: Int, height: Int)? {
        guard let riffSize = data.uint32LE(at: 4), riffSize >= 4, riffSize + 8 <= data.count,
            let chunkSize = data.uint32LE(at: 16), 20 + chunkSize <= riffSize + 8
        else { return nil }
        let payload = 20
        if data.matches(Array("VP8 ".utf8), at: 12) {
            // Frame tag (3 bytes, bit 0 clear on a key frame), start code 9D 01 2A, then 14-bit
            // width and height, each with 2 scaling bits on top.
            guard chunkSize >= 10, data[payload] & 0x01 == 0,
                data.matches([0x9D, 0x01, 0x2A], at: payload + 3),
                let width = data.uint16LE(at: payload + 6), let height = data.uint16LE(at: payload + 8)
            else { return nil }
            return (width & 0x3FFF, height & 0x3FFF)
        }
        if data.matches(Array("VP8L".utf8), at: 12) {
            // Signature 0x2F, then 14 bits width - 1, 14 bits height - 1, 1 alpha bit, 3 version bits.
            guard chunkSize >= 5, data[payload] == 0x2F, let bits = data.uint32LE(at: payload + 1),
                bits >> 29 == 0
            else { return nil }
            return ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
        }
        if data.matches(Array("VP8X".utf8), at: 12) {
            // Flags (1), reserved (3), canvas width - 1 (24 bits), canvas height - 1 (24 bits).
            guard chunkSize >= 10, let width = data.uint24LE(at: payload + 4),
                let height = data.uint24LE(at: payload + 7)
            else { return nil }
            return (width + 1, height + 1)
        }
        return nil
    }
}

/// Bounds-checked reads over the file; every read past the end gives nil.
private struct ByteReader {
    let bytes: [UInt8]

    var count: Int { bytes.count }

    subscript(offset: Int) -> UInt8 { offset < bytes.count ? bytes[offset] : 0 }

    func starts(with prefix: [UInt8]) -> Bool { matches(prefix, at: 0) }

    func matches(_ expected: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset <= bytes.count - expected.count else { return false }
        for (index, byte) in expected.enumerated() where bytes[offset + index] != byte { return false }
        return true
    }

    private func value(at offset: Int, width: Int, bigEndian: Bool) -> Int? {
        guard offset >= 0, offset <= bytes.count - width else { return nil }
        var result = 0
        for index in 0..<width {
            let byte = Int(bytes[offset + (bigEndian ? index : width - 1 - index)])
            result = result << 8 | byte
        }
        return result
    }

    func uint16BE(at offset: Int) -> Int? { value(at: offset, width: 2, bigEndian: true) }
    func uint32BE(at offset: Int) -> Int? { value(at: offset, width: 4, bigEndian: true) }
    func uint16LE(at offset: Int) -> Int? { value(at: offset, width: 2, bigEndian: false) }
    func uint24LE(at offset: Int) -> Int? { value(at: offset, width: 3, bigEndian: false) }
    func uint32LE(at offset: Int) -> Int? { value(at: offset, width: 4, bigEndian: false) }
}

/// Finds markup and server-side code anywhere in a file.
///
/// One pass over the bytes; only at a `<` (about one byte in 256 of compressed image data) are the
/// next few bytes compared, lowercased on the fly, with each pattern.
///
/// Compressed pixel data is close to random, so an opening short enough turns up in it by chance:
/// `<img` (case-insensitive) about once every 500 MB, and the seventeen openings of four to six
/// letters together once every 170 MB, so about one 10 MB camera photo in seventeen would be refused.
/// Those openings count only when markup text follows them, as it always does in a page or a
/// script (`<svg xmlns=`, `<img src=`, `<?php echo`); random bytes make 8 such bytes in a row
/// about once in 2,000 tries. Openings of seven letters and more are refused wherever they are.
enum MarkupScanner {
    /// Openings refused wherever they appear, compared case-insensitively.
    static let tags: [[UInt8]] = [
        "<script", "<!doctype", "<iframe", "<object", "<a href", "<button", "<applet",
    ].map { Array($0.utf8) }

    /// Openings refused when followed by `run` bytes of markup text (or markup text up to the end of
    /// the file). `<%` turns up by chance about once every 64 KiB and `<?=` once every 16 MiB, so
    /// they need longer runs: 16 bytes of text come by chance about once in 4.6 million tries.
    static let shortTags: [(tag: [UInt8], run: Int)] =
        [
            "<?php", "<html", "<body", "<svg", "<embed", "<meta", "<?xml", "<img", "<style", "<form", "<base",
            "<link", "<input", "<!--", "<math", "<frame", "<xml",
        ].map { (Array($0.utf8), 8) } + [
            (Array("<?=".utf8), 8), (Array("<? ".utf8), 12), (Array("<%".utf8), 16), (Array("<a ".utf8), 12),
        ]

    static func containsMarkup(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                if buffer[index] == UInt8(ascii: "<") {
                    for tag in tags where matches(tag, in: buffer, at: index) { return true }
                    for (tag, run) in shortTags where matches(tag, in: buffer, at: index) {
                        if isPrintable(buffer, from: index + tag.count, count: run) { return true }
                    }
                }
                index += 1
            }
            return false
        }
    }

    private static func matches(_ tag: [UInt8], in buffer: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        guard buffer.count - offset >= tag.count else { return false }
        for (index, expected) in tag.enumerated() {
            var byte = buffer[offset + index]
            if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { byte += 32 }
            if byte != expected { return false }
        }
        return true
    }

    /// Whether the `count` bytes from `start` (or all up to the end) are markup text: printable
    /// ASCII or the white space HTML knows (tab, line feed, form feed, carriage return).
    private static func isPrintable(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, count: Int) -> Bool {
        for offset in start..<min(buffer.count, start + count) {
            let byte = buffer[offset]
            guard (0x20...0x7E).contains(byte) || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D else {
                return false
            }
        }
        return true
    }
}
