import Foundation
import GRDB
import NashraCore

/// A SQLite site read out table by table for `nashra migrate-data`, with the uploads in its media
/// folder.
public struct SQLiteTransferSource: TransferSource {
    let store: SQLiteStore
    let mediaDirectory: String

    public init(store: SQLiteStore, mediaDirectory: String) {
        self.store = store
        self.mediaDirectory = mediaDirectory
    }

    public func exportRows(table: String, limit: Int, offset: Int) async throws -> TableRows {
        let table = try DataTransfer.checked(table)
        return try await store.pool.read { db in
            let columns = try db.columns(in: table).map(\.name)
            // Primary-key order: stable between batches, and read along the key's index.
            let order = try db.primaryKey(table).columns.joined(separator: ", ")
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM \(table) ORDER BY \(order) LIMIT ? OFFSET ?", arguments: [limit, offset])
            return TableRows(
                table: table, columns: columns,
                rows: rows.map { row in columns.map { Self.cell(row[$0] as DatabaseValue) } })
        }
    }

    public func rowCount(table: String) async throws -> Int {
        let table = try DataTransfer.checked(table)
        return try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    public func mediaFile(named name: String) async throws -> [UInt8]? {
        // Names come from our own media table, but a copied database is still input: no paths.
        guard !name.contains("/"), !name.hasPrefix(".") else { return nil }
        return FileManager.default.contents(atPath: (mediaDirectory as NSString).appendingPathComponent(name))
            .map { [UInt8]($0) }
    }

    static func cell(_ value: DatabaseValue) -> Cell {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(number)
        case .double(let number): .real(number)
        case .string(let text): .text(text)
        case .blob(let data): .blob([UInt8](data))
        }
    }
}
