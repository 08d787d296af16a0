import Foundation

/// The source of "now"; injected so tests are deterministic.
public protocol NashraClock: Sendable {
    var now: Date { get }
}

/// The real clock.
public struct SystemClock: NashraClock {
    public init() {}
    public var now: Date { Date() }
}
