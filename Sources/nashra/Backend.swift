import ArgumentParser
import Foundation
import Logging
import NashraCore
import NashraPostgres
import NashraSQLite

/// Where the site's data lives, as `--database` / `NASHRA_DATABASE` / the config file's `database`
/// give it: `sqlite:PATH` (a file) or `postgres://user:password@host:port/name?sslmode=…`. Without
/// one, the SQLite file `nashra.sqlite` in the data folder.
enum DatabaseLocation: CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresURL)

    /// - Throws: `ValidationError` naming the setting and what is wrong with it.
    init(_ text: String?, dataDirectory: String) throws {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            self = .sqlite(path: (dataDirectory as NSString).appendingPathComponent("nashra.sqlite"))
            return
        }
        if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            guard !path.isEmpty else { throw ValidationError("database: sqlite: needs a file path (sqlite:PATH)") }
            self = .sqlite(path: path)
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            do { self = .postgres(try PostgresURL(text)) } catch { throw ValidationError("database: \(error)") }
        } else {
            throw ValidationError(
                "database: \(text.prefix(40)) is neither sqlite:PATH nor postgres://user:password@host:port/name")
        }
    }

    var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): url.description
        }
    }

    /// Opens the store, bringing its schema up to date. A database that cannot be reached (a wrong
    /// password, no server) is one line naming it, not a stack trace.
    func open(logger: Logger = Logger(label: "nashra")) async throws -> Backend {
        switch self {
        case .sqlite(let path):
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            return Backend(store: try SQLiteStore(path: path), shared: nil, media: nil, close: {})
        case .postgres(let url):
            let store: PostgresStore
            do {
                store = try await PostgresStore(url: url, logger: logger)
            } catch let problem as ConnectionProblem {
                // Not a ValidationError: the command line was right, so no usage text follows.
                throw StartupProblem(description: problem.description)
            }
            return Backend(store: store, shared: store, media: store, close: { store.close() })
        }
    }
}

/// An open store and what it offers several nodes: nothing for SQLite, the shared secret, rate
/// counts, change notifications and media bytes for PostgreSQL.
struct Backend {
    let store: any ContentStore & NewsroomStore
    let shared: (any SharedState)?
    let media: (any MediaStorage)?
    let close: @Sendable () -> Void
}

extension DataOptions {
    /// The database the command works on (see ``DatabaseLocation``).
    func databaseLocation() throws -> DatabaseLocation {
        let settings = try settings()
        let text = settings.value(database, env: "NASHRA_DATABASE", key: "database", default: "")
        return try DatabaseLocation(text, dataDirectory: settings.dataDirectory(data))
    }

    /// Opens the configured database; the caller closes it.
    func openBackend(logger: Logger = Logger(label: "nashra")) async throws -> Backend {
        try await databaseLocation().open(logger: logger)
    }
}

/// Why a command could not start although its arguments were right: one line, no usage text.
struct StartupProblem: Error, CustomStringConvertible {
    let description: String
}
