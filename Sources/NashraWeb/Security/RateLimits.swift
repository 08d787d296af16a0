import Foundation
import Logging
import NashraCore

/// The comment form's rate limits, counted in this process's memory on one node or in the shared
/// database when several nodes serve the site (``SharedState``), so that a flood spread over nodes
/// meets the same limit as one aimed at a single node.
struct RateLimits: Sendable {
    /// What is counted; each has its own counter per key.
    enum Bucket: String, CaseIterable, Sendable {
        /// Every comment post from an address, accepted or not.
        case attemptsPerIP = "comment-attempts-ip"
        /// Accepted comments per address.
        case commentsPerIP = "comments-ip"
        /// Accepted comments per email.
        case commentsPerEmail = "comments-email"
    }

    let window: TimeInterval
    private let shared: (any SharedState)?
    private let memory: [Bucket: RateLimiter]
    private let logger = Logger(label: "nashra.rate-limits")

    init(window: TimeInterval = 600, shared: (any SharedState)?) {
        self.window = window
        self.shared = shared
        memory = Dictionary(uniqueKeysWithValues: Bucket.allCases.map { ($0, RateLimiter(window: window)) })
    }

    /// Records an event unless `limit` already happened in the window; returns the seconds to wait
    /// when refused. A limit of 0 means no limit.
    func attempt(_ bucket: Bucket, _ key: String, limit: Int, now: Date) async -> TimeInterval? {
        await counted(bucket, key, limit: limit, record: true, now: now)
    }

    /// The seconds to wait if `limit` events already happened in the window, recording nothing.
    func wait(_ bucket: Bucket, _ key: String, limit: Int, now: Date) async -> TimeInterval? {
        await counted(bucket, key, limit: limit, record: false, now: now)
    }

    /// Records an event that ``wait(_:_:limit:now:)`` allowed.
    func record(_ bucket: Bucket, _ key: String, now: Date) async {
        if let shared {
            do {
                return try await shared.rateRecord(bucket: bucket.rawValue, key: key, now: now)
            } catch {
                logger.warning("shared rate count failed; counting here", metadata: ["error": "\(error)"])
            }
        }
        memory[bucket]!.record(key, now: now)
    }

    private func counted(_ bucket: Bucket, _ key: String, limit: Int, record: Bool, now: Date) async -> TimeInterval? {
        guard limit > 0 else { return nil }
        if let shared {
            do {
                return try await shared.rateAttempt(
                    bucket: bucket.rawValue, key: key, limit: limit, window: window, record: record, now: now)
            } catch {
                // The database being away must not lift the limit: this node counts on its own.
                logger.warning("shared rate count failed; counting here", metadata: ["error": "\(error)"])
            }
        }
        let limiter = memory[bucket]!
        return record ? limiter.attempt(key, limit: limit, now: now) : limiter.wait(key, limit: limit, now: now)
    }
}
