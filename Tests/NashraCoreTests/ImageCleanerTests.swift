import NashraCore
import NashraTestSupport
import Testing

/// The stored file is rebuilt from an allowlist of structures; trailing data and pixel bombs are refused.
@Suite("Image cleaning")
struct ImageCleanerTests {
    func cleaned(_ bytes: [UInt8]) -> InspectedImage? {
        guard case .success(let image) = ImageInspector.clean(bytes, maxBytes: 1 << 20) else { return nil }
        return image
    }

    func rejection(_ bytes: [UInt8]) -> ImageRejection? {
        guard case .failure(let rejection) = ImageInspector.clean(bytes, maxBytes: 1 << 20) else { return nil }
        return rejection
    }

    static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        return bytes.indices.contains { bytes[$0...].starts(with: needle) }
    }

    @Test func cleanImagesComeBackUnchanged() {
        for image in [
            TinyImage.png(width: 4, height: 4), TinyImage.gif(width: 4, height: 4), TinyImage.jpeg(width: 4, height: 4),
            TinyImage.webpLossy(width: 4, height: 4), TinyImage.webpLossless(width: 4, height: 4),
        ] {
            #expect(cleaned(image)?.bytes == image)
        }
    }

    @Test func aPNGWithAZIPAppendedIsRefused() {
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00] + Array("shell.php".utf8)
        #expect(rejection(TinyImage.png(width: 10, height: 10) + zip) == .trailingData)
        #expect(rejection(TinyImage.gif(width: 10, height: 10) + [0x01, 0x02]) == .trailingData)
        #expect(rejection(TinyImage.jpeg(width: 10, height: 10) + zip) == .trailingData)
        #expect(rejection(TinyImage.webpLossy(width: 10, height: 10) + zip) == .trailingData)
        // Zero padding after a JPEG's end is what some cameras write; it is dropped, not refused.
        #expect(
            cleaned(TinyImage.jpeg(width: 10, height: 10) + [0, 0, 0])?.bytes == TinyImage.jpeg(width: 10, height: 10))
    }

    @Test func aPixelBombIsRefusedFromItsHeader() {
        // 30000 × 30000 is 900 megapixels: a few hundred bytes that would decode to 3.6 GB.
        #expect(rejection(TinyImage.png(width: 30000, height: 30000)) == .tooManyPixels(max: 50_000_000))
        #expect(rejection(TinyImage.gif(width: 10000, height: 6000)) == .tooManyPixels(max: 50_000_000))
        #expect(cleaned(TinyImage.png(width: 7000, height: 7000)) != nil)
    }

    @Test(arguments: [
        "<details open ontoggle=alert(1)>", "<video><source onerror=alert(1)>", "javascript:alert(document.domain)",
    ])
    func gifCommentsAndTextAreDroppedWhateverTheySay(_ payload: String) throws {
        var gif = TinyImage.gif(width: 10, height: 10)
        let comment = [0x21, 0xFE, UInt8(payload.utf8.count)] + Array(payload.utf8) + [0x00]
        let plainText = [0x21, 0x01, 12] + [UInt8](repeating: 0, count: 12) + [4] + Array("text".utf8) + [0x00]
        gif.insert(contentsOf: comment + plainText, at: 13)
        let image = try #require(cleaned(gif))
        #expect(image.bytes == TinyImage.gif(width: 10, height: 10))
        #expect(!Self.contains(image.bytes, payload))
    }

    @Test func gifKeepsTimingAndLooping() throws {
        var gif = TinyImage.gif(width: 10, height: 10)
        let control: [UInt8] = [0x21, 0xF9, 0x04, 0x00, 0x0A, 0x00, 0x00, 0x00]
        let loop: [UInt8] = [0x21, 0xFF, 11] + Array("NETSCAPE2.0".utf8) + [3, 1, 0, 0, 0]
        let xmp: [UInt8] = [0x21, 0xFF, 11] + Array("XMP DataXMP".utf8) + [3, 0x61, 0x62, 0x63, 0]
        gif.insert(contentsOf: loop + xmp + control, at: 13)
        let image = try #require(cleaned(gif))
        #expect(Self.contains(image.bytes, "NETSCAPE2.0"))
        #expect(!Self.contains(image.bytes, "XMP DataXMP"))
        #expect(image.bytes.count == TinyImage.gif(width: 10, height: 10).count + loop.count + control.count)
    }

    @Test func utf16ScriptInAPNGTextChunkIsDropped() throws {
        let script = Array("<script>alert(1)</script>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        var png = TinyImage.png(width: 10, height: 10)
        let text = TinyImage.pngChunk("tEXt", Array("Comment\0".utf8) + script)
        let international = TinyImage.pngChunk("iTXt", Array("XML:com.adobe.xmp\0\0\0\0\0".utf8) + script)
        let density = TinyImage.pngChunk("pHYs", TinyImage.be32(2835) + TinyImage.be32(2835) + [1])
        png.insert(contentsOf: text + international + density, at: 33)
        let image = try #require(cleaned(png))
        #expect(!Self.contains(image.bytes, "tEXt"))
        #expect(!Self.contains(image.bytes, "iTXt"))
        #expect(Self.contains(image.bytes, "pHYs"), "density is kept")
        #expect(image.info == ImageInfo(format: .png, width: 10, height: 10))
    }

    @Test func anUnknownCriticalPNGChunkIsMalformed() {
        var png = TinyImage.png(width: 10, height: 10)
        png.insert(contentsOf: TinyImage.pngChunk("ZZZZ", [1, 2, 3]), at: 33)
        #expect(rejection(png) == .malformed)
    }

    @Test func jpegKeepsTheOrientationButNotTheCameraDataCommentsOrXMP() throws {
        var jpeg = TinyImage.jpeg(width: 10, height: 10)
        let exif = TinyImage.jpegSegment(0xE1, TestPictures.cameraEXIF)
        let xmp = TinyImage.jpegSegment(0xE1, Array("http://ns.adobe.com/xap/1.0/\0".utf8) + Array("x".utf8))
        let comment = TinyImage.jpegSegment(0xFE, Array("onerror=alert(1)".utf8))
        let iptc = TinyImage.jpegSegment(0xED, Array("Photoshop 3.0\0".utf8))
        jpeg.insert(contentsOf: exif + xmp + comment + iptc, at: 20)
        let image = try #require(cleaned(jpeg))
        // Orientation 6 alone, in a fresh big-endian block: no GPS position, nothing else.
        let kept = TinyImage.jpegSegment(
            0xE1,
            Array("Exif\0\0".utf8) + [0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8, 0, 1]
                + [0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0])
        #expect(image.bytes.firstRange(of: kept) != nil)
        #expect(image.bytes.firstRange(of: TestPictures.gpsSeconds) == nil)
        #expect(!Self.contains(image.bytes, "ns.adobe.com"))
        #expect(!Self.contains(image.bytes, "onerror"))
        #expect(!Self.contains(image.bytes, "Photoshop"))
        #expect(image.bytes.count == TinyImage.jpeg(width: 10, height: 10).count + kept.count)
    }

    @Test func anUprightOrUnreadableExifIsDroppedWhole() throws {
        for payload in [
            Array("Exif\0\0".utf8) + [0x4D, 0x4D, 0x00, 0x2A],  // cut short
            Array("Exif\0\0".utf8) + [0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0, 1, 0]
                + [0x12, 0x01, 0x03, 0x00, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0],  // little-endian, orientation 1
        ] {
            var jpeg = TinyImage.jpeg(width: 10, height: 10)
            jpeg.insert(contentsOf: TinyImage.jpegSegment(0xE1, payload), at: 20)
            let image = try #require(cleaned(jpeg))
            #expect(image.bytes == TinyImage.jpeg(width: 10, height: 10))
        }
    }

    @Test func webpDropsXMPAndClearsItsFlag() throws {
        let vp8x = Array("VP8X".utf8) + TinyImage.le32(10) + [0x04, 0, 0, 0] + TinyImage.le24(9) + TinyImage.le24(9)
        let frame = Array(TinyImage.webpLossy(width: 10, height: 10)[12...])
        let xmp = Array("XMP ".utf8) + TinyImage.le32(4) + Array("<x:x".utf8)
        let chunks = vp8x + frame + xmp
        let webp = Array("RIFF".utf8) + TinyImage.le32(4 + chunks.count) + Array("WEBP".utf8) + chunks
        let image = try #require(cleaned(webp))
        #expect(!Self.contains(image.bytes, "XMP "))
        #expect(image.bytes[20] & 0x04 == 0, "VP8X no longer announces XMP")
        let riffSize = Int(image.bytes[4]) | Int(image.bytes[5]) << 8 | Int(image.bytes[6]) << 16
        #expect(riffSize + 8 == image.bytes.count)
    }
}
