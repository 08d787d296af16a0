import Foundation
import NashraCore
import PostgresNIO

extension PostgresStore: SharedState {
    public func sharedSecret(named name: String, proposal: [UInt8]) async throws -> [UInt8] {
        // Whoever inserts first wins; everyone reads back the winner.
        try await client.exec(
            "INSERT INTO secrets (name, value) VALUES (\(name), \(Data(proposal))) ON CONFLICT (name) DO NOTHING")
        guard let stored = try await client.value("SELECT value FROM secrets WHERE name = \(name)", as: Data.self)
        else { throw ConnectionProblem(url: url, reason: "the secret \(name) vanished while it was read") }
        return [UInt8](stored)
    }

    public func rateAttempt(
        bucket: String, key: String, limit: Int, window: TimeInterval, record: Bool, now: Date
    ) async throws -> TimeInterval? {
        guard limit > 0 else { return nil }
        // A look without a record needs no lock: it changes nothing another node could race.
        guard record else {
            return try await Self.rateWait(bucket: bucket, key: key, limit: limit, window: window, now: now, in: client)
        }
        let lockKey = bucket + "\u{1F}" + key
        return try await transaction { connection in
            // One counter at a time per key across every node, so parallel posts cannot all read
            // "under the limit".
            try await connection.exec("SELECT pg_advisory_xact_lock(hashtextextended(\(lockKey), 0))")
            if let wait = try await Self.rateWait(
                bucket: bucket, key: key, limit: limit, window: window, now: now, in: connection)
            {
                return wait
            }
            try await connection.exec("INSERT INTO rate_events (bucket, key, at) VALUES (\(bucket), \(key), \(now))")
            return nil
        }
    }

    /// The seconds until the oldest of `limit` events in the window leaves it, or nil under the limit.
    private static func rateWait(
        bucket: String, key: String, limit: Int, window: TimeInterval, now: Date, in db: some QueryRunner
    ) async throws -> TimeInterval? {
        let row = try await db.one(
            """
            SELECT COUNT(*) AS events, MIN(at) AS oldest FROM rate_events
            WHERE bucket = \(bucket) AND key = \(key) AND at > \(now.addingTimeInterval(-window))
            """)
        let events: Int = try row?["events"] ?? 0
        guard events >= limit else { return nil }
        let oldest: Date = try row?.optional("oldest") ?? now
        return max(1, window - now.timeIntervalSince(oldest)).rounded(.up)
    }

    public func rateRecord(bucket: String, key: String, now: Date) async throws {
        try await client.exec("INSERT INTO rate_events (bucket, key, at) VALUES (\(bucket), \(key), \(now))")
        // Old events go now and then; no window we use is longer than a day.
        if Int.random(in: 0..<200) == 0 {
            try await client.exec("DELETE FROM rate_events WHERE at < \(now.addingTimeInterval(-86_400))")
        }
    }

    public func exclusively<Result: Sendable>(
        _ name: String, _ body: @Sendable () async throws -> Result
    ) async throws -> Result {
        try await client.withConnection { connection in
            try await connection.exec("SELECT pg_advisory_lock(hashtextextended(\(name), 1))")
            return try await Self.unlocking(name, on: connection, after: body)
        }
    }

    public func ifFree<Result: Sendable>(
        _ name: String, _ body: @Sendable () async throws -> Result
    ) async throws -> Result? {
        try await client.withConnection { connection in
            let taken = try await connection.value(
                "SELECT pg_try_advisory_lock(hashtextextended(\(name), 1))", as: Bool.self)
            guard taken == true else { return nil }
            return try await Self.unlocking(name, on: connection, after: body)
        }
    }

    /// Runs `body` while `connection` holds the session lock `name`, then releases it, whatever `body`
    /// does. A session lock on a connection of its own: the server releases it too when the node
    /// holding it dies.
    private static func unlocking<Result: Sendable>(
        _ name: String, on connection: PostgresConnection, after body: @Sendable () async throws -> Result
    ) async throws -> Result {
        do {
            let result = try await body()
            try await connection.exec("SELECT pg_advisory_unlock(hashtextextended(\(name), 1))")
            return result
        } catch {
            try? await connection.exec("SELECT pg_advisory_unlock(hashtextextended(\(name), 1))")
            throw error
        }
    }

    public func contentChanges() -> AsyncStream<Int64> {
        let client = client
        let logger = logger
        return AsyncStream { continuation in
            let listening = Task {
                // A dropped connection (the server restarting) ends the sequence with an error; the
                // loop listens again on a new connection once the server answers.
                while !Task.isCancelled {
                    do {
                        try await client.withConnection { connection in
                            try await connection.listen(on: "nashra_content") { notifications in
                                for try await notification in notifications {
                                    continuation.yield(Int64(notification.payload) ?? 0)
                                }
                            }
                        }
                    } catch {
                        if Task.isCancelled { break }
                        logger.warning(
                            "listening for content changes failed; retrying", metadata: ["error": "\(error)"])
                    }
                    try? await Task.sleep(for: .seconds(1))
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in listening.cancel() }
        }
    }
}

extension PostgresStore: MediaStorage {
    public func storeMedia(fileName: String, bytes: [UInt8]) async throws {
        try await client.exec(
            """
            INSERT INTO media_files (file_name, content) VALUES (\(fileName), \(Data(bytes)))
            ON CONFLICT (file_name) DO UPDATE SET content = EXCLUDED.content
            """)
    }

    public func mediaBytes(fileName: String) async throws -> [UInt8]? {
        try await client.value("SELECT content FROM media_files WHERE file_name = \(fileName)", as: Data.self)
            .map { [UInt8]($0) }
    }
}
