import ArgumentParser
import Foundation
import NashraCore

/// `nashra user`: newsroom accounts. Passwords are read from standard input, never from arguments
/// (which other users of the machine can see in the process list and which shells keep in history).
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add newsroom users, change passwords, list accounts.",
        subcommands: [Add.self, Passwd.self, List.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user; the password is read from standard input (one line).",
            discussion:
                "Example: printf '%s\\n' \"$PASSWORD\" | nashra user add --email e@x.org --name 'سلمى' --role editor")
        @OptionGroup var options: DataOptions
        @Option(help: "Sign-in email (unique).") var email: String
        @Option(help: "Display name; also the byline.") var name: String
        @Option(help: "admin, editor, author or contributor.") var role: String

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("role: \(role) is not one of admin, editor, author, contributor")
            }
            // The name and email are checked before the password is asked for.
            try check { try NewUser.validate(email: email, name: name) }
            let account = AccountCreation(email: email, name: name, role: role, password: try readPassword())
            let backend = try await options.openBackend()
            defer { backend.close() }
            let store = backend.store
            let user = try await check { try await account.create(in: store, passwords: Passwords(), now: Date()) }
            try await store.record(
                AuditEntry(
                    at: Date(), action: .userCreated, userID: nil, actorName: "cli", target: user.email,
                    detail: role.rawValue))
            print("created \(user.role.rawValue) \(user.email) (id \(user.id))")
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a user's password from standard input; signs them out everywhere.")
        @OptionGroup var options: DataOptions
        @Option(help: "The user's email.") var email: String

        func run() async throws {
            let backend = try await options.openBackend()
            defer { backend.close() }
            let store = backend.store
            guard let user = try await store.user(email: email) else {
                throw ValidationError("email: no user with the email \(email)")
            }
            let password = try readPassword()
            try await store.setPasswordHash(userID: user.id, hash: Passwords().hash(password))
            try await store.record(
                AuditEntry(at: Date(), action: .passwordChanged, userID: nil, actorName: "cli", target: user.email))
            print("password changed for \(user.email)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users: id, role, email, name, state.")
        @OptionGroup var options: DataOptions

        func run() async throws {
            let backend = try await options.openBackend()
            defer { backend.close() }
            let store = backend.store
            for user in try await store.users() {
                print(
                    "\(user.id)\t\(user.role.rawValue)\t\(user.email)\t\(user.name)\t\(user.isActive ? "active" : "inactive")"
                )
            }
        }
    }
}

/// The first line of standard input, checked against the password rules.
private func readPassword() throws -> String {
    if isatty(FileHandle.standardInput.fileDescriptor) != 0 {
        FileHandle.standardError.write(Data("password (input is visible; pipe it in to avoid that): ".utf8))
    }
    guard let line = readLine(strippingNewline: true), !line.isEmpty else {
        throw ValidationError(
            "password: none on standard input (pipe it in, e.g. printf '%s\\n' \"$PASSWORD\" | nashra user add …)")
    }
    try check { try Passwords.validate(line) }
    return line
}

/// Runs `body`, turning a Core `ValidationError` into a message that names the field.
private func check<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as NashraCore.ValidationError {
        throw ArgumentParser.ValidationError(describe(error))
    }
}

private func check<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch let error as NashraCore.ValidationError {
        throw ArgumentParser.ValidationError(describe(error))
    }
}

private func describe(_ error: NashraCore.ValidationError) -> String {
    switch (error.field, error.problem) {
    case ("password", .invalid): "password: at least \(Passwords.minLength) characters"
    case ("password", .tooLong(let max)): "password: at most \(max) bytes (bcrypt reads no more)"
    case ("email", .duplicate): "email: a user with this email already exists"
    default: error.description
    }
}
