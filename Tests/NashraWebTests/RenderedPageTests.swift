import Foundation
import HTTPTypes
import NIOCore
import NashraSQLite
import Testing

@testable import NashraWeb

/// A page compresses lazily when it is sent once and eagerly when it is kept, and both answer the same.
@Suite("Rendered page")
struct RenderedPageTests {
    static let body = String(repeating: "خبر عاجل عن الطقس في المدينة. ", count: 60)
    static let encodings = [nil, "gzip", "br", "gzip, deflate, br", "identity", "br;q=0, gzip", "*"]

    static func page(brotli: Bool = true) -> RenderedPage {
        RenderedPage(
            contentType: "text/html; charset=utf-8", cacheControl: "public, max-age=60", body: body,
            cacheKeys: ["article-1", "home"], brotli: brotli)
    }

    /// The application's answer, after checking that the event loop's (NIO's HTTP/1 types, with
    /// Content-Length and the security headers) says the same.
    static func answer(_ page: RenderedPage, _ acceptEncoding: String?, ifNoneMatch: String? = nil) -> (
        HTTPResponse.Status, HTTPFields, [UInt8]?
    ) {
        var request: HTTPFields = [:]
        if let acceptEncoding { request[.acceptEncoding] = acceptEncoding }
        if let ifNoneMatch { request[.ifNoneMatch] = ifNoneMatch }
        let (status, headers, body) = page.answer(to: request)
        for strictTransport in [false, true] {
            let (head, directBody) = page.answer(
                acceptEncoding: acceptEncoding, ifNoneMatch: ifNoneMatch, ifModifiedSince: nil,
                strictTransport: strictTransport)
            var expected = headers
            if let body { expected[.contentLength] = String(body.readableBytes) }
            expected.append(contentsOf: securityFields)
            if strictTransport {
                expected[HTTPField.Name("Strict-Transport-Security")!] = SecurityHeadersMiddleware<NashraRequestContext>.hsts
            }
            #expect(Int(head.status.code) == status.code && head.version == .http1_1)
            let sent = head.headers.filter { $0.name != "Date" }.map { "\($0.name): \($0.value)" }
            #expect(sent == expected.map { "\($0.name): \($0.value)" })
            #expect(head.headers["Date"].count == 1 && HTTPDate.parse(head.headers["Date"][0]) != nil)
            #expect(directBody == body)
        }
        return (status, headers, body.map { Array($0.readableBytesView) })
    }

    @Test func aNewPageHoldsOnlyItsBytesAndCompressesWhatARequestTakes() throws {
        let page = Self.page()
        #expect(page.gzip == nil && page.brotli == nil)
        #expect(page.byteCount == Array(Self.body.utf8).count)
        let (_, headers, body) = Self.answer(page, "gzip")
        #expect(headers[.contentEncoding] == "gzip")
        #expect(body == Compression.gzip(Array(Self.body.utf8)))
        let (_, brHeaders, brBody) = Self.answer(page, "br")
        #expect(brHeaders[.contentEncoding] == "br")
        let decoded = CompressionTests.unbrotli(try #require(brBody), expected: Array(Self.body.utf8).count)
        #expect(decoded == Array(Self.body.utf8))
    }

    @Test func aCompletedPageAnswersEveryRequestAsTheLazyOneDoes() throws {
        let lazy = Self.page()
        let completed = lazy.completed()
        #expect(completed.gzip != nil && completed.brotli != nil)
        #expect(completed.byteCount > lazy.byteCount)
        for encoding in Self.encodings {
            let (lazyStatus, lazyHeaders, lazyBody) = Self.answer(lazy, encoding)
            let (status, headers, body) = Self.answer(completed, encoding)
            #expect(lazyStatus == status, "\(encoding ?? "none")")
            #expect(lazyHeaders == headers, "\(encoding ?? "none")")
            #expect(lazyBody == body, "\(encoding ?? "none")")
        }
        // A 304 for a page not compressed yet says what the kept page says, for every encoding.
        for encoding in Self.encodings {
            let (_, sent, _) = Self.answer(completed, encoding)
            let etag = try #require(sent[.eTag])
            let (lazyStatus, lazyHeaders, lazyBody) = Self.answer(lazy, encoding, ifNoneMatch: etag)
            let (status, headers, body) = Self.answer(completed, encoding, ifNoneMatch: "W/" + etag)
            #expect(lazyStatus == .notModified && status == .notModified, "\(encoding ?? "none")")
            #expect(lazyHeaders == headers && lazyBody == nil && body == nil, "\(encoding ?? "none")")
        }
        let (_, headers, _) = Self.answer(completed, "gzip, br")
        #expect(headers[.contentEncoding] == "br")
        #expect(headers[.surrogateKey] == "article-1 home")
        #expect(headers[.eTag] == "\"\(completed.hash)-br\"")
        let (status, notModified, body) = Self.answer(completed, "gzip, br", ifNoneMatch: headers[.eTag])
        #expect(status == .notModified && body == nil && notModified[.contentType] == nil)
    }

    @Test func aPageWithoutBrotliIsSentAsGzipToABrotliReader() {
        for page in [Self.page(brotli: false), Self.page(brotli: false).completed()] {
            #expect(page.brotli == nil)
            let (_, headers, _) = Self.answer(page, "gzip, br")
            #expect(headers[.contentEncoding] == "gzip")
            let (_, brOnly, body) = Self.answer(page, "br")
            #expect(brOnly[.contentEncoding] == nil && body == Array(Self.body.utf8))
        }
    }

    @Test func theCacheKeepsThePageCompressedAndCountsWhatItKeeps() async throws {
        let cache = PageCache(lifetime: 60, limit: 10)
        let version = try await cache.catchUp(with: try SQLiteStore.inMemory())
        let kept = try #require(
            cache.store(Self.page(), for: "/a", keys: [], renderedAt: version, now: Date(timeIntervalSince1970: 0)))
        #expect(kept.gzip != nil && kept.brotli != nil)
        #expect(cache.byteCount == kept.byteCount)
        cache.invalidateAll()
        #expect(cache.byteCount == 0)
    }
}

/// `Accept-Encoding` as browsers, tools and proxies send it.
@Suite("Accept-Encoding")
struct AcceptEncodingTests {
    @Test(arguments: [
        ("gzip", true, false), ("br", false, true), ("gzip, deflate, br, zstd", true, true),
        ("GZIP, BR", true, true), (" gzip ,\tbr\t", true, true), ("x-gzip", true, false), ("deflate", false, false),
        ("gzipx, brr", false, false), ("identity", false, false), (",,gzip,,", true, false), ("", false, false),
        ("gzip;q=0, br", false, true), ("gzip;q=0.5, br;q=0", true, false), ("*", true, true),
        ("*;q=0, gzip", true, false), ("br;q=1.0, *;q=0", false, true), ("Gzip; q=0", false, false),
    ])
    func codingsAccepted(header: String, gzip: Bool, brotli: Bool) {
        let accepted = ContentCoding.accepted(by: header)
        #expect(accepted.gzip == gzip, "\(header)")
        #expect(accepted.brotli == brotli, "\(header)")
    }

    @Test func noHeaderAcceptsNeither() {
        let accepted = ContentCoding.accepted(by: nil)
        #expect(!accepted.gzip && !accepted.brotli)
    }
}
