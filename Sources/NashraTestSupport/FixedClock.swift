import Foundation
import NashraCore

/// A clock that only moves when a test moves it.
public final class FixedClock: NashraClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    /// 2026-03-15 09:00 UTC unless told otherwise.
    public init(_ date: Date = Date(timeIntervalSince1970: 1_773_565_200)) {
        current = date
    }

    public var now: Date { lock.withLock { current } }

    public func advance(by seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }
}
