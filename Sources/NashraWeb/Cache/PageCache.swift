import Foundation
import NashraCore

/// Rendered public pages kept in memory, keyed by path and the query parameters that matter, each
/// tagged with the cache keys of what it shows (``CacheKey``).
///
/// Every write records which keys it touched (``ContentChange``); the cache reads those records when
/// the content version moves — at once after its own writes and on news from another node, and at
/// most a second late otherwise — and drops exactly the pages they name. Pages rendered while a
/// write was landing are not kept: each render is stamped with the version read before it, and an
/// entry whose version is no longer the cache's is thrown away. The least recently used pages go
/// when the cache is full — by count or by bytes, whichever comes first; entries also expire after
/// a time, a bound for what no write announces. A byte budget of 0 keeps nothing.
public final class PageCache: @unchecked Sendable {
    /// A class, so marking it used is one dictionary lookup and no copy. Touched only under the lock.
    private final class Entry {
        let page: RenderedPage
        let keys: Set<String>
        /// The page's bytes when stored, what ``bytes`` counts for it.
        let size: Int
        let storedAt: Date
        var lastUsed: UInt64

        init(page: RenderedPage, keys: Set<String>, size: Int, storedAt: Date, lastUsed: UInt64) {
            self.page = page
            self.keys = keys
            self.size = size
            self.storedAt = storedAt
            self.lastUsed = lastUsed
        }
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    /// What every page shows besides its own content, kept with the pages and dropped with them.
    private var frame = FrameEntries()
    private var knownVersion: Int64?
    private var lastVersionCheck = Date.distantPast
    private var checking = false
    private var useClock: UInt64 = 0
    private var bytes = 0
    /// Request paths without a query whose page is kept under another key (`/section/x` is kept as
    /// `/section/x?page=1`), for ``readyPage(for:now:)``.
    private var aliases: [String: String] = [:]
    private var directAnswers = 0
    private var routerlessAnswers = 0
    /// Keys whose expired page one request is rendering again.
    private var refreshing: Set<String> = []
    let lifetime: TimeInterval
    let limit: Int
    /// The most bytes of page bodies (every encoding) kept at once.
    let byteLimit: Int
    /// How often the content version is read; one request in that interval pays for the read.
    let versionCheckInterval: TimeInterval
    /// Told the keys of every change this cache applies (an outside cache to purge), if anyone.
    let onPurge: (@Sendable (Set<String>) -> Void)?

    public init(
        lifetime: TimeInterval, limit: Int, byteLimit: Int = .max, versionCheckInterval: TimeInterval = 1,
        onPurge: (@Sendable (Set<String>) -> Void)? = nil
    ) {
        self.lifetime = lifetime
        self.limit = limit
        self.byteLimit = byteLimit
        self.versionCheckInterval = versionCheckInterval
        self.onPurge = onPurge
    }

    /// The cached page for `key`, if fresh, and whether the content version is due for a check —
    /// one lock for the common case.
    func lookup(_ key: String, now: Date) -> (page: RenderedPage?, versionCheckDue: Bool) {
        lock.withLock {
            let due = !checking && now.timeIntervalSince(lastVersionCheck) >= versionCheckInterval
            guard let entry = entries[key] else { return (nil, due) }
            // An expired page stays (see ``staleWhileRefreshing(_:)``) until it is replaced, purged
            // or evicted.
            guard now.timeIntervalSince(entry.storedAt) < lifetime else { return (nil, due) }
            useClock &+= 1
            entry.lastUsed = useClock
            return (entry.page, due)
        }
    }

    /// The page for a request's raw path and query when it can be sent without the router: fresh,
    /// kept under that very string (or, for a path without a query, its alias), and no version
    /// check due.
    func readyPage(for target: String, now: Date) -> RenderedPage? {
        let (page, due) = lookup(target, now: now)
        let ready: RenderedPage?
        if let page {
            ready = due ? nil : page
        } else if !due, let key = lock.withLock({ aliases[target] }) {
            let (aliased, aliasDue) = lookup(key, now: now)
            ready = aliasDue ? nil : aliased
        } else {
            ready = nil
        }
        return ready
    }

    /// Counts a page sent from ``readyPage(for:now:)``: `direct` from the event loop, otherwise in
    /// front of the router.
    func countAnswer(direct: Bool) {
        lock.withLock { if direct { directAnswers &+= 1 } else { routerlessAnswers &+= 1 } }
    }

    /// Pages sent from the event loop, and in front of the router (for tests and diagnostics).
    var answerCounts: (direct: Int, beforeRouter: Int) { lock.withLock { (directAnswers, routerlessAnswers) } }

    /// Lets ``readyPage(for:now:)`` find the page kept under `key` by `path` too. Only paths without
    /// a query, each of which reached a route that kept a page, so the table stays as small as the site.
    func alias(_ path: String, to key: String) {
        guard path != key, !path.contains("?") else { return }
        lock.withLock {
            if entries[key] != nil { aliases[path] = key }
        }
    }

    /// For a page past its lifetime: nil when the caller is to render it again (it is now the one
    /// rendering, until ``endRefresh(_:)``), or the expired copy to send while another request
    /// renders it, so a busy page that expires costs one render rather than one per waiting reader.
    /// Only lifetime makes a page stale here: a purged page is gone and is never sent again.
    func staleWhileRefreshing(_ key: String) -> RenderedPage? {
        lock.withLock {
            guard let entry = entries[key] else { return nil }
            return refreshing.insert(key).inserted ? nil : entry.page
        }
    }

    /// The render that ``staleWhileRefreshing(_:)`` asked for is over, kept or not.
    func endRefresh(_ key: String) {
        lock.withLock { _ = refreshing.remove(key) }
    }

    /// The cached page for `key`, if fresh.
    func page(for key: String, now: Date) -> RenderedPage? {
        lookup(key, now: now).page
    }

    /// Keeps `page` under `key`, compressed into every encoding it may be sent in, unless the content
    /// moved on since `version` was read for its render. Returns the page kept, nil if none was.
    @discardableResult
    func store(_ page: RenderedPage, for key: String, keys: Set<String>, renderedAt version: Int64, now: Date)
        -> RenderedPage?
    {
        guard byteLimit > 0, limit > 0, lock.withLock({ version == knownVersion }) else { return nil }
        let page = page.completed()
        let size = page.byteCount
        return lock.withLock {
            guard version == knownVersion, size <= byteLimit else { return nil }
            remove(key)
            let tooMany = entries.count >= limit
            let tooBig = bytes + size > byteLimit
            if tooMany || tooBig {
                // Full: drop the least recently used quarter (of the pages, or of the bytes, whichever
                // overflowed) in one sort, so eviction costs O(log n) per insert on average and the
                // pages readers keep asking for stay.
                let coldest = entries.sorted { $0.value.lastUsed < $1.value.lastUsed }
                let keepPages = tooMany ? limit - max(1, limit / 4) : Int.max
                let keepBytes = tooBig ? byteLimit - max(size, byteLimit / 4) : Int.max
                for (oldKey, _) in coldest where entries.count > keepPages || bytes > keepBytes { remove(oldKey) }
            }
            useClock &+= 1
            entries[key] = Entry(page: page, keys: keys, size: size, storedAt: now, lastUsed: useClock)
            bytes += size
            return page
        }
    }

    /// Drops every page.
    public func invalidateAll() {
        lock.withLock {
            removeAllPages()
            frame.drop()
        }
    }

    /// The site settings from memory, read from the store when the content version moved.
    func settings(from store: some ContentReading, now: Date) async throws -> SiteSettings {
        try await frameEntry(\.settings, from: store, now: now) { try await store.settings() }
    }

    /// What every page shows besides its own content, from memory (one version check for the
    /// three): the settings, the sections (the navigation; every write to them changes everything)
    /// and the footer's static pages.
    func frame(from store: some ContentReading & PageStore, now: Date) async throws -> (
        settings: SiteSettings, sections: [Section], footerPages: [StaticPage]
    ) {
        if lookup("", now: now).versionCheckDue { await revalidate(against: store, now: now) }
        return (
            try await kept(\.settings) { try await store.settings() },
            try await kept(\.sections) { try await store.sections() },
            try await kept(\.footer) { try await store.footerPages() }
        )
    }

    /// One of ``FrameEntries``, after the version check when one is due.
    func frameEntry<Value>(
        _ field: WritableKeyPath<FrameEntries, Value?>, from store: some ContentReading, now: Date,
        read: () async throws -> Value
    ) async throws -> Value {
        if lookup("", now: now).versionCheckDue { await revalidate(against: store, now: now) }
        return try await kept(field, read: read)
    }

    /// One of ``FrameEntries`` from memory or `read`; a value read while a change dropped them is
    /// used once, not kept.
    private func kept<Value>(_ field: WritableKeyPath<FrameEntries, Value?>, read: () async throws -> Value)
        async throws -> Value
    {
        let (cached, generation) = lock.withLock { (frame[keyPath: field], frame.generation) }
        if let cached { return cached }
        let value = try await read()
        lock.withLock { if frame.generation == generation { frame[keyPath: field] = value } }
        return value
    }

    var count: Int { lock.withLock { entries.count } }

    /// The bytes of the pages held (every encoding).
    var byteCount: Int { lock.withLock { bytes } }

    /// Whether a page is held under `key` (for tests and diagnostics).
    func holds(_ key: String) -> Bool { lock.withLock { entries[key] != nil } }

    /// The version to stamp a render with (see ``store(_:for:keys:renderedAt:now:)``): caught up with
    /// the store first when the page may be kept. A cache that keeps nothing (`--page-cache-mb 0`,
    /// a node behind a CDN) skips that read on every render; its frame still follows the store by
    /// ``revalidate(against:now:)`` and by its own writes.
    func renderVersion(with store: some ContentReading) async throws -> Int64 {
        guard byteLimit > 0, limit > 0 else { return lock.withLock { knownVersion } ?? 0 }
        return try await catchUp(with: store)
    }

    /// Reads the writes since the version this cache knows and drops the pages they touched; returns
    /// the version the cache is now at. Called before each render, after each write of this process
    /// and on news of a write elsewhere.
    @discardableResult
    func catchUp(with store: some ContentReading) async throws -> Int64 {
        let known = lock.withLock { knownVersion }
        guard let known else {
            let latest = try await store.contentVersion()
            return lock.withLock {
                if knownVersion == nil {
                    knownVersion = latest
                    removeAllPages()
                    frame.drop()
                }
                return knownVersion ?? latest
            }
        }
        let (changes, latest) = try await store.contentChanges(after: known)
        var purged: Set<String> = []
        let version: Int64 = lock.withLock {
            // Another catch-up may have applied some of these meanwhile; each change applies once.
            let current = knownVersion ?? known
            for change in changes where change.version > current {
                apply(change.keys)
                purged.formUnion(change.keys)
            }
            knownVersion = max(current, latest)
            return knownVersion!
        }
        if !purged.isEmpty { onPurge?(purged.contains(CacheKey.everything) ? [CacheKey.everything] : purged) }
        return version
    }

    /// ``catchUp(with:)`` for a caller that cannot wait for the store to recover: when the changes
    /// cannot be read, every page goes (the next check reads them again).
    func refresh(from store: some ContentReading) async {
        do {
            try await catchUp(with: store)
        } catch {
            invalidateAll()
        }
    }

    /// Drops the pages tagged with any of `keys` (all of them for ``CacheKey/everything``). Locked.
    private func apply(_ keys: Set<String>) {
        guard !keys.isEmpty else { return }
        if keys.contains(CacheKey.everything) {
            removeAllPages()
            frame.drop()
            return
        }
        for (key, entry) in entries where !entry.keys.isDisjoint(with: keys) { remove(key) }
    }

    /// Drops one page and its bytes. Locked.
    private func remove(_ key: String) {
        if let entry = entries.removeValue(forKey: key) { bytes -= entry.size }
    }

    /// Drops every page. Locked.
    private func removeAllPages() {
        entries.removeAll(keepingCapacity: true)
        aliases.removeAll(keepingCapacity: true)
        bytes = 0
    }

    /// Reads the store's changes at most once per interval and drops what they touched.
    func revalidate(against store: some ContentReading, now: Date) async {
        let due: Bool = lock.withLock {
            guard !checking, now.timeIntervalSince(lastVersionCheck) >= versionCheckInterval else { return false }
            checking = true
            return true
        }
        guard due else { return }
        _ = try? await catchUp(with: store)
        lock.withLock {
            checking = false
            lastVersionCheck = now
        }
    }
}

extension CacheKey {
    /// `extra` and the key of every article in `articles`: a page listing an article goes stale
    /// when that article is edited.
    static func showing(_ articles: [ArticleSummary], plus extra: Set<String>) -> Set<String> {
        extra.union(articles.map { article($0.id) })
    }
}

/// The settings, footer pages and sections every page shows. Each change of everything drops them
/// and moves the generation, so a read that overlapped it is not kept.
struct FrameEntries {
    var settings: SiteSettings?
    var footer: [StaticPage]?
    var sections: [Section]?
    var generation: UInt64 = 0

    mutating func drop() {
        (settings, footer, sections) = (nil, nil, nil)
        generation &+= 1
    }
}
