import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NashraCore
import NashraSQLite
import NashraTestSupport
import Testing

/// Uploads: images by content only, nothing that can run or render as a page.
@Suite("Media uploads")
struct MediaUploadTests {
    /// A real 2×3 PNG (red pixels), which libvips can resize.
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
        0x00, 0x02, 0x00, 0x00, 0x00, 0x03, 0x08, 0x06, 0x00, 0x00, 0x00, 0xB9, 0xEA, 0xDE, 0x81, 0x00, 0x00, 0x00,
        0x11, 0x49, 0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0x38, 0x21, 0x27, 0xF7, 0x1F, 0x84, 0x19, 0x30, 0x18, 0x00,
        0xA1, 0x1F, 0x0C, 0x13, 0xF9, 0xDA, 0x77, 0x0F, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42,
        0x60, 0x82,
    ]
    /// GIF89a, 4×5.
    static let gif: [UInt8] = Array("GIF89a".utf8) + [4, 0, 5, 0, 0, 0, 0] + [0x3B]

    @Test func anImageIsStoredUnderARandomNameAndServedSafely() async throws {
        let harness = try WebHarness()
        try await harness.user("a@example.org", role: .author)
        try await harness.withClient { client async throws in
            let author = NewsroomSession(client)
            try await author.signIn("a@example.org")
            let uploaded = try await author.upload("صورة الميناء.png", Self.png, type: "image/png")
            #expect(uploaded.status == .seeOther)
            let item = try #require(try await harness.store.media(limit: 10, offset: 0).items.first)
            #expect(item.originalName == "صورة الميناء.png")
            #expect((item.width, item.height) == (2, 3))
            #expect(item.fileName.hasSuffix(".png") && !item.fileName.contains("صورة"))
            let served = try await client.get(item.path)
            #expect(served.status == .ok)
            #expect(served.headers[.contentType] == "image/png")
            #expect(served.headers[values: HTTPField.Name("X-Content-Type-Options")!] == ["nosniff"])
            // The media's own policy: its directives parsed, beside the site-wide one.
            let policies = served.headers[values: .contentSecurityPolicy].map {
                Set($0.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) })
            }
            #expect(policies.contains { $0.isSuperset(of: ["sandbox", "default-src 'none'"]) })
            #expect(Array(served.body.readableBytesView) == Self.png)
            // Only names the library made are looked up.
            #expect(try await client.get("/media/..%2Fnashra.sqlite").status == .notFound)
            #expect(
                try await client.get("/media/" + item.fileName.replacingOccurrences(of: ".png", with: ".php")).status
                    == .notFound)
        }
    }

    static let refusals: [(String, [UInt8])] = [
        ("shell.php", Array("<?php system($_GET['c']); ?>".utf8)),
        ("page.aspx", Array("<%@ Page Language=\"C#\" %>".utf8)),
        ("page.html", Array("<!DOCTYPE html><html><script>alert(1)</script></html>".utf8)),
        ("logo.svg", Array("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".utf8)),
        ("photo.png", MediaUploadTests.png + Array("<?php echo 1; ?>".utf8)),
        ("anim.gif", MediaUploadTests.gif + Array("<script>alert(1)</script>".utf8)),
        ("photo.php", MediaUploadTests.png),
        ("photo.png.html", MediaUploadTests.png),
        // From the black-box probe: a ZIP after IEND, and a 30000 × 30000 pixel bomb.
        ("photo.png", MediaUploadTests.png + [0x50, 0x4B, 0x03, 0x04] + Array("shell.php".utf8)),
        ("bomb.png", MediaUploadTests.pngHeader(width: 30000, height: 30000)),
    ]

    /// `png` with another size in its header.
    static func pngHeader(width: Int, height: Int) -> [UInt8] {
        var bytes = png
        for (offset, value) in [(16, width), (20, height)] {
            bytes.replaceSubrange(
                offset..<(offset + 4),
                with: [
                    UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF),
                ])
        }
        return bytes
    }

    @Test func commentsInsideAnImageAreNotStored() async throws {
        let harness = try WebHarness()
        try await harness.user("a@example.org", role: .author)
        // A GIF comment with markup the old blocklist did not know, before the trailer.
        let payload = Array("<details open ontoggle=alert(1)>".utf8)
        var commented = Self.gif
        commented.insert(contentsOf: [0x21, 0xFE, UInt8(payload.count)] + payload + [0x00], at: 13)
        let gif = commented
        try await harness.withClient { client async throws in
            let author = NewsroomSession(client)
            try await author.signIn("a@example.org")
            #expect(try await author.upload("anim.gif", gif, type: "image/gif").status == .seeOther)
            let item = try #require(try await harness.store.media(limit: 10, offset: 0).items.first)
            let served = try await client.get(item.path)
            #expect(Array(served.body.readableBytesView) == Self.gif)
            #expect(item.bytes == Self.gif.count)
        }
    }

    @Test(arguments: MediaUploadTests.refusals)
    func refusedUploadsStoreNothing(_ name: String, _ bytes: [UInt8]) async throws {
        let harness = try WebHarness()
        try await harness.user("a@example.org", role: .author)
        try await harness.withClient { client async throws in
            let author = NewsroomSession(client)
            try await author.signIn("a@example.org")
            let refused = try await author.upload(name, bytes, type: "image/png")
            #expect(refused.status == .unprocessableContent)
            let page = HTMLDocument(String(buffer: refused.body))
            #expect(page.first("//div[@class='error-summary']") != nil)
            #expect(page.first("//input[@id='file']")?["aria-invalid"] == "true")
            #expect(try await harness.store.media(limit: 10, offset: 0).total == 0)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: harness.directory + "/media")) ?? []
            #expect(files.isEmpty, "nothing written: \(files)")
            let log = try await harness.store.auditLog(limit: 5, offset: 0).items
            #expect(log.contains { $0.action == .mediaRefused && $0.target == name })
        }
    }

    @Test func contributorsCannotUpload() async throws {
        let harness = try WebHarness()
        try await harness.user("c@example.org", role: .contributor)
        try await harness.withClient { client async throws in
            let contributor = NewsroomSession(client)
            try await contributor.signIn("c@example.org")
            #expect(try await contributor.browser.get("/admin/media").status == .forbidden)
        }
    }

    /// The bytes are stored first under a name no one knows; when the database refuses the row, the
    /// file goes too, so the media folder holds only what the library lists.
    @Test func aRefusedRowLeavesNoFileBehind() async throws {
        let harness = try WebHarness(onDisk: true)
        try await harness.user("a@example.org", role: .author)
        // The database itself refuses the row, as a full disk or a lost connection would.
        try DurabilityTests.run(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute(\"CREATE TRIGGER refuse BEFORE INSERT ON media BEGIN SELECT RAISE(ABORT, 'refused'); END\"); c.commit()",
                harness.directory + "/nashra.sqlite",
            ])
        try await harness.withClient { client async throws in
            let author = NewsroomSession(client)
            try await author.signIn("a@example.org")
            let refused = try await author.upload("photo.png", Self.png, type: "image/png")
            #expect(refused.status == .internalServerError)
            #expect(try await harness.store.media(limit: 10, offset: 0).total == 0)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: harness.directory + "/media")) ?? []
            #expect(files.isEmpty, "no orphan file: \(files)")
        }
    }
}
