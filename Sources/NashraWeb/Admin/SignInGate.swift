import Foundation

/// Sign-in attempts being checked right now, and failures seen by this process, per account and per
/// address.
///
/// Failures are counted from the audit log, but a failure is logged only once bcrypt has answered,
/// and a count read a moment ago may already be stale; without this, a burst of parallel guesses
/// would all read "fewer than five" and all be tried. An attempt holds a place from before bcrypt
/// until its outcome is known, and a failure is remembered here the moment it is known, so the
/// limit holds whatever order the requests interleave in. The audit log's count still rules after
/// a restart or across processes.
final class SignInGate: @unchecked Sendable {
    private let lock = NSLock()
    private var inFlight: [String: Int] = [:]
    /// Failures known to this process, in the same window as the audit log's count.
    private let failures: RateLimiter

    init(window: TimeInterval) {
        failures = RateLimiter(window: window)
    }

    /// Takes a place for every key if, counting the failures in the log (`logged`) or remembered here
    /// (whichever is more) and the attempts in flight, each is under `limit`; takes nothing otherwise.
    func enter(_ keys: [(key: String, logged: Int)], limit: Int, now: Date) -> Bool {
        lock.withLock {
            let admitted = keys.allSatisfy { key, logged in
                max(logged, failures.count(key, now: now)) + inFlight[key, default: 0] < limit
            }
            guard admitted else { return false }
            for (key, _) in keys { inFlight[key, default: 0] += 1 }
            return true
        }
    }

    /// Ends an attempt; a failed one is remembered for the window.
    func leave(_ keys: [String], failed: Bool, now: Date) {
        lock.withLock {
            for key in keys {
                let remaining = inFlight[key, default: 1] - 1
                inFlight[key] = remaining > 0 ? remaining : nil
                if failed { failures.record(key, now: now) }
            }
        }
    }
}
