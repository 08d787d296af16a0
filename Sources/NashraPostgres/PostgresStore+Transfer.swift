import Foundation
import NashraCore
import PostgresNIO

extension PostgresStore: TransferTarget {
    public func importRows(_ rows: TableRows, selfReference: String?) async throws {
        guard !rows.rows.isEmpty else { return }
        let table = try DataTransfer.checked(rows.table)
        let types = try await columnTypes(table)
        let keys = try await primaryKey(table)
        var columns = rows.columns
        var values = rows.rows
        for column in columns where types[column] == nil {
            throw ValidationError(field: "\(table).\(column)", problem: .notFound)
        }
        // Derived here, not copied: the admin title match's Arabic-normalized key.
        if table == "articles", types["title_key"] != nil, !columns.contains("title_key"),
            let title = columns.firstIndex(of: "title")
        {
            columns.append("title_key")
            values = values.map { row in
                guard case .text(let text) = row[title] else { return row + [.text("")] }
                return row + [.text(StorageRules.titleKey(text))]
            }
        }
        let reference = selfReference.flatMap { columns.firstIndex(of: $0) }
        try await transaction { db in
            try await db.bumpVersion()
            for row in values {
                var sql = SQL("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (")
                for (index, cell) in row.enumerated() {
                    let written = index == reference ? .null : cell
                    sql.append((index == 0 ? "" : ", ") + Self.placeholder(written, type: types[columns[index]]!, &sql))
                }
                let updates = columns.filter { !keys.contains($0) }.map { "\($0) = EXCLUDED.\($0)" }
                sql.append(
                    ") ON CONFLICT (\(keys.joined(separator: ", "))) "
                        + (updates.isEmpty ? "DO NOTHING" : "DO UPDATE SET " + updates.joined(separator: ", ")))
                try await db.exec(sql)
            }
            // Rows pointing into their own table (a section's parent, a reply's comment) once all are in.
            if let reference, let key = keys.first, keys.count == 1, let keyIndex = columns.firstIndex(of: key) {
                for row in values where row[reference] != .null {
                    var sql = SQL("UPDATE \(table) SET \(columns[reference]) = ")
                    sql.append(Self.placeholder(row[reference], type: types[columns[reference]]!, &sql))
                    sql.append(" WHERE \(key) = " + Self.placeholder(row[keyIndex], type: types[key]!, &sql))
                    try await db.exec(sql)
                }
            }
        }
    }

    public func rowCount(table: String) async throws -> Int {
        let table = try DataTransfer.checked(table)
        return try await client.value(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \(table)"), as: Int.self) ?? 0
    }

    public func finishTransfer() async throws -> Int {
        for (table, _) in DataTransfer.tables {
            // Identity columns continue after the highest copied id.
            let identity = try await client.value(
                """
                SELECT column_name::text FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = \(table) AND is_identity = 'YES'
                """, as: String.self)
            guard let identity else { continue }
            try await client.exec(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT setval(pg_get_serial_sequence('\(table)', '\(identity)'),
                            GREATEST((SELECT MAX(\(identity)) FROM \(table)), 1))
                        """))
        }
        let indexed = try await reindex()
        try await optimizeSearchIndex()
        return indexed
    }

    /// `$n` bound to the cell, cast to the column's type (SQLite keeps dates as UTC text and
    /// switches as 0 and 1).
    static func placeholder(_ cell: Cell, type: String, _ sql: inout SQL) -> String {
        let bound: String
        switch cell {
        case .null: bound = sql.bind(String?.none)
        case .integer(let number): bound = sql.bind(number)
        case .real(let number): bound = sql.bind(number)
        case .text(let text): bound = sql.bind(text)
        case .blob(let bytes): bound = sql.bind(ByteBuffer(bytes: bytes))
        }
        switch (type, cell) {
        case ("boolean", .integer), ("boolean", .null): return "(\(bound)::bigint <> 0)"
        case ("boolean", _): return "\(bound)::boolean"
        case ("timestamp with time zone", .text), ("timestamp with time zone", .null):
            return "(\(bound)::timestamp AT TIME ZONE 'UTC')"
        case ("timestamp with time zone", .real), ("timestamp with time zone", .integer):
            return "to_timestamp(\(bound)::double precision)"
        case ("bytea", .text): return "convert_to(\(bound)::text, 'UTF8')"
        default: return "\(bound)::\(type)"
        }
    }

    private func columnTypes(_ table: String) async throws -> [String: String] {
        let rows = try await client.all(
            """
            SELECT column_name::text AS name, data_type::text AS type FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = \(table)
            """)
        var types: [String: String] = [:]
        for row in rows { types[try row["name"]] = try row["type"] }
        return types
    }

    private func primaryKey(_ table: String) async throws -> [String] {
        try await client.values(
            """
            SELECT a.attname::text FROM pg_index i
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
            WHERE i.indrelid = \(table)::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)
            """, as: String.self)
    }
}
