import Foundation
import Testing

@testable import NashraWeb

/// The in-memory page cache's own rules: lifetime and bounded size.
@Suite("Page cache")
struct PageCacheTests {
    static func page(_ text: String) -> RenderedPage {
        RenderedPage(contentType: "text/plain", cacheControl: "no-store", body: text)
    }

    @Test func pagesExpireAfterTheirLifetime() {
        let cache = PageCache(lifetime: 60, limit: 10)
        let start = Date(timeIntervalSince1970: 1_000)
        cache.store(Self.page("a"), for: "/a", now: start)
        #expect(cache.page(for: "/a", now: start.addingTimeInterval(59)) != nil)
        #expect(cache.page(for: "/a", now: start.addingTimeInterval(61)) == nil)
    }

    @Test func aFullCacheDropsItsOldestQuarterAndKeepsTheRest() {
        let cache = PageCache(lifetime: 600, limit: 8)
        let start = Date(timeIntervalSince1970: 1_000)
        for index in 0..<8 {
            cache.store(Self.page("\(index)"), for: "/\(index)", now: start.addingTimeInterval(Double(index)))
        }
        #expect(cache.count == 8)
        cache.store(Self.page("new"), for: "/new", now: start.addingTimeInterval(10))
        #expect(cache.count == 7)
        let now = start.addingTimeInterval(11)
        #expect(cache.page(for: "/0", now: now) == nil)
        #expect(cache.page(for: "/1", now: now) == nil)
        #expect(cache.page(for: "/2", now: now) != nil)
        #expect(cache.page(for: "/new", now: now) != nil)
        // Replacing a page that is already there evicts nothing.
        cache.store(Self.page("again"), for: "/new", now: now)
        #expect(cache.count == 7)
    }
}

/// The hand-written base64url matches Foundation's base64 with the URL alphabet and no padding.
@Suite("Base64URL")
struct Base64URLTests {
    @Test(arguments: [0, 1, 2, 3, 4, 5, 16, 31, 32, 33, 100])
    func matchesFoundation(_ length: Int) {
        var generator = SystemRandomNumberGenerator()
        let bytes = Data((0..<length).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        let expected = bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        #expect(bytes.base64URLEncoded() == expected)
        #expect(Data(base64URL: expected) == bytes)
    }
}
