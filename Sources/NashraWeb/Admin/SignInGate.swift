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
    private var failures: [String: [Date]] = [:]
    let window: TimeInterval

    init(window: TimeInterval) {
        self.window = window
    }

    /// Takes a place for every key if, counting the failures in the log (`logged`) or remembered here
    /// (whichever is more) and the attempts in flight, each is under `limit`; takes nothing otherwise.
    func enter(_ keys: [(key: String, logged: Int)], limit: Int, now: Date) -> Bool {
        lock.withLock {
            let admitted = keys.allSatisfy { key, logged in
                max(logged, recentFailures(key, now: now)) + inFlight[key, default: 0] < limit
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
                if failed { failures[key] = recentFailuresList(key, now: now) + [now] }
            }
            if failures.count > 10_000 {
                failures = failures.filter { _, dates in dates.contains { now.timeIntervalSince($0) < window } }
            }
        }
    }

    private func recentFailuresList(_ key: String, now: Date) -> [Date] {
        (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
    }

    private func recentFailures(_ key: String, now: Date) -> Int {
        recentFailuresList(key, now: now).count
    }
}
