import Foundation

/// Sign-in attempts being checked right now, and failures seen by this process, under the keys
/// ``SignInThrottle`` names (account and address, account alone, address alone).
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
    private let refusals: RateLimiter

    init(window: TimeInterval) {
        failures = RateLimiter(window: window)
        refusals = RateLimiter(window: window)
    }

    /// Takes a place for every checked key if, counting the failures in the log (`counted`) or
    /// remembered here (whichever is more) and the attempts in flight, each is under its limit;
    /// takes nothing otherwise.
    func enter(_ checks: [(key: String, counted: Int, limit: Int)], now: Date) -> Bool {
        lock.withLock {
            let admitted = checks.allSatisfy { key, counted, limit in
                max(counted, failures.count(key, now: now)) + inFlight[key, default: 0] < limit
            }
            guard admitted else { return false }
            for check in checks { inFlight[check.key, default: 0] += 1 }
            return true
        }
    }

    /// Ends an attempt that held `checked`; a failed one is remembered under every key in `counted`.
    func leave(_ checked: [String], counted: [String], failed: Bool, now: Date) {
        lock.withLock {
            for key in checked {
                let remaining = inFlight[key, default: 1] - 1
                inFlight[key] = remaining > 0 ? remaining : nil
            }
            if failed { for key in counted { failures.record(key, now: now) } }
        }
    }

    /// True the first time `key` is refused in a window, so a flood of refusals logs one line.
    func firstRefusal(_ key: String, now: Date) -> Bool {
        lock.withLock {
            let refusal = "refused:" + key
            guard refusals.count(refusal, now: now) == 0 else { return false }
            refusals.record(refusal, now: now)
            return true
        }
    }
}
