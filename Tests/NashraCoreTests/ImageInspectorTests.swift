import NashraCore
import Testing

/// Tiny images built byte by byte: just the structure the inspector reads.
enum TinyImage {
    static func be32(_ value: Int) -> [UInt8] {
        [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
    static func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
    static func le24(_ value: Int) -> [UInt8] { le16(value) + [UInt8(value >> 16 & 0xFF)] }
    static func le32(_ value: Int) -> [UInt8] { le24(value) + [UInt8(value >> 24 & 0xFF)] }

    static func pngChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        be32(data.count) + Array(type.utf8) + data + [0, 0, 0, 0]  // CRC is not checked
    }

    static func png(width: Int, height: Int, pixels: [UInt8] = [0x78, 0x9C, 0x63, 0x00, 0x00]) -> [UInt8] {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + pngChunk("IHDR", be32(width) + be32(height) + [8, 2, 0, 0, 0])
            + pngChunk("IDAT", pixels)
            + pngChunk("IEND", [])
    }

    static func gif(width: Int, height: Int, version: String = "GIF89a") -> [UInt8] {
        Array(version.utf8) + le16(width) + le16(height) + [0x00, 0x00, 0x00]
            // One image: descriptor, LZW minimum code size, one data sub-block, terminator; trailer.
            + [0x2C] + le16(0) + le16(0) + le16(width) + le16(height) + [0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B]
    }

    static func jpegSegment(_ marker: UInt8, _ data: [UInt8]) -> [UInt8] {
        [0xFF, marker, UInt8((data.count + 2) >> 8), UInt8((data.count + 2) & 0xFF)] + data
    }

    /// SOI, APP0 (JFIF), DQT, DHT (C4, which is not a frame header), the frame header, SOS, EOI.
    static func jpeg(width: Int, height: Int, frame: UInt8 = 0xC0) -> [UInt8] {
        let frameHeader: [UInt8] =
            [8, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF), 3]
            + [1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]
        return [0xFF, 0xD8]
            + jpegSegment(0xE0, Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
            + jpegSegment(0xDB, [0] + [UInt8](repeating: 1, count: 64))
            + jpegSegment(0xC4, [0x00] + [UInt8](repeating: 0, count: 16))
            + jpegSegment(frame, frameHeader)
            + jpegSegment(0xDA, [3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3F, 0])
            + [0x12, 0x34, 0xFF, 0x00, 0x56]  // entropy-coded data with a stuffed 0xFF
            + [0xFF, 0xD9]
    }

    static func webp(_ fourCC: String, _ payload: [UInt8]) -> [UInt8] {
        let padded = payload.count % 2 == 0 ? payload : payload + [0]
        let chunk = Array(fourCC.utf8) + le32(payload.count) + padded
        return Array("RIFF".utf8) + le32(4 + chunk.count) + Array("WEBP".utf8) + chunk
    }

    static func webpLossy(width: Int, height: Int) -> [UInt8] {
        // Key frame tag (bit 0 clear), start code, 14-bit dimensions (scale bits 0), some data.
        webp("VP8 ", [0x30, 0x01, 0x00, 0x9D, 0x01, 0x2A] + le16(width) + le16(height) + [0x00, 0x00])
    }

    static func webpLossless(width: Int, height: Int) -> [UInt8] {
        webp("VP8L", [0x2F] + le32((width - 1) | (height - 1) << 14) + [0x00])
    }

    static func webpExtended(width: Int, height: Int) -> [UInt8] {
        webp("VP8X", [0x10, 0, 0, 0] + le24(width - 1) + le24(height - 1))
    }
}

@Suite("ImageInspector")
struct ImageInspectorTests {
    func inspect(_ bytes: [UInt8], maxBytes: Int = 1 << 20) -> Result<ImageInfo, ImageRejection> {
        ImageInspector.inspect(bytes, maxBytes: maxBytes)
    }

    func accepted(_ bytes: [UInt8]) -> ImageInfo? {
        guard case .success(let info) = inspect(bytes) else { return nil }
        return info
    }

    func rejection(_ bytes: [UInt8], maxBytes: Int = 1 << 20) -> ImageRejection? {
        guard case .failure(let rejection) = inspect(bytes, maxBytes: maxBytes) else { return nil }
        return rejection
    }

    // MARK: Accepted formats

    @Test func png() {
        #expect(accepted(TinyImage.png(width: 640, height: 480)) == ImageInfo(format: .png, width: 640, height: 480))
    }

    @Test func gif() {
        #expect(accepted(TinyImage.gif(width: 300, height: 2)) == ImageInfo(format: .gif, width: 300, height: 2))
        #expect(
            accepted(TinyImage.gif(width: 1, height: 1, version: "GIF87a"))
                == ImageInfo(format: .gif, width: 1, height: 1))
    }

    @Test func jpegDimensionsComeFromTheFrameHeaderNotFromDHT() {
        #expect(
            accepted(TinyImage.jpeg(width: 1920, height: 1080)) == ImageInfo(format: .jpeg, width: 1920, height: 1080))
    }

    @Test(arguments: [UInt8(0xC1), 0xC2, 0xC3, 0xC5, 0xC7, 0xC9, 0xCB, 0xCD, 0xCF])
    func jpegOtherFrameTypes(_ frame: UInt8) {
        #expect(accepted(TinyImage.jpeg(width: 50, height: 70, frame: frame))?.width == 50)
    }

    @Test func jpegFillBytesBeforeAMarkerAreSkipped() {
        var bytes = TinyImage.jpeg(width: 10, height: 20)
        bytes.insert(contentsOf: [0xFF, 0xFF], at: 2)
        #expect(accepted(bytes) == ImageInfo(format: .jpeg, width: 10, height: 20))
    }

    @Test func webpLossy() {
        #expect(
            accepted(TinyImage.webpLossy(width: 800, height: 600)) == ImageInfo(format: .webp, width: 800, height: 600))
    }

    @Test func webpLossless() {
        #expect(
            accepted(TinyImage.webpLossless(width: 16383, height: 1))
                == ImageInfo(format: .webp, width: 16383, height: 1))
    }

    @Test func webpExtended() {
        #expect(
            accepted(TinyImage.webpExtended(width: 30000, height: 1500))
                == ImageInfo(format: .webp, width: 30000, height: 1500))
        // 24-bit canvas sizes can name 600 megapixels; the pixel cap refuses them from the header.
        #expect(rejection(TinyImage.webpExtended(width: 30000, height: 20000)) == .tooManyPixels(max: 50_000_000))
    }

    @Test func formatsNameTheirTypeAndExtension() {
        #expect(ImageFormat.jpeg.mimeType == "image/jpeg")
        #expect(ImageFormat.jpeg.fileExtension == "jpg")
        #expect(ImageFormat.png.mimeType == "image/png")
        #expect(ImageFormat.webp.mimeType == "image/webp")
        #expect(ImageFormat.webp.fileExtension == "webp")
        #expect(ImageFormat.gif.mimeType == "image/gif")
        #expect(ImageFormat.gif.fileExtension == "gif")
    }

    // MARK: Refused files

    @Test func emptyFile() {
        #expect(rejection([]) == .empty)
    }

    @Test func oversizeFile() {
        let image = TinyImage.png(width: 10, height: 10)
        #expect(rejection(image, maxBytes: image.count - 1) == .tooLarge(max: image.count - 1))
        #expect(accepted(image) != nil)
        #expect(rejection(image, maxBytes: image.count) == nil)
    }

    @Test func unknownFormats() {
        #expect(rejection(Array("just some text".utf8)) == .unknownFormat)
        #expect(rejection(Array("BM6\u{0}\u{0}\u{0}".utf8)) == .unknownFormat)  // BMP
        #expect(rejection(Array("RIFF\u{4}\u{0}\u{0}\u{0}WAVE".utf8)) == .unknownFormat)
        #expect(rejection([0xFF, 0xD8]) == .unknownFormat)
    }

    @Test func phpFile() {
        #expect(rejection(Array("<?php system($_GET['c']); ?>".utf8)) == .embeddedMarkup)
        #expect(rejection(Array("<?= `$_GET[0]` ?>".utf8)) == .embeddedMarkup)
    }

    @Test func htmlFile() {
        #expect(rejection(Array("<!DOCTYPE html><HTML><body>hi</body></html>".utf8)) == .embeddedMarkup)
    }

    @Test func svgFile() {
        #expect(
            rejection(Array("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".utf8)) == .embeddedMarkup)
        #expect(rejection(Array("<?xml version=\"1.0\"?><SVG/>".utf8)) == .embeddedMarkup)
    }

    @Test func pngWithPHPAppended() {
        let polyglot = TinyImage.png(width: 10, height: 10) + Array("<?php eval($_POST['x']); ?>".utf8)
        #expect(rejection(polyglot) == .embeddedMarkup)
    }

    @Test func gifWithScriptInside() {
        // The classic GIF/JavaScript polyglot hides markup in the header or a comment block.
        var polyglot = TinyImage.gif(width: 10, height: 10)
        polyglot.insert(contentsOf: [0x21, 0xFE, 0x12] + Array("<ScRiPt>alert(1)//".utf8) + [0x00], at: 13)
        #expect(rejection(polyglot) == .embeddedMarkup)
    }

    @Test(arguments: [
        "<iframe", "<OBJECT", "<embed", "<meta", "<body", "<html", "<Svg", "<?XML", "<!doctype", "<img src=x onerror=",
        "<style", "<form", "<base", "<!--", "<a href", "<link", "<math",
    ])
    func everyMarkupOpeningIsRefusedAnywhere(_ opening: String) {
        let image = TinyImage.jpeg(width: 10, height: 10)
        #expect(rejection(image + Array(opening.utf8)) == .embeddedMarkup)
        let inside = Array(image[..<20]) + Array((opening + " class=a>").utf8) + Array(image[20...])
        #expect(rejection(inside) == .embeddedMarkup)
    }

    @Test func longOpeningsAreRefusedEvenBeforeBinaryBytes() {
        let image = TinyImage.jpeg(width: 10, height: 10)
        for opening in ["<script", "<IFRAME", "<!doctype", "<object"] {
            #expect(rejection(Array(image[..<20]) + Array(opening.utf8) + Array(image[20...])) == .embeddedMarkup)
        }
    }

    @Test func shortOpeningsFollowedByBinaryBytesAreChance() {
        // A 10 MB photo holds `<img`, `<svg` or `<!--` followed by pixel data about once in seventeen.
        let pixels: [UInt8] = [
            0x3C, 0x69, 0x6D, 0x67, 0x00, 0x3C, 0x53, 0x56, 0x47, 0x9F, 0x3C, 0x21, 0x2D, 0x2D, 0xE4,
        ]
        let png = TinyImage.png(width: 10, height: 10, pixels: pixels)
        #expect(accepted(png) == ImageInfo(format: .png, width: 10, height: 10))
        // The same openings with markup text after them are refused.
        let page = TinyImage.png(width: 10, height: 10, pixels: Array("<svg xmlns=a onload=b>".utf8))
        #expect(rejection(page) == .embeddedMarkup)
    }

    @Test func serverSideTagsFollowedByCodeAreRefused() {
        let image = TinyImage.webpLossy(width: 10, height: 10)
        #expect(rejection(image + Array("<% eval request(\"x\") %>".utf8)) == .embeddedMarkup)
        #expect(rejection(image + Array("<%=x%>".utf8)) == .embeddedMarkup)  // printable to the end
        #expect(rejection(Array("<?=$_GET[0]($_POST[1]);?>".utf8) + [0x00, 0xFF] + image) == .embeddedMarkup)
        #expect(rejection(image + Array("<? system($_GET[0]); ?>".utf8)) == .embeddedMarkup)
        #expect(rejection(image + Array("<a onclick=alert(1)>x</a>".utf8)) == .embeddedMarkup)
    }

    @Test func shortServerSideTagsInBinaryDataAreChance() {
        // `<%` and `<?=` followed by binary bytes occur by chance in compressed pixel data.
        let png = TinyImage.png(
            width: 10, height: 10, pixels: [0x78, 0x3C, 0x25, 0x00, 0x9F, 0x3C, 0x3F, 0x3D, 0x12, 0xE4, 0x3C, 0x25])
        #expect(accepted(png) == ImageInfo(format: .png, width: 10, height: 10))
    }

    @Test func truncatedPNG() {
        let image = TinyImage.png(width: 10, height: 10)
        #expect(rejection(Array(image[..<20])) == .malformed)
        #expect(rejection(Array(image[..<(image.count - 12)])) == .malformed)  // no IEND
        #expect(rejection(Array(image[..<(image.count - 3)])) == .malformed)
    }

    @Test func truncatedOrBrokenHeaders() {
        #expect(rejection(Array(TinyImage.gif(width: 10, height: 10)[..<9])) == .malformed)
        let jpeg = TinyImage.jpeg(width: 10, height: 10)
        #expect(rejection(Array(jpeg[..<100])) == .malformed)
        // A scan before any frame header.
        #expect(
            rejection([0xFF, 0xD8] + TinyImage.jpegSegment(0xDA, [1, 1, 0, 0, 0x3F, 0]) + [0xFF, 0xD9]) == .malformed)
        // Something other than a marker where a segment should start.
        #expect(rejection([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0x12, 0x34]) == .malformed)
        let webp = TinyImage.webpLossy(width: 10, height: 10)
        #expect(rejection(Array(webp[..<(webp.count - 4)])) == .malformed)
        #expect(rejection(TinyImage.webp("VP8 ", [0x30, 0x01, 0x00, 0x00, 0x00, 0x00, 10, 0, 10, 0])) == .malformed)
        #expect(rejection(TinyImage.webp("VP8L", [0x00, 0, 0, 0, 0])) == .malformed)
        #expect(rejection(TinyImage.webp("ALPH", [0, 0, 0, 0])) == .malformed)
        var png = TinyImage.png(width: 10, height: 10)
        png[12] = UInt8(ascii: "X")  // first chunk is not IHDR
        #expect(rejection(png) == .malformed)
    }

    @Test func dimensionsOutsideTheLimitsAreMalformed() {
        #expect(rejection(TinyImage.png(width: 0, height: 10)) == .malformed)
        #expect(rejection(TinyImage.png(width: 10, height: 30001)) == .malformed)
        #expect(rejection(TinyImage.png(width: 1 << 31, height: 10)) == .malformed)
        #expect(rejection(TinyImage.gif(width: 0, height: 0)) == .malformed)
        #expect(rejection(TinyImage.gif(width: 40000, height: 10)) == .malformed)
        #expect(rejection(TinyImage.jpeg(width: 10, height: 0)) == .malformed)
        #expect(rejection(TinyImage.webpExtended(width: 30001, height: 10)) == .malformed)
        #expect(accepted(TinyImage.png(width: 30000, height: 1)) != nil)
    }
}
