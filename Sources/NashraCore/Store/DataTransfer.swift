import Foundation

/// One stored value, as it travels from one backend to another.
public enum Cell: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// Some rows of one table, with their column names.
public struct TableRows: Sendable {
    public var table: String
    public var columns: [String]
    public var rows: [[Cell]]

    public init(table: String, columns: [String], rows: [[Cell]]) {
        self.table = table
        self.columns = columns
        self.rows = rows
    }
}

/// A backend whose tables can be read out whole, for moving a site (`nashra migrate-data`).
public protocol TransferSource: Sendable {
    /// Up to `limit` rows of `table` in a stable order, skipping the first `offset`.
    func exportRows(table: String, limit: Int, offset: Int) async throws -> TableRows
    func rowCount(table: String) async throws -> Int
    /// The bytes of every uploaded file the source keeps, by file name (nil: the file is missing).
    func mediaFile(named name: String) async throws -> [UInt8]?
}

/// A backend that takes rows as they are, ids included, for moving a site into it.
public protocol TransferTarget: Sendable {
    /// Writes the rows, replacing rows with the same key: a second run changes nothing. Columns
    /// that point at a row of the same table (`selfReference`) are written after every row is in.
    func importRows(_ rows: TableRows, selfReference: String?) async throws
    func rowCount(table: String) async throws -> Int
    /// Puts id counters past the copied ids, rebuilds the search index and anything else derived;
    /// returns how many articles were indexed.
    func finishTransfer() async throws -> Int
}

/// Copies a whole site, table by table in an order that keeps every reference valid, then checks
/// the counts. Safe to run again: rows are matched by their keys.
public enum DataTransfer {
    /// The tables, parents first; the second element names a column pointing into the same table.
    public static let tables: [(name: String, selfReference: String?)] = [
        ("settings", nil), ("sections", "parent_id"), ("authors", nil), ("tags", nil), ("users", nil),
        ("articles", nil), ("article_tags", nil), ("article_slug_history", nil), ("revisions", nil),
        ("comments", "parent_id"), ("audit_log", nil), ("autosaves", nil), ("media", nil), ("media_variants", nil),
        ("sessions", nil),
        ("pages", nil), ("redirects", nil),
    ]

    /// `table` when it is one of ``tables``; backends write the name into SQL, so nothing else passes.
    public static func checked(_ table: String) throws -> String {
        guard tables.contains(where: { $0.name == table }) else {
            throw ValidationError(field: "table", problem: .invalid)
        }
        return table
    }

    public struct TableReport: Sendable, Equatable {
        public var table: String
        public var source: Int
        public var target: Int
    }

    public struct Report: Sendable {
        public var tables: [TableReport]
        public var mediaFiles: Int
        public var missingMediaFiles: [String]
        public var indexed: Int
        /// Tables whose target has fewer rows than the source.
        public var mismatches: [TableReport] { tables.filter { $0.target < $0.source } }
    }

    public static func copy(
        from source: some TransferSource, to target: some TransferTarget & MediaStorage, sessions: Bool,
        batch: Int = 1000, progress: (String, Int) -> Void = { _, _ in }
    ) async throws -> Report {
        var reports: [TableReport] = []
        var mediaNames: [String] = []
        for (table, selfReference) in tables where sessions || table != "sessions" {
            var offset = 0
            while true {
                let rows = try await source.exportRows(table: table, limit: batch, offset: offset)
                if rows.rows.isEmpty { break }
                try await target.importRows(rows, selfReference: selfReference)
                if table == "media" || table == "media_variants", let column = rows.columns.firstIndex(of: "file_name")
                {
                    for row in rows.rows { if case .text(let name) = row[column] { mediaNames.append(name) } }
                }
                offset += rows.rows.count
                progress(table, offset)
                if rows.rows.count < batch { break }
            }
            reports.append(
                TableReport(
                    table: table, source: try await source.rowCount(table: table),
                    target: try await target.rowCount(table: table)))
        }
        var missing: [String] = []
        var copied = 0
        for name in mediaNames {
            guard let bytes = try await source.mediaFile(named: name) else {
                missing.append(name)
                continue
            }
            try await target.storeMedia(fileName: name, bytes: bytes)
            copied += 1
        }
        let indexed = try await target.finishTransfer()
        return Report(tables: reports, mediaFiles: copied, missingMediaFiles: missing, indexed: indexed)
    }
}
