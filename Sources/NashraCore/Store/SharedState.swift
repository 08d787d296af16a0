import Foundation

/// What nodes serving one database must agree on beyond its content: the signing secret, rate-limit
/// counts and news that content changed. A backend for one machine has none of this to share; one
/// for several nodes (PostgreSQL) keeps it in the database, so a form signed by one node checks out
/// on another and a guesser spread over nodes gets no more tries than against one.
public protocol SharedState: Sendable {
    /// The secret kept under `name`. The first node to ask stores `proposal`; every node, then and
    /// later, gets the stored value back.
    func sharedSecret(named name: String, proposal: [UInt8]) async throws -> [UInt8]

    /// Counts the events of `bucket` for `key` in the last `window` seconds. Under `limit`, records one
    /// more when `record` is true and gives back nil; at the limit, records nothing and gives back the
    /// seconds until the oldest event leaves the window (at least 1). Atomic across nodes.
    func rateAttempt(
        bucket: String, key: String, limit: Int, window: TimeInterval, record: Bool, now: Date
    ) async throws -> TimeInterval?

    /// Records one event of `bucket` for `key` (one that ``rateAttempt`` allowed without recording).
    func rateRecord(bucket: String, key: String, now: Date) async throws

    /// Runs `body` while no other node or command runs a body under the same `name` (seeding the
    /// demo once per database, say). A lock that its holder's death releases.
    func exclusively<Result: Sendable>(
        _ name: String, _ body: @Sendable () async throws -> Result
    ) async throws -> Result

    /// Runs `body` under the same lock as ``exclusively(_:_:)`` if no one holds it now; nil, at once,
    /// when someone does (a node that need not wait for work another is doing).
    func ifFree<Result: Sendable>(
        _ name: String, _ body: @Sendable () async throws -> Result
    ) async throws -> Result?

    /// Each content version written by any node or command, as it happens, for page caches; the
    /// stream ends when the store closes. Gaps are possible (a dropped connection), so caches still
    /// poll ``ContentReading/contentVersion()`` now and then.
    func contentChanges() -> AsyncStream<Int64>
}

/// Where uploaded files' bytes live so that every node can serve them. Names are the random file
/// names the newsroom gives uploads; nothing here runs or interprets the bytes.
public protocol MediaStorage: Sendable {
    func storeMedia(fileName: String, bytes: [UInt8]) async throws
    /// The file's bytes, or nil when no file has that name.
    func mediaBytes(fileName: String) async throws -> [UInt8]?
}
