import Foundation
import GRDB
import NashraCore

/// The SQLite backend of ``ContentStore``: one database file in WAL mode, foreign keys on.
public final class SQLiteStore: ContentStore {
    /// A `DatabasePool` on a file (WAL: readers never wait for the writer); a `DatabaseQueue` in memory.
    let pool: any DatabaseWriter

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public init(path: String) throws {
        pool = try DatabasePool(path: path, configuration: Self.configuration)
        try Migrations.migrator.migrate(pool)
    }

    private init(writer: any DatabaseWriter) throws {
        pool = writer
        try Migrations.migrator.migrate(pool)
    }

    /// A fresh database in memory, gone with the store: for tests where the file is not the point
    /// (durability, WAL and migrations of old files are tested on files).
    public static func inMemory() throws -> SQLiteStore {
        try SQLiteStore(writer: DatabaseQueue(configuration: configuration))
    }

    static var configuration: Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // NORMAL is durable in WAL mode against process crashes; FULL adds power-loss durability
            // for each commit, which a newsroom wants for acknowledged writes.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return configuration
    }

    /// Opens the database file `nashra.sqlite` inside `directory`, creating the folder.
    public convenience init(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try self.init(path: (directory as NSString).appendingPathComponent("nashra.sqlite"))
    }

    public func ping() async throws {
        _ = try await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    public func isEmpty() async throws -> Bool {
        try await pool.read { db in
            let count =
                try Int.fetchOne(
                    db,
                    sql:
                        "SELECT (SELECT COUNT(*) FROM sections) + (SELECT COUNT(*) FROM articles)"
                ) ?? 0
            return count == 0
        }
    }

    public func contentVersion() async throws -> Int64 {
        try await pool.read { db in
            try Int64.fetchOne(db.cachedStatement(sql: "SELECT value FROM meta WHERE key = 'content_version'")) ?? 0
        }
    }

    public func contentChanges(after version: Int64) async throws -> (changes: [ContentChange], latest: Int64) {
        try await pool.read { db in
            // Every render reads this: the statements stay prepared.
            let latest =
                try Int64.fetchOne(db.cachedStatement(sql: "SELECT value FROM meta WHERE key = 'content_version'")) ?? 0
            guard latest > version else { return ([], latest) }
            let changes = try Row.fetchAll(
                db.cachedStatement(sql: "SELECT version, keys FROM content_changes WHERE version > ? ORDER BY version"),
                arguments: [version]
            ).map { ContentChange(version: $0["version"], storedKeys: $0["keys"]) }
            return (ContentChange.complete(changes, after: version, latest: latest), latest)
        }
    }

    /// Marks content as changed, recording which pages it touches; called inside every write
    /// transaction. Without `keys` the change counts as touching every page.
    static func bumpVersion(_ db: Database, keys: Set<String> = [CacheKey.everything]) throws {
        try db.execute(sql: "UPDATE meta SET value = value + 1 WHERE key = 'content_version'")
        let version = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'content_version'") ?? 0
        try db.execute(
            sql: "INSERT OR REPLACE INTO content_changes (version, keys) VALUES (?, ?)",
            arguments: [version, ContentChange.stored(keys)])
        if version % 100 == 0 {
            try db.execute(
                sql: "DELETE FROM content_changes WHERE version <= ?",
                arguments: [version - StorageRules.keptContentChanges])
        }
    }

    /// Where an article shows, read inside a transaction (nil when it does not exist).
    static func footprint(of articleID: Int64, in db: Database) throws -> ArticleFootprint? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT a.status, a.section_id, s.parent_id, a.author_id FROM articles a
                        JOIN sections s ON s.id = a.section_id WHERE a.id = ?
                        """), arguments: [articleID])
        else { return nil }
        let tags = try Int64.fetchAll(
            db.cachedStatement(sql: "SELECT tag_id FROM article_tags WHERE article_id = ?"), arguments: [articleID])
        let sections: [Int64] = [row["section_id"], row["parent_id"]].compactMap { $0 }
        return ArticleFootprint(
            id: articleID, isPublic: row["status"] == PublishState.published.rawValue, sectionIDs: sections,
            authorID: row["author_id"], tagIDs: tags)
    }
}

extension SQLiteStore {
    /// The value of a read-only PRAGMA, for diagnostics and tests; the name must be a plain word.
    public func pragma(_ name: String) async throws -> String? {
        guard name.allSatisfy({ $0.isLetter || $0 == "_" }) else { return nil }
        return try await pool.read { db in
            try String.fetchOne(db, sql: "PRAGMA \(name)")
        }
    }
}
