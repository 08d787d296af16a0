import Foundation
import NashraCore
import NashraSQLite
import NashraTestSupport
import Testing

@testable import NashraWeb

/// The in-memory page cache's own rules: lifetime, eviction by use, purge by key, and no page kept
/// from a render that a write overtook. A real SQLite store records the changes.
@Suite("Page cache")
struct PageCacheTests {
    static func page(_ text: String) -> RenderedPage {
        RenderedPage(contentType: "text/plain", cacheControl: "no-store", body: text)
    }

    let store: SQLiteStore
    let start = Date(timeIntervalSince1970: 1_000)
    var given: Fixtures<SQLiteStore> { Fixtures(store: store, now: start) }

    init() throws { store = try SQLiteStore.inMemory() }

    @Test func pagesExpireAfterTheirLifetime() async throws {
        let cache = PageCache(lifetime: 60, limit: 10)
        let version = try await cache.catchUp(with: store)
        #expect(cache.store(Self.page("a"), for: "/a", keys: [], renderedAt: version, now: start) != nil)
        #expect(cache.page(for: "/a", now: start.addingTimeInterval(59)) != nil)
        #expect(cache.page(for: "/a", now: start.addingTimeInterval(61)) == nil)
    }

    @Test func anExpiredPageIsRenderedOnceWhileOthersGetTheOldCopy() async throws {
        let cache = PageCache(lifetime: 60, limit: 10)
        let version = try await cache.catchUp(with: store)
        cache.store(Self.page("old"), for: "/a", keys: [CacheKey.home], renderedAt: version, now: start)
        let later = start.addingTimeInterval(61)
        #expect(cache.page(for: "/a", now: later) == nil, "expired")
        #expect(cache.staleWhileRefreshing("/a") == nil, "the first reader renders it")
        #expect(cache.staleWhileRefreshing("/a")?.hash == Self.page("old").hash, "the next gets the old copy")
        cache.endRefresh("/a")
        #expect(cache.staleWhileRefreshing("/a") == nil, "after a render that was not kept, the next renders")
        cache.endRefresh("/a")
        #expect(cache.store(Self.page("new"), for: "/a", keys: [CacheKey.home], renderedAt: version, now: later) != nil)
        #expect(cache.page(for: "/a", now: later)?.hash == Self.page("new").hash)
        // A page nobody has: nothing to send, every reader renders.
        #expect(cache.staleWhileRefreshing("/none") == nil && cache.staleWhileRefreshing("/none") == nil)
    }

    @Test func aPurgedPageIsNeverSentStale() async throws {
        let section = try await given.section("اقتصاد")
        let author = try await given.author("كاتب")
        let cache = PageCache(lifetime: 60, limit: 10)
        let version = try await cache.catchUp(with: store)
        cache.store(Self.page("home"), for: "/", keys: [CacheKey.home], renderedAt: version, now: start)
        #expect(cache.staleWhileRefreshing("/") == nil)
        try await given.article("خبر جديد", section: section, author: author, hoursAgo: 0)
        try await cache.catchUp(with: store)
        #expect(!cache.holds("/"))
        #expect(cache.staleWhileRefreshing("/") == nil, "purged, so the next reader renders")
    }

    @Test func aFullCacheDropsTheLeastRecentlyUsedQuarter() async throws {
        let cache = PageCache(lifetime: 600, limit: 8)
        let version = try await cache.catchUp(with: store)
        for index in 0..<8 {
            cache.store(Self.page("\(index)"), for: "/\(index)", keys: [], renderedAt: version, now: start)
        }
        // The first two stored are the most recently read, so the next two are the coldest.
        _ = cache.page(for: "/0", now: start)
        _ = cache.page(for: "/1", now: start)
        cache.store(Self.page("new"), for: "/new", keys: [], renderedAt: version, now: start)
        #expect(cache.count == 7)
        #expect(cache.holds("/0") && cache.holds("/1") && cache.holds("/new"))
        #expect(!cache.holds("/2") && !cache.holds("/3"))
        // Replacing a page that is already there evicts nothing.
        cache.store(Self.page("again"), for: "/new", keys: [], renderedAt: version, now: start)
        #expect(cache.count == 7)
    }

    @Test func aByteBudgetEvictsTheLeastRecentlyUsedToo() async throws {
        // Short bodies are kept uncompressed only, so each page here costs exactly its length.
        let pages = (0..<4).map { Self.page(String(repeating: "\($0)", count: 100)) }
        #expect(pages.allSatisfy { $0.byteCount == 100 })
        let cache = PageCache(lifetime: 600, limit: 1_000, byteLimit: 400)
        let version = try await cache.catchUp(with: store)
        for (index, page) in pages.enumerated() {
            #expect(cache.store(page, for: "/\(index)", keys: [], renderedAt: version, now: start) != nil)
        }
        #expect(cache.byteCount == 400)
        _ = cache.page(for: "/0", now: start)
        #expect(
            cache.store(
                Self.page(String(repeating: "n", count: 150)), for: "/new", keys: [], renderedAt: version, now: start)
                != nil)
        // 150 more bytes than fit: the coldest pages go until the new one fits in three quarters.
        #expect(cache.holds("/0") && cache.holds("/new"))
        #expect(!cache.holds("/1") && !cache.holds("/2"))
        #expect(cache.byteCount <= 400 && cache.byteCount == 100 * (cache.count - 1) + 150)
        // A page bigger than the whole budget is not kept, and pushes nothing out.
        #expect(
            cache.store(
                Self.page(String(repeating: "x", count: 500)), for: "/big", keys: [], renderedAt: version, now: start)
                == nil)
        #expect(cache.holds("/0") && cache.holds("/new"))
        // A write that drops everything frees every byte.
        cache.invalidateAll()
        #expect(cache.byteCount == 0 && cache.count == 0)
    }

    @Test func aZeroByteBudgetKeepsNothing() async throws {
        let cache = PageCache(lifetime: 600, limit: 100, byteLimit: 0)
        let version = try await cache.catchUp(with: store)
        #expect(cache.store(Self.page("a"), for: "/a", keys: [], renderedAt: version, now: start) == nil)
        #expect(cache.page(for: "/a", now: start) == nil)
    }

    @Test func aWriteDropsOnlyThePagesThatShowWhatItChanged() async throws {
        let section = try await given.section("اقتصاد")
        let other = try await given.section("رياضة")
        let author = try await given.author("كاتب")
        let edited = try await given.article("خبر أول", section: section, author: author, hoursAgo: 2)
        let untouched = try await given.article("خبر ثان", section: other, author: author, hoursAgo: 1)
        let purged = Purges()
        let cache = PageCache(lifetime: 600, limit: 100, onPurge: { purged.add($0) })
        let version = try await cache.catchUp(with: store)
        cache.store(
            Self.page("1"), for: "/news/1", keys: [CacheKey.article(edited.id)], renderedAt: version, now: start)
        cache.store(
            Self.page("2"), for: "/news/2", keys: [CacheKey.article(untouched.id), CacheKey.section(other.id)],
            renderedAt: version, now: start)
        cache.store(Self.page("home"), for: "/", keys: [CacheKey.home], renderedAt: version, now: start)

        _ = try await given.retitle(edited, to: "خبر أول معدل")
        try await cache.catchUp(with: store)
        #expect(!cache.holds("/news/1") && !cache.holds("/"))
        #expect(cache.holds("/news/2"))
        let keys = try #require(purged.all.last)
        #expect(keys.contains(CacheKey.article(edited.id)) && keys.contains(CacheKey.section(section.id)))
        #expect(!keys.contains(CacheKey.section(other.id)) && !keys.contains(CacheKey.everything))

        // A settings change touches every page.
        try await store.saveSettings(SiteSettings(name: "اسم آخر"))
        try await cache.catchUp(with: store)
        #expect(cache.count == 0)
        #expect(purged.all.last == [CacheKey.everything])
    }

    @Test func aPageRenderedBeforeAWriteLandsIsNotKept() async throws {
        let section = try await given.section("اقتصاد")
        let author = try await given.author("كاتب")
        let cache = PageCache(lifetime: 600, limit: 100)
        let before = try await cache.catchUp(with: store)
        // A write lands while the page is rendering; the cache learns of it first.
        _ = try await given.article("خبر", section: section, author: author, hoursAgo: 1)
        try await cache.catchUp(with: store)
        #expect(cache.store(Self.page("stale"), for: "/", keys: [CacheKey.home], renderedAt: before, now: start) == nil)
        #expect(!cache.holds("/"))
    }

    /// Sections, like the settings and footer pages, are read once and dropped by a change of
    /// everything; a read that a change overtook answers its own request and is not kept.
    @Test func theFrameIsKeptUntilAChangeAndAnOvertakenReadIsNotKept() async throws {
        let cache = PageCache(lifetime: 600, limit: 100)
        try await cache.catchUp(with: store)
        _ = try await given.section("اقتصاد")
        try await cache.catchUp(with: store)
        #expect(try await cache.frame(from: store, now: start).sections.map(\.name) == ["اقتصاد"])

        // Kept: a section written behind the cache's back is not seen until it catches up.
        _ = try await given.section("رياضة")
        #expect(try await cache.frame(from: store, now: start).sections.count == 1)
        try await cache.catchUp(with: store)
        #expect(try await cache.frame(from: store, now: start).sections.count == 2)

        // Dropped again, then read while another write lands and the cache learns of it.
        _ = try await given.section("ثقافة")
        try await cache.catchUp(with: store)
        let overtaken = try await cache.frameEntry(\.sections, from: store, now: start) {
            let read = try await store.sections()
            _ = try await given.section("صحة")
            try await cache.catchUp(with: store)
            return read
        }
        #expect(overtaken.count == 3)
        #expect(
            Set(try await cache.frame(from: store, now: start).sections.map(\.name)) == [
                "اقتصاد", "رياضة", "ثقافة", "صحة",
            ])
    }

    /// With nothing kept, a render needs no version read from the store (one read less per page);
    /// a cache that keeps pages catches up first, so it can tell a stale render.
    @Test func aCacheThatKeepsNothingStampsRendersWithoutReadingTheStore() async throws {
        let keeping = PageCache(lifetime: 600, limit: 100)
        let keepingNothing = PageCache(lifetime: 600, limit: 100, byteLimit: 0)
        let before = try await keeping.catchUp(with: store)
        try await keepingNothing.catchUp(with: store)
        _ = try await given.section("اقتصاد")
        #expect(try await keeping.renderVersion(with: store) > before)
        #expect(try await keepingNothing.renderVersion(with: store) == before)
    }

    @Test func recordsTooOldToReadDropEverything() async throws {
        let cache = PageCache(lifetime: 600, limit: 100)
        let version = try await cache.catchUp(with: store)
        cache.store(Self.page("x"), for: "/x", keys: ["article-999"], renderedAt: version, now: start)
        let (changes, latest) = try await store.contentChanges(after: version - 1)
        // The first version has no record (nothing wrote it), so reading from before it is a gap.
        #expect(latest == version)
        #expect(changes == [ContentChange(version: version, keys: [CacheKey.everything])])
    }
}

/// Keys handed to the outside purger, in order.
final class Purges: @unchecked Sendable {
    private let lock = NSLock()
    private var sets: [Set<String>] = []
    func add(_ keys: Set<String>) { lock.withLock { sets.append(keys) } }
    var all: [Set<String>] { lock.withLock { sets } }
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
