import Foundation
import NashraCore

/// Rendered public pages kept in memory, keyed by path and the query parameters that matter.
///
/// Entries expire after a time (so a scheduled article appears without a write) and are all dropped
/// when the store's content version moves, which every write bumps — from this process or another.
public final class PageCache: @unchecked Sendable {
    private struct Entry {
        let page: RenderedPage
        let storedAt: Date
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    /// The site settings, kept with the pages and dropped with them.
    private var settingsEntry: SiteSettings?
    private var knownVersion: Int64?
    private var lastVersionCheck = Date.distantPast
    private var checking = false
    let lifetime: TimeInterval
    let limit: Int
    /// How often the content version is read; one request in that interval pays for the read.
    let versionCheckInterval: TimeInterval

    public init(lifetime: TimeInterval, limit: Int, versionCheckInterval: TimeInterval = 1) {
        self.lifetime = lifetime
        self.limit = limit
        self.versionCheckInterval = versionCheckInterval
    }

    /// The cached page for `key`, if fresh, and whether the content version is due for a check —
    /// one lock for the common case.
    func lookup(_ key: String, now: Date) -> (page: RenderedPage?, versionCheckDue: Bool) {
        lock.withLock {
            let due = !checking && now.timeIntervalSince(lastVersionCheck) >= versionCheckInterval
            guard let entry = entries[key] else { return (nil, due) }
            guard now.timeIntervalSince(entry.storedAt) < lifetime else {
                entries[key] = nil
                return (nil, due)
            }
            return (entry.page, due)
        }
    }

    /// The cached page for `key`, if fresh.
    func page(for key: String, now: Date) -> RenderedPage? {
        lookup(key, now: now).page
    }

    func store(_ page: RenderedPage, for key: String, now: Date) {
        lock.withLock {
            if entries[key] == nil, entries.count >= limit {
                // Full: drop the oldest quarter in one sort, so eviction costs O(log n) per insert on
                // average and the pages rendered most recently (the hot ones) stay.
                let oldest = entries.sorted { $0.value.storedAt < $1.value.storedAt }.prefix(max(1, limit / 4))
                for (oldKey, _) in oldest { entries[oldKey] = nil }
            }
            entries[key] = Entry(page: page, storedAt: now)
        }
    }

    /// Drops every page; called on content events.
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

    /// Takes news of a content version written somewhere (another node, the CLI) and drops
    /// everything if it is not the one the pages were rendered at.
    public func noteVersion(_ version: Int64) {
        lock.withLock { adoptLocked(version) }
    }

    /// Drops everything when `version` is not the one the pages were rendered at (or that one is
    /// not known yet), and remembers it.
    private func adoptLocked(_ version: Int64) {
        if knownVersion != version {
            entries.removeAll(keepingCapacity: true)
            settingsEntry = nil
        }
        knownVersion = version
    }

    /// Reads the store's content version at most once per interval and drops everything if it moved.
    func revalidate(against store: some ContentReading, now: Date) async {
        let due: Bool = lock.withLock {
            guard !checking, now.timeIntervalSince(lastVersionCheck) >= versionCheckInterval else { return false }
            checking = true
            return true
        }
        guard due else { return }
        let version = try? await store.contentVersion()
        lock.withLock {
            checking = false
            lastVersionCheck = now
            if let version { adoptLocked(version) }
        }
    }
}
