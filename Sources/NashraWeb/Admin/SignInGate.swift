import Foundation

/// Sign-in attempts that are being checked right now, per account and per address.
///
/// Failures are counted from the audit log, but a failure is logged only once bcrypt has answered;
/// without this, a burst of parallel guesses would all read "fewer than five" and all be tried.
/// An attempt holds its place here from before the count until its failure is logged.
final class SignInGate: @unchecked Sendable {
    private let lock = NSLock()
    private var inFlight: [String: Int] = [:]

    /// Takes a place for `keys` if, with `logged` failures already in the log for each, there is room
    /// under `limit`; returns false (and takes nothing) otherwise.
    func enter(_ keys: [(key: String, logged: Int)], limit: Int) -> Bool {
        lock.withLock {
            guard keys.allSatisfy({ $0.logged + inFlight[$0.key, default: 0] < limit }) else { return false }
            for (key, _) in keys { inFlight[key, default: 0] += 1 }
            return true
        }
    }

    /// Gives the places back once the attempt's outcome is logged.
    func leave(_ keys: [String]) {
        lock.withLock {
            for key in keys {
                let remaining = inFlight[key, default: 1] - 1
                inFlight[key] = remaining > 0 ? remaining : nil
            }
        }
    }
}
