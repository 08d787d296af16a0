import Foundation

/// Making a newsroom account, the one way the CLI, the setup form and the users page all use:
/// every field checked (all problems at once, so a form can show each beside its field), the
/// email normalized, the name trimmed, the password hashed off the cooperative threads, then stored.
public struct AccountCreation: Sendable {
    public var email: String
    public var name: String
    public var role: Role
    public var password: String

    public init(email: String, name: String, role: Role, password: String) {
        self.email = NewUser.normalizedEmail(email)
        self.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        self.role = role
        self.password = password
    }

    /// Every field at fault, in form order (name, email, password); empty when all is well.
    public var problems: [ValidationError] {
        var problems: [ValidationError] = []
        do { try NewUser.validate(email: email, name: name) } catch let error as ValidationError {
            problems.append(error)
        } catch {}
        do { try Passwords.validate(password) } catch let error as ValidationError {
            problems.append(ValidationError(field: "password", problem: error.problem))
        } catch {}
        return problems
    }

    /// Checks, hashes and stores the account.
    /// - Throws: the first of ``problems``, or the store's ``ValidationError`` (a duplicate email).
    public func create(in store: some AccountStore, passwords: Passwords, now: Date) async throws -> User {
        if let first = problems.first { throw first }
        let hash = await passwords.hashed(password)
        return try await store.createUser(
            NewUser(email: email, name: name, role: role, passwordHash: hash), now: now)
    }
}
