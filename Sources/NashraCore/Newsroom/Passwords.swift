import Dispatch
import HummingbirdBcrypt

/// Password rules and bcrypt hashing for newsroom accounts.
public struct Passwords: Sendable {
    /// bcrypt's work factor; 12 takes a few hundred milliseconds here, tests use less.
    public let cost: UInt8

    /// A hash of a random string at this cost, for ``verifyNothing(_:)``.
    private let dummyHash: String

    public init(cost: UInt8 = 12) {
        self.cost = cost
        dummyHash = Bcrypt.hash(String(UInt64.random(in: .min ... .max)), cost: cost)
    }

    /// The shortest password accepted.
    public static let minLength = 10
    /// bcrypt reads at most 72 bytes; longer passwords would be silently cut, so they are refused.
    public static let maxBytes = 72

    /// - Throws: ``ValidationError`` for field `password`.
    public static func validate(_ password: String) throws {
        guard password.count >= minLength else { throw ValidationError(field: "password", problem: .invalid) }
        guard password.utf8.count <= maxBytes else {
            throw ValidationError(field: "password", problem: .tooLong(max: maxBytes))
        }
    }

    public func hash(_ password: String) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    public func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }

    /// ``hash(_:)`` on a dispatch thread: bcrypt is slow on purpose and must not block a server's
    /// cooperative threads.
    public func hashed(_ password: String) async -> String {
        await Self.offThread { [self] in hash(password) }
    }

    /// ``verify(_:hash:)`` on a dispatch thread; with no hash (an unknown or inactive account) or one that
    /// is not bcrypt's (an imported account without a password) it
    /// spends the same time on a dummy one and answers false, so timing tells nothing.
    public func verified(_ password: String, hash: String?) async -> Bool {
        await Self.offThread { [self] in
            // An account with no password set (an import's) costs a bcrypt round too, so timing does
            // not tell it from one with a password.
            guard let hash, hash.hasPrefix("$2") else {
                verifyNothing(password)
                return false
            }
            return verify(password, hash: hash)
        }
    }

    private static func offThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }

    /// Spends the same time as a real check, for sign-ins with an unknown email, so the answer's
    /// timing does not tell whether an account exists.
    public func verifyNothing(_ password: String) {
        _ = Bcrypt.verify(password, hash: dummyHash)
    }
}
