import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NashraCore
import NashraTestSupport
import NashraWeb
import Testing

/// Caching, compression, validators, headers, health.
@Suite("HTTP behaviour")
struct HTTPBehaviourTests {
    static func oneArticle(_ harness: WebHarness) async throws -> Article {
        let given = harness.given
        let world = try await given.section("دولي")
        return try await given.article("خبر", section: world, author: try await given.author("كاتب"))
    }

    @Test func pagesAreSentCompressedAsTheClientAsks() async throws {
        let harness = try WebHarness()
        _ = try await Self.oneArticle(harness)
        try await harness.withClient { client async throws in
            let plain = try await client.get("/")
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(plain.headers[.vary] == "Accept-Encoding")
            let gzip = try await client.get("/", headers: [.acceptEncoding: "gzip, deflate"])
            #expect(gzip.headers[.contentEncoding] == "gzip")
            #expect(Array(gzip.body.readableBytesView.prefix(2)) == [0x1f, 0x8b])
            #expect(gzip.body.readableBytes < plain.body.readableBytes / 2)
            let brotli = try await client.get("/", headers: [.acceptEncoding: "gzip, deflate, br"])
            #expect(brotli.headers[.contentEncoding] == "br")
            #expect(brotli.body.readableBytes < gzip.body.readableBytes)
            let refused = try await client.get("/", headers: [.acceptEncoding: "br;q=0, gzip;q=0"])
            #expect(refused.headers[.contentEncoding] == nil)
            // Each encoding is its own representation with its own validator.
            let tags = [plain, gzip, brotli].compactMap { $0.headers[.eTag] }
            #expect(Set(tags).count == 3)
        }
    }

    @Test func aRepeatedRequestWithTheETagGets304() async throws {
        let harness = try WebHarness()
        _ = try await Self.oneArticle(harness)
        try await harness.withClient { client async throws in
            let path = "/section/" + encoded("دولي")
            let first = try await client.get(path, headers: [.acceptEncoding: "gzip"])
            let etag = try #require(first.headers[.eTag])
            #expect(
                first.headers[.cacheControl]
                    == "public, max-age=0, s-maxage=600, stale-while-revalidate=30, stale-if-error=86400")
            let second = try await client.get(path, headers: [.acceptEncoding: "gzip", .ifNoneMatch: etag])
            #expect(second.status == .notModified)
            #expect(second.body.readableBytes == 0)
            #expect(second.headers[.eTag] == etag)
            let stale = try await client.get(path, headers: [.acceptEncoding: "gzip", .ifNoneMatch: "\"other\""])
            #expect(stale.status == .ok)
        }
    }

    /// Article pages are the same bytes for every anonymous reader: public, no cookie, tagged with
    /// what they show, and a 304 for anyone holding the ETag.
    @Test func articlePagesAreSharedByEveryReader() async throws {
        let harness = try WebHarness()
        let article = try await Self.oneArticle(harness)
        try await harness.withClient { client async throws in
            let path = "/news/" + encoded(article.slug)
            let first = try await client.get(path, headers: [.acceptEncoding: "gzip"])
            // Another reader, a cookie of ours that holds nothing personal, an analytics cookie.
            let second = try await client.get(
                path, headers: [.acceptEncoding: "gzip", .cookie: "__Host-nashra_reader=abcdefghijklmnopqrstuv; _ga=1"])
            #expect(first.status == .ok && second.status == .ok)
            #expect(first.body == second.body)
            #expect(first.headers[.setCookie] == nil && second.headers[.setCookie] == nil)
            let directives = Dictionary(
                uniqueKeysWithValues: try #require(first.headers[.cacheControl]).split(separator: ",").map { part in
                    let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                    return (String(pair[0]), pair.count > 1 ? String(pair[1]) : "")
                })
            #expect(directives["public"] == "" && directives["private"] == nil)
            #expect(directives["s-maxage"] == "600" && directives["max-age"] == "0")
            #expect(directives["stale-while-revalidate"] == "30" && directives["stale-if-error"] == "86400")
            let keys = Set((first.headers[.surrogateKey] ?? "").split(separator: " ").map(String.init))
            #expect(keys.isSuperset(of: ["article-\(article.id)", "section-\(article.section.id)"]))
            #expect(first.headers[.cacheTag]?.split(separator: ",").contains("article-\(article.id)") == true)
            let etag = try #require(first.headers[.eTag])
            let stranger = try await client.get(path, headers: [.acceptEncoding: "gzip", .ifNoneMatch: etag])
            #expect(stranger.status == .notModified)
            // Signed-in staff get the same page as a private response.
            let staff = try await client.get(path, headers: [.cookie: "__Host-nashra_session=whatever"])
            #expect(staff.headers[.cacheControl] == "private, no-cache")
            #expect(staff.headers[.surrogateKey] == nil)
        }
    }

    @Test func aWriteShowsOnTheNextRequestAfterTheVersionCheck() async throws {
        let harness = try WebHarness()
        let article = try await Self.oneArticle(harness)
        try await harness.withClient { client async throws in
            let (_, before) = try await client.page("/")
            #expect(before.all("//h3/a").map(\.text).contains("خبر جديد") == false)
            try await harness.given.article("خبر جديد", section: article.section, author: article.author, hoursAgo: 0.5)
            harness.clock.advance(by: 2)
            let (_, after) = try await client.page("/")
            #expect(after.first("//section[@class='lead-story']//h3/a")?.text == "خبر جديد")
        }
    }

    @Test func securityHeadersAreOnEveryResponse() async throws {
        let harness = try WebHarness()
        _ = try await Self.oneArticle(harness)
        try await harness.withClient { client async throws in
            for path in ["/", "/no-such-page", "/healthz", "/assets/site.css"] {
                let response = try await client.get(path)
                let csp = try #require(response.headers[.contentSecurityPolicy], "\(path)")
                #expect(csp.contains("default-src 'self'"))
                #expect(csp.contains("frame-ancestors 'none'"))
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "strict-origin-when-cross-origin")
            }
        }
    }

    @Test func aForgedHostHeaderChangesNoURL() async throws {
        let harness = try WebHarness()
        let article = try await Self.oneArticle(harness)
        try await harness.withClient { client async throws in
            let response = try await client.get(
                "/news/" + encoded(article.slug),
                headers: [HTTPField.Name("Host")!: "evil.example", HTTPField.Name("X-Forwarded-Host")!: "evil.example"])
            let body = String(buffer: response.body)
            #expect(!body.contains("evil.example"))
            let page = HTMLDocument(body)
            #expect(page.first("//link[@rel='canonical']")?["href"]?.hasPrefix(WebHarness.baseURL + "/") == true)
        }
    }

    @Test func nothingIsLoadedFromAnotherHost() async throws {
        let harness = try WebHarness()
        let article = try await Self.oneArticle(harness)
        try await harness.withClient { client async throws in
            for path in ["/", "/news/" + encoded(article.slug), "/missing"] {
                let (_, page) = try await client.page(path)
                let loaded = page.all("//script[@src] | //link[@rel='stylesheet' or @rel='icon'] | //img")
                #expect(!loaded.isEmpty)
                for element in loaded {
                    let url = element["src"] ?? element["href"] ?? ""
                    #expect(url.hasPrefix("/") && !url.hasPrefix("//"), "\(path) loads \(url)")
                }
            }
        }
    }

    @Test func healthAndAssets() async throws {
        let harness = try WebHarness()
        try await harness.withClient { client async throws in
            let health = try await client.get("/healthz")
            #expect(health.status == .ok)
            #expect(String(buffer: health.body) == "ok\n")
            // Pages link the stylesheet under a name that carries its content's hash: kept for a year.
            let (_, home) = try await client.page("/")
            let href = try #require(home.first("//head/link[@rel='stylesheet']")?["href"])
            #expect(href.wholeMatch(of: /\/assets\/site\.[0-9a-f]{12}\.css/) != nil, "\(href)")
            let css = try await client.get(href)
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(css.headers[.cacheControl] == "public, max-age=31536000, immutable")
            // The plain name and an old hash (a page cached before a deploy) get today's file, briefly.
            for other in ["/assets/site.css", "/assets/site.0123456789ab.css"] {
                let answer = try await client.get(other)
                #expect(answer.status == .ok && answer.body == css.body, "\(other)")
                #expect(answer.headers[.cacheControl] == "public, max-age=3600", "\(other)")
            }
            for missing in [
                "/assets/..%2FPackage.swift", "/assets/nothing.css", "/assets/nothing.0123456789ab.css",
                "/assets/site.0123.css", "/assets/site.ghijklmnopqr.css",
            ] {
                #expect(try await client.get(missing).status == .notFound, "\(missing)")
            }
        }
    }

    @Test func theEnglishSettingTurnsThePageLeftToRight() async throws {
        let harness = try WebHarness()
        let article = try await Self.oneArticle(harness)
        var settings = SiteSettings()
        try settings.set("language", to: "en")
        try await harness.store.saveSettings(settings)
        try await harness.withClient { client async throws in
            let (_, page) = try await client.page("/news/" + encoded(article.slug))
            #expect(page.first("/html")?["lang"] == "en")
            #expect(page.first("/html")?["dir"] == "ltr")
            #expect(page.first("//h2[@id='reply-title']")?.text == "Leave a comment")
            #expect(page.first("//*[contains(@class,'byline-date')]/time")?.text.contains("March") == true)
        }
    }

    @Test func theHijriSettingShowsHijriDates() async throws {
        let harness = try WebHarness()
        let article = try await Self.oneArticle(harness)
        var settings = SiteSettings()
        try settings.set("calendar", to: "hijri")
        try await harness.store.saveSettings(settings)
        try await harness.withClient { client async throws in
            let (_, page) = try await client.page("/news/" + encoded(article.slug))
            let date = try #require(page.first("//*[contains(@class,'byline-date')]/time")?.text)
            // 15 March 2026 is 26 Ramadan 1447.
            #expect(date.contains("رمضان"), "\(date)")
            #expect(date.contains("١٤٤٧"), "\(date)")
        }
    }
}
