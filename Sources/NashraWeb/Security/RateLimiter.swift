import Foundation

/// Counts events per key in a sliding window, in memory. Keys are IP addresses or emails.
final class RateLimiter: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [String: [Date]] = [:]
    let window: TimeInterval
    private var lastSweep = Date.distantPast

    init(window: TimeInterval) {
        self.window = window
    }

    /// Records an event for `key` unless `limit` events already happened in the window; returns the
    /// seconds to wait when refused. A limit of 0 means no limit.
    func attempt(_ key: String, limit: Int, now: Date) -> TimeInterval? {
        guard limit > 0 else { return nil }
        return lock.withLock {
            if let wait = waitLocked(key, limit: limit, now: now) { return wait }
            recordLocked(key, now: now)
            return nil
        }
    }

    /// The seconds to wait if `limit` events already happened in the window, without recording one.
    func wait(_ key: String, limit: Int, now: Date) -> TimeInterval? {
        guard limit > 0 else { return nil }
        return lock.withLock { waitLocked(key, limit: limit, now: now) }
    }

    /// How many events `key` has in the window.
    func count(_ key: String, now: Date) -> Int {
        lock.withLock { recent(key, now: now).count }
    }

    /// Records an event that ``wait(_:limit:now:)`` allowed.
    func record(_ key: String, now: Date) {
        lock.withLock { recordLocked(key, now: now) }
    }

    private func recent(_ key: String, now: Date) -> [Date] {
        (events[key] ?? []).filter { now.timeIntervalSince($0) < window }
    }

    private func waitLocked(_ key: String, limit: Int, now: Date) -> TimeInterval? {
        let recent = recent(key, now: now)
        guard recent.count >= limit else { return nil }
        return max(1, window - now.timeIntervalSince(recent[0])).rounded(.up)
    }

    private func recordLocked(_ key: String, now: Date) {
        sweep(now: now)
        events[key] = recent(key, now: now) + [now]
    }

    /// Drops keys with nothing in the window, at most once a window, so memory stays bounded.
    private func sweep(now: Date) {
        guard now.timeIntervalSince(lastSweep) > window else { return }
        lastSweep = now
        events = events.filter { _, dates in dates.contains { now.timeIntervalSince($0) < window } }
    }
}
