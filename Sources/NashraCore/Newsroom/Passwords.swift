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

    /// Spends the same time as a real check, for sign-ins with an unknown email, so the answer's
    /// timing does not tell whether an account exists.
    public func verifyNothing(_ password: String) {
        _ = Bcrypt.verify(password, hash: dummyHash)
    }
}
