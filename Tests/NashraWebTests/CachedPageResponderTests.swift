import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NashraCore
import NashraSQLite
import NashraTestSupport
import Testing

@testable import NashraWeb

/// Pages answered from the cache before the router: the same answer the route gives, never for a
/// request the route would answer differently.
@Suite("Cached pages before the router")
struct CachedPageResponderTests {
    /// Every header but `Date`, in order, as name-value pairs.
    static func fields(_ response: TestResponse) -> [String] {
        response.headers.filter { $0.name != .date }.map { "\($0.name.rawName): \($0.value)" }
    }

    @Test func aPageFromTheCacheIsTheRoutesPageByteForByte() async throws {
        let harness = try WebHarness()
        let article = try await HTTPBehaviourTests.oneArticle(harness)
        try await harness.withClient { client async throws in
            let section = "/section/" + encoded(article.section.slug)
            for path in ["/news/" + encoded(article.slug), "/", section, section + "?page=1", "/feed"] {
                for encoding in ["gzip", "br", "identity"] {
                    let first = try await client.get(path, headers: [.acceptEncoding: encoding])
                    let second = try await client.get(path, headers: [.acceptEncoding: encoding])
                    #expect(first.status == .ok && second.status == .ok, "\(path)")
                    #expect(first.body == second.body, "\(path) \(encoding)")
                    #expect(Self.fields(first) == Self.fields(second), "\(path) \(encoding)")
                }
            }
        }
    }

    @Test func readyPagesNeedTheirOwnKeyOrAnAliasAndNoDueCheck() async throws {
        let store = try SQLiteStore.inMemory()
        let cache = PageCache(lifetime: 600, limit: 100, versionCheckInterval: 1)
        let start = Date(timeIntervalSince1970: 1_000)
        let version = try await cache.catchUp(with: store)
        let page = RenderedPage(contentType: "text/html", cacheControl: "public", body: "x")
        // The first lookup of a new cache is due a version check, so nothing is ready before it.
        cache.store(page, for: "/section/a?page=1", keys: [], renderedAt: version, now: start)
        #expect(cache.readyPage(for: "/section/a?page=1", now: start) == nil)
        await cache.revalidate(against: store, now: start)
        #expect(cache.readyPage(for: "/section/a?page=1", now: start) != nil)
        #expect(cache.readyPage(for: "/section/a", now: start) == nil, "no alias yet")
        cache.alias("/section/a", to: "/section/a?page=1")
        #expect(cache.readyPage(for: "/section/a", now: start) != nil)
        // Paths with a query never become aliases: the table cannot be grown by made-up queries.
        cache.alias("/section/a?utm=1", to: "/section/a?page=1")
        #expect(cache.readyPage(for: "/section/a?utm=1", now: start) == nil)
        // A check due sends the request to the router, which performs it.
        #expect(cache.readyPage(for: "/section/a", now: start.addingTimeInterval(2)) == nil)
        cache.invalidateAll()
        #expect(cache.readyPage(for: "/section/a", now: start) == nil)
    }

    @Test func personalCookiesAreRecognisedUnderEitherName() {
        #expect(PersonalCookies.present(in: ["_ga=1; __Host-nashra_session=abc"]))
        #expect(PersonalCookies.present(in: ["nashra_pending=1-2"]))
        #expect(PersonalCookies.present(in: ["a=b", "nashra_commenter=x"]))
        #expect(!PersonalCookies.present(in: ["__Host-nashra_reader=abc; _ga=1"]))
        #expect(!PersonalCookies.present(in: ["my_nashra_session=1"]))
    }
}
