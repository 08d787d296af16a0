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
/// when the cache is full; entries also expire after a time, a bound for what no write announces.
public final class PageCache: @unchecked Sendable {
    private struct Entry {
        let page: RenderedPage
        let keys: Set<String>
        let storedAt: Date
        var lastUsed: UInt64
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    /// The site settings, kept with the pages and dropped with them.
    private var settingsEntry: SiteSettings?
    private var knownVersion: Int64?
    private var lastVersionCheck = Date.distantPast
    private var checking = false
    private var useClock: UInt64 = 0
    let lifetime: TimeInterval
    let limit: Int
    /// How often the content version is read; one request in that interval pays for the read.
    let versionCheckInterval: TimeInterval
    /// Told the keys of every change this cache applies (an outside cache to purge), if anyone.
    let onPurge: (@Sendable (Set<String>) -> Void)?

    public init(
        lifetime: TimeInterval, limit: Int, versionCheckInterval: TimeInterval = 1,
        onPurge: (@Sendable (Set<String>) -> Void)? = nil
    ) {
        self.lifetime = lifetime
        self.limit = limit
        self.versionCheckInterval = versionCheckInterval
        self.onPurge = onPurge
    }

    /// The cached page for `key`, if fresh, and whether the content version is due for a check —
    /// one lock for the common case.
    func lookup(_ key: String, now: Date) -> (page: RenderedPage?, versionCheckDue: Bool) {
        lock.withLock {
            let due = !checking && now.timeIntervalSince(lastVersionCheck) >= versionCheckInterval
            guard var entry = entries[key] else { return (nil, due) }
            guard now.timeIntervalSince(entry.storedAt) < lifetime else {
                entries[key] = nil
                return (nil, due)
            }
            useClock &+= 1
            entry.lastUsed = useClock
            entries[key] = entry
            return (entry.page, due)
        }
    }

    /// The cached page for `key`, if fresh.
    func page(for key: String, now: Date) -> RenderedPage? {
        lookup(key, now: now).page
    }

    /// Keeps `page` under `key` unless the content moved on since `version` was read for its render.
    /// Returns whether it was kept.
    @discardableResult
    func store(_ page: RenderedPage, for key: String, keys: Set<String>, renderedAt version: Int64, now: Date) -> Bool {
        lock.withLock {
            guard version == knownVersion else { return false }
            if entries[key] == nil, entries.count >= limit {
                // Full: drop the least recently used quarter in one sort, so eviction costs O(log n)
                // per insert on average and the pages readers keep asking for stay.
                let coldest = entries.sorted { $0.value.lastUsed < $1.value.lastUsed }.prefix(max(1, limit / 4))
                for (oldKey, _) in coldest { entries[oldKey] = nil }
            }
            useClock &+= 1
            entries[key] = Entry(page: page, keys: keys, storedAt: now, lastUsed: useClock)
            return true
        }
    }

    /// Drops every page.
    public func invalidateAll() {
        lock.withLock {
            entries.removeAll(keepingCapacity: true)
            settingsEntry = nil
        }
    }

    /// The site settings from memory, read from the store when the content version moved.
    func settings(from store: some ContentReading, now: Date) async throws -> SiteSettings {
        if lookup("", now: now).versionCheckDue { await revalidate(against: store, now: now) }
        if let cached = lock.withLock({ settingsEntry }) { return cached }
        let settings = try await store.settings()
        lock.withLock { settingsEntry = settings }
        return settings
    }

    var count: Int { lock.withLock { entries.count } }

    /// Whether a page is held under `key` (for tests and diagnostics).
    func holds(_ key: String) -> Bool { lock.withLock { entries[key] != nil } }

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
                    entries.removeAll(keepingCapacity: true)
                    settingsEntry = nil
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
            entries.removeAll(keepingCapacity: true)
            settingsEntry = nil
            return
        }
        for (key, entry) in entries where !entry.keys.isDisjoint(with: keys) { entries[key] = nil }
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
