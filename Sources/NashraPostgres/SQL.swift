import Foundation
import NashraCore
import PostgresNIO

/// A query put together piece by piece: text with `$n` placeholders and the values bound to them.
/// Only values are ever bound; the text comes from this module's own literals.
struct SQL {
    private(set) var text: String
    private(set) var binds = PostgresBindings()

    init(_ text: String = "") {
        self.text = text
    }

    /// Binds a value and returns its placeholder.
    mutating func bind<Value: PostgresDynamicTypeEncodable>(_ value: Value) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    mutating func bind<Value: PostgresDynamicTypeEncodable>(_ value: Value?) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    mutating func append(_ more: String) {
        text += more
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: text, binds: binds) }
}

/// What runs queries: the pool (one statement, any connection) or a connection in a transaction.
protocol QueryRunner: Sendable {
    func run(_ query: PostgresQuery) async throws -> PostgresRowSequence
}

extension PostgresClient: QueryRunner {
    func run(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        try await self.query(query, logger: PostgresStore.queryLogger)
    }
}

extension PostgresConnection: QueryRunner {
    func run(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        try await self.query(query, logger: PostgresStore.queryLogger)
    }
}

extension QueryRunner {
    func all(_ query: PostgresQuery) async throws -> [Columns] {
        try await run(query).collect().map { Columns($0) }
    }

    func all(_ sql: SQL) async throws -> [Columns] { try await all(sql.query) }

    func one(_ query: PostgresQuery) async throws -> Columns? {
        try await all(query).first
    }

    func one(_ sql: SQL) async throws -> Columns? { try await one(sql.query) }

    func exec(_ query: PostgresQuery) async throws {
        _ = try await run(query).collect()
    }

    func exec(_ sql: SQL) async throws { try await exec(sql.query) }

    /// The first column of the first row, if any.
    func value<Value: PostgresDecodable>(_ query: PostgresQuery, as type: Value.Type = Value.self) async throws
        -> Value?
    {
        for try await row in try await run(query) {
            return try row.makeRandomAccess()[0].decode(Value.self)
        }
        return nil
    }

    func value<Value: PostgresDecodable>(_ sql: SQL, as type: Value.Type = Value.self) async throws -> Value? {
        try await value(sql.query, as: type)
    }

    /// The first column of every row.
    func values<Value: PostgresDecodable>(_ query: PostgresQuery, as type: Value.Type = Value.self) async throws
        -> [Value]
    {
        var result: [Value] = []
        for try await row in try await run(query) {
            result.append(try row.makeRandomAccess()[0].decode(Value.self))
        }
        return result
    }

    func exists(_ query: PostgresQuery) async throws -> Bool {
        try await one(query) != nil
    }

    /// Marks content as changed and, because every writer takes this row's lock first, makes content
    /// writes one at a time across every node, as SQLite's single writer does: what a transaction reads
    /// after this (slugs, tags) no other writer can change before it commits.
    ///
    /// The change is recorded as touching every page until ``recordChange(keys:)`` says which.
    func bumpVersion() async throws {
        let version =
            try await value(
                "UPDATE meta SET value = value + 1 WHERE key = 'content_version' RETURNING value", as: Int64.self) ?? 0
        try await exec(
            """
            INSERT INTO content_changes (version, keys) VALUES (\(version), \(CacheKey.everything))
            ON CONFLICT (version) DO UPDATE SET keys = excluded.keys
            """)
        if version % 100 == 0 {
            try await exec("DELETE FROM content_changes WHERE version <= \(version - StorageRules.keptContentChanges)")
        }
    }

    /// Says which pages the write being made (the last ``bumpVersion()`` of this transaction) touches.
    func recordChange(keys: Set<String>) async throws {
        let stored = ContentChange.stored(keys)
        try await exec(
            """
            UPDATE content_changes SET keys = \(stored)
            WHERE version = (SELECT value FROM meta WHERE key = 'content_version')
            """)
    }

    /// Where an article shows, read inside a transaction (nil when it does not exist).
    func footprint(of articleID: Int64) async throws -> ArticleFootprint? {
        guard
            let row = try await one(
                """
                SELECT a.status, a.section_id, s.parent_id, a.author_id FROM articles a
                JOIN sections s ON s.id = a.section_id WHERE a.id = \(articleID)
                """)
        else { return nil }
        let tags = try await values("SELECT tag_id FROM article_tags WHERE article_id = \(articleID)", as: Int64.self)
        let sections: [Int64] = [try row["section_id"], try row.optional("parent_id", as: Int64.self)].compactMap { $0 }
        return ArticleFootprint(
            id: articleID, isPublic: try row["status"] == PublishState.published.rawValue, sectionIDs: sections,
            authorID: try row["author_id"], tagIDs: tags)
    }
}

/// One row's cells by column name.
struct Columns {
    let cells: PostgresRandomAccessRow

    init(_ row: PostgresRow) {
        cells = row.makeRandomAccess()
    }

    subscript<Value: PostgresDecodable>(_ name: String) -> Value {
        get throws { try cells[name].decode(Value.self) }
    }

    func optional<Value: PostgresDecodable>(_ name: String, as type: Value.Type = Value.self) throws -> Value?
    where Value._DecodableType == Value {
        try cells[name].decode(Value?.self)
    }
}
