import Foundation

/// Failed sign-ins that bear on one attempt, counted over ``SignInThrottle/window``.
public struct SignInRecord: Sendable, Equatable {
    /// Failures for this account from this address.
    public var pair: Int
    /// Failures for this account from anywhere.
    public var account: Int
    /// Failures from this address for any account.
    public var address: Int
    /// This account has signed in successfully from this address within ``SignInThrottle/knownFor``.
    public var addressKnown: Bool

    public init(pair: Int, account: Int, address: Int, addressKnown: Bool) {
        self.pair = pair
        self.account = account
        self.address = address
        self.addressKnown = addressKnown
    }
}

/// Who may try a password now. A lock per account alone lets anyone lock an editor out during
/// breaking news; a lock per address alone lets a botnet guess for ever, and behind a proxy every
/// reader shares one address. So:
/// - five failures for an account from one address stop that address for that account;
/// - five failures for an account from anywhere stop new addresses for it, but an address the
///   owner has signed in from before still gets through;
/// - twenty failures from one address (many accounts sprayed) stop it, except for accounts that
///   have signed in from there before.
public enum SignInThrottle {
    public static let pairLimit = 5
    public static let accountLimit = 5
    public static let addressLimit = 20
    /// How far back failures count.
    public static let window: TimeInterval = 15 * 60
    /// How long a successful sign-in makes an address known for its account.
    public static let knownFor: TimeInterval = 90 * 24 * 3600

    /// Whether an attempt with `record` may have its password checked.
    public static func allows(_ record: SignInRecord) -> Bool {
        if record.pair >= pairLimit { return false }
        if record.addressKnown { return true }
        return record.account < accountLimit && record.address < addressLimit
    }

    /// The counters an attempt must respect, named for in-flight bookkeeping: a known address is
    /// held only to its own account's count.
    public static func limits(for record: SignInRecord, email: String, address: String) -> [(
        key: String, counted: Int, limit: Int
    )] {
        let pair = (key: "pair:\(email)|\(address)", counted: record.pair, limit: pairLimit)
        if record.addressKnown { return [pair] }
        return [
            pair, (key: "account:\(email)", counted: record.account, limit: accountLimit),
            (key: "address:\(address)", counted: record.address, limit: addressLimit),
        ]
    }

    /// Every counter a failure of this attempt adds to.
    public static func keys(email: String, address: String) -> [String] {
        ["pair:\(email)|\(address)", "account:\(email)", "address:\(address)"]
    }
}
