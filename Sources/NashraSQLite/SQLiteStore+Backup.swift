import Foundation
import GRDB

extension SQLiteStore {
    /// Copies the database into a new file at `path` with SQLite's online backup API: a consistent
    /// snapshot while the site keeps serving and writing.
    public func backup(toPath path: String) async throws {
        let destination = try DatabaseQueue(path: path)
        try pool.backup(to: destination)
        try await destination.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
        try destination.close()
    }

    /// `PRAGMA integrity_check` and the foreign keys: nil when the database is sound, else the first problem.
    public func integrityProblem() async throws -> String? {
        try await pool.read { db in
            let answer = try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer"
            if answer != "ok" { return answer }
            if let row = try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") {
                return "foreign key broken in \(row[0] as String? ?? "?")"
            }
            return nil
        }
    }
}
