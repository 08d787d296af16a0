import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NashraCore
import NashraTestSupport
import Testing

@testable import NashraWeb

/// Pictures end to end with Debian's real libvips: uploaded in the newsroom, resized in the
/// background, served under content-hashed names, and shown responsively in the pages.
@Suite("Pictures", .serialized)
struct PictureTests {
    /// Every `url 640w` of a `srcset`, as (address, width).
    static func candidates(_ srcset: String?) -> [(url: String, width: Int)] {
        (srcset ?? "").split(separator: ",").compactMap { candidate in
            let parts = candidate.split(separator: " ")
            guard parts.count == 2, parts[1].hasSuffix("w"), let width = Int(parts[1].dropLast()) else { return nil }
            return (String(parts[0]), width)
        }
    }

    @Test("a 4000×3000 camera JPEG with GPS: answered at once, copies without the position, shown with srcset")
    func aCameraPhoto() async throws {
        let harness = try WebHarness()
        try await harness.user("e@example.org", role: .editor)
        let section = try await harness.given.section("محليات", slug: "local")
        let author = try await harness.given.author("سلمى")
        let photo = TestPictures.withCameraEXIF(try TestPictures.noise(width: 4000, height: 3000, format: "jpg"))
        #expect(photo.firstRange(of: TestPictures.gpsSeconds) != nil)
        try await harness.withClient(resizer: VipsResizer()) { client in
            let editor = NewsroomSession(client)
            try await editor.signIn("e@example.org")
            #expect(try await editor.upload("الميناء.jpg", photo, type: "image/jpeg").status == .seeOther)
            let item = try #require(try await harness.store.media(limit: 1, offset: 0).items.first)
            try await harness.picturesSettled()
            let ready = try #require(try await harness.store.media(id: item.id))
            #expect(ready.state == .ready)
            // Upright (orientation 6): 3000 wide as shown, so every width fits.
            #expect(ready.widths(.webp).map(\.width) == [320, 640, 960, 1280, 1920])
            #expect(ready.widths(.jpeg).map(\.width) == [320, 640, 960, 1280, 1920])
            #expect(ready.social.map { ($0.width, $0.height) } ?? (0, 0) == (1200, 630))

            let original = try await client.get(item.path)
            #expect(original.status == .ok)
            let originalBytes = Array(original.body.readableBytesView)
            #expect(originalBytes.firstRange(of: TestPictures.gpsSeconds) == nil, "the stored original keeps no GPS")
            for variant in ready.variants {
                let served = try await client.get("/media/" + variant.fileName)
                #expect(served.status == .ok)
                #expect(served.headers[.contentType] == variant.format.mimeType)
                #expect(served.headers[.cacheControl]?.contains("immutable") == true)
                let bytes = Array(served.body.readableBytesView)
                #expect(bytes.count == variant.bytes && bytes.count < photo.count)
                #expect(bytes.firstRange(of: TestPictures.gpsSeconds) == nil, "\(variant.fileName) keeps GPS")
                #expect(variant.width <= 3000)
            }

            // Details from the picture's page: the focal point refused out of range, what was typed kept.
            let detailsPath = "/admin/media/\(item.id)"
            let refused = try await editor.post(
                detailsPath,
                [
                    ("alt", "سفن في الميناء"), ("caption", "الميناء صباح الإضراب"), ("credit", "سلمى حداد"),
                    ("focal_x", "140"), ("focal_y", "50"),
                ])
            #expect(refused.status == .unprocessableContent)
            let form = HTMLDocument(String(buffer: refused.body))
            #expect(form.first("//p[@id='focal_x-error']") != nil)
            #expect(form.first("//input[@id='focal_x']")?["aria-describedby"]?.contains("focal_x-error") == true)
            #expect(form.first("//input[@id='alt']")?["value"] == "سفن في الميناء")
            #expect(form.first("//textarea[@id='caption']")?.text == "الميناء صباح الإضراب")
            #expect(try await harness.store.media(id: item.id)?.details == MediaDetails(), "nothing saved")
            let saved = try await editor.post(
                detailsPath,
                [
                    ("alt", "سفن في الميناء"), ("caption", "الميناء صباح الإضراب"), ("credit", "سلمى حداد"),
                    ("focal_x", "50"), ("focal_y", "50"),
                ])
            #expect(saved.status == .seeOther)

            try await harness.given.article(
                "إضراب عمال الميناء", section: section, author: author,
                cover: CoverImage(url: item.path, alt: "سفن راسية في الميناء"))
            let (_, home) = try await client.page("/")
            let lead = try #require(home.first("//section[contains(@class,'lead-story')]//picture//img"))
            #expect(lead["fetchpriority"] == "high" && lead["loading"] == nil)
            #expect(lead["alt"] == "سفن راسية في الميناء")
            #expect((lead["width"], lead["height"]) == ("1920", "2560"))
            let webp = Self.candidates(
                home.first("//section[contains(@class,'lead-story')]//picture/source[@type='image/webp']")?["srcset"])
            #expect(webp.map(\.width) == [320, 640, 960, 1280, 1920])
            #expect(webp.allSatisfy { $0.url.hasSuffix(".webp") })
            #expect(Self.candidates(lead["srcset"]).allSatisfy { $0.url.hasSuffix(".jpg") })
            #expect(lead["sizes"]?.isEmpty == false)
            #expect(!(lead["src"] ?? "").isEmpty && lead["src"] != item.path, "the original is not what pages load")

            let (_, page) = try await client.page(
                try #require(home.first("//section[contains(@class,'lead-story')]//h3/a")?["href"]))
            let cover = try #require(page.first("//figure[@class='article-cover']//picture//img"))
            #expect(cover["width"] == "1920" && cover["height"] == "2560" && cover["alt"] == "سفن راسية في الميناء")
            #expect(
                page.first("//figure[@class='article-cover']/figcaption/span[@class='caption']")?.text
                    == "الميناء صباح الإضراب")
            #expect(
                page.first("//figure[@class='article-cover']/figcaption/span[@class='credit']")?.text
                    == "تصوير: سلمى حداد")
            let social = try #require(ready.social)
            let ogImage = page.first("//meta[@property='og:image']")?["content"]
            #expect(ogImage == WebHarness.baseURL + "/media/" + social.fileName)
            #expect(page.first("//meta[@property='og:image:width']")?["content"] == "1200")
            #expect(page.first("//meta[@property='og:image:height']")?["content"] == "630")
            #expect(page.first("//meta[@name='twitter:image']")?["content"] == ogImage)
            let article = try #require(
                try HeadMetadataTests.jsonLD(page).first { $0["@type"] as? String == "NewsArticle" })
            #expect(
                article["image"] as? [String]
                    == ready.searchCrops.map { WebHarness.baseURL + "/media/" + $0.fileName })
            for (crop, height) in zip(ready.searchCrops, [675, 900, 1200]) {
                #expect(crop.width == 1200 && abs(crop.height - height) <= 1, "\(crop.purpose)")
            }
            #expect(ready.searchCrops.count == 3)
        }
    }

    @Test("a corrupt JPEG is refused by the resizer, never served, and the site goes on")
    func aCorruptJPEG() async throws {
        let harness = try WebHarness()
        try await harness.user("a@example.org", role: .author)
        try await harness.withClient(resizer: VipsResizer()) { client in
            let author = NewsroomSession(client)
            try await author.signIn("a@example.org")
            #expect(
                try await author.upload("broken.jpg", try TestPictures.corruptJPEG(), type: "image/jpeg").status
                    == .seeOther)
            let item = try #require(try await harness.store.media(limit: 1, offset: 0).items.first)
            try await harness.picturesSettled()
            #expect(try await harness.store.media(id: item.id)?.state == .failed)
            #expect(try await client.get(item.path).status == .notFound)
            let (_, library) = try await author.browser.page("/admin/media")
            #expect(library.first("//ul[@class='media-grid']//span[contains(@class,'media-state-failed')]") != nil)
            let (response, details) = try await author.browser.page("/admin/media/\(item.id)")
            #expect(response.status == .ok)
            #expect(details.first("//p[@role='alert']") != nil)
            #expect(try await client.get("/").status == .ok)
        }
    }

    @Test("a PNG claiming 30000×30000 is refused at upload with the reason beside the field")
    func aDecompressionBomb() async throws {
        let harness = try WebHarness()
        try await harness.user("a@example.org", role: .author)
        try await harness.withClient(resizer: VipsResizer()) { client in
            let author = NewsroomSession(client)
            try await author.signIn("a@example.org")
            let refused = try await author.upload(
                "huge.png", MediaUploadTests.pngHeader(width: 30000, height: 30000), type: "image/png")
            #expect(refused.status == .unprocessableContent)
            let page = HTMLDocument(String(buffer: refused.body))
            #expect(page.first("//p[@id='file-error']")?.text.contains("50") == true)
            #expect(page.first("//input[@id='file']")?["aria-invalid"] == "true")
            #expect(try await harness.store.media(limit: 1, offset: 0).total == 0)
            #expect(try await client.get("/").status == .ok)
        }
    }

    @Test("the library: searched and paged; the editor's upload answers JSON")
    func theLibrary() async throws {
        let harness = try WebHarness()
        try await harness.user("e@example.org", role: .editor)
        try await harness.withClient { client in
            let editor = NewsroomSession(client)
            try await editor.signIn("e@example.org")
            for index in 0..<26 {
                #expect(
                    try await editor.upload("صورة-\(index).png", MediaUploadTests.png, type: "image/png").status
                        == .seeOther)
            }
            let (_, first) = try await editor.browser.page("/admin/media")
            #expect(first.count("//ul[@class='media-grid']/li") == 24)
            #expect(first.first("//a[@rel='next']")?["href"] == "/admin/media?page=2")
            let (_, second) = try await editor.browser.page("/admin/media?page=2")
            #expect(second.count("//ul[@class='media-grid']/li") == 2)
            #expect(try await editor.browser.page("/admin/media?page=3").0.status == .notFound)
            let (_, found) = try await editor.browser.page("/admin/media?q=" + encoded("صورة-17"))
            #expect(found.all("//ul[@class='media-grid']/li//bdi").map(\.text) == ["صورة-17.png"])
            #expect(found.first("//input[@id='media-q']")?["value"] == "صورة-17")

            let json = try await editor.upload(
                "غلاف.png", MediaUploadTests.png, type: "image/png", accept: "application/json")
            #expect(json.status == .created)
            let answer = try JSONDecoder().decode([String: String].self, from: Data(buffer: json.body))
            let newest = try #require(try await harness.store.media(limit: 1, offset: 0).items.first)
            #expect(answer["url"] == newest.path && answer["name"] == "غلاف.png")
            let bad = try await editor.upload(
                "x.png", Array("not a picture".utf8), type: "image/png", accept: "application/json")
            #expect(bad.status == .unprocessableContent)
            #expect(
                try JSONDecoder().decode([String: String].self, from: Data(buffer: bad.body))["error"]?.isEmpty == false
            )
        }
    }
}
