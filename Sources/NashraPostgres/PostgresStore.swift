import Foundation
import Logging
import NashraCore
import PostgresNIO

/// The PostgreSQL backend of every store protocol, for several stateless nodes on one database.
/// Content writes go one at a time (each takes the content-version row first, see
/// ``QueryRunner/bumpVersion()``); every bump notifies the other nodes through `LISTEN nashra_content`.
public final class PostgresStore: ContentStore, NewsroomStore, Sendable {
    let client: PostgresClient
    let logger: Logger
    public let url: PostgresURL
    private let running: Task<Void, Never>

    static let queryLogger = Logger(label: "nashra.postgres")

    /// Connects, checks the server answers (a bad address or password throws ``ConnectionProblem``
    /// with one readable line), and brings the schema up to date under the migration lock.
    public init(url: PostgresURL, logger: Logger = Logger(label: "nashra.postgres")) async throws {
        self.url = url
        self.logger = logger
        // One connection first, quietly: a wrong password or an address where nothing listens is
        // one readable error now, not a pool retrying in the log.
        var quiet = Logger(label: "nashra.postgres.probe")
        quiet.logLevel = .critical
        do {
            let probe = try await PostgresConnection.connect(
                configuration: try url.connectionConfiguration(), id: 0, logger: quiet)
            try await probe.close()
        } catch {
            throw ConnectionProblem(url: url, error: error)
        }
        // The pool logs each failed reconnection at info; while the server restarts, warnings are enough.
        var poolLogger = logger
        poolLogger.logLevel = max(logger.logLevel, .warning)
        let client = PostgresClient(configuration: url.clientConfiguration, backgroundLogger: poolLogger)
        self.client = client
        running = Task { await client.run() }
        do {
            try await withTimeout(15) { try await client.exec("SELECT 1") }
            try await PostgresSchema.migrate(client, logger: logger)
        } catch {
            running.cancel()
            throw ConnectionProblem(url: url, error: error)
        }
    }

    deinit {
        running.cancel()
    }

    /// Closes every connection; the store is unusable afterwards.
    public func close() {
        running.cancel()
    }

    /// Answers within 2 s or throws, so `/healthz` says 503 while the database is away.
    public func ping() async throws {
        let client = client
        try await withTimeout(2) { try await client.exec("SELECT 1") }
    }

    public func isEmpty() async throws -> Bool {
        try await client.value("SELECT (SELECT COUNT(*) FROM sections) + (SELECT COUNT(*) FROM articles)", as: Int.self)
            == 0
    }

    public func contentVersion() async throws -> Int64 {
        try await client.value("SELECT value FROM meta WHERE key = 'content_version'", as: Int64.self) ?? 0
    }

    public func contentChanges(after version: Int64) async throws -> (changes: [ContentChange], latest: Int64) {
        // One statement, so the version and the records come from the same snapshot.
        let rows = try await client.all(
            """
            SELECT m.value AS latest, c.version, c.keys FROM meta m
            LEFT JOIN content_changes c ON c.version > \(version) AND c.version <= m.value
            WHERE m.key = 'content_version' ORDER BY c.version
            """)
        let latest: Int64 = try rows.first?["latest"] ?? 0
        guard latest > version else { return ([], latest) }
        var changes: [ContentChange] = []
        for row in rows {
            guard let number = try row.optional("version", as: Int64.self) else { continue }
            changes.append(ContentChange(version: number, storedKeys: try row["keys"]))
        }
        return (ContentChange.complete(changes, after: version, latest: latest), latest)
    }

    /// Runs `body` in one transaction on one connection; a thrown error rolls it back.
    func transaction<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch let error as PostgresTransactionError {
            // Callers see what went wrong (a validation error, a server error), not the wrapper.
            if let cause = error.closureError ?? error.beginError ?? error.commitError { throw cause }
            throw error
        }
    }
}

/// Why the database could not be reached, in one line a person can act on.
public struct ConnectionProblem: Error, CustomStringConvertible {
    public let description: String

    init(url: PostgresURL, reason: String) {
        description = "database \(url): \(reason)"
    }

    init(url: PostgresURL, error: any Error) {
        let reason: String
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                reason = message
            } else {
                switch error.code {
                case .connectionError, .unexpectedBackendMessage:
                    reason = "cannot connect (is PostgreSQL running there?)"
                case .serverClosedConnection, .clientClosedConnection: reason = "the server closed the connection"
                case .sslUnsupported:
                    reason = "the server does not offer TLS (use sslmode=disable on a private network)"
                default: reason = "\(error.code)"
                }
            }
        } else if let error = error as? TimedOut {
            reason = "\(error) (is PostgreSQL running there, and the address right?)"
        } else {
            reason = "\(error)"
        }
        description = "database \(url): \(reason)"
    }
}
