import GRDB

/// Sections, authors and tags one import batch has looked up or made, by slug (and sections' parents).
struct KnownRows {
    var sections: [String: Int64] = [:]
    var authors: [String: Int64] = [:]
    var tags: [String: Int64] = [:]
    var parents: [Int64: Int64?] = [:]

    mutating func section(_ slug: String, name: String, in db: Database) throws -> Int64 {
        try Self.row(of: "sections", slug: slug, name: name, known: &sections, in: db)
    }

    mutating func author(_ slug: String, name: String, in db: Database) throws -> Int64 {
        try Self.row(of: "authors", slug: slug, name: name, known: &authors, in: db)
    }

    /// The id of the row with `slug` in `table` (a name of ours, never the export's), made when missing.
    private static func row(
        of table: String, slug: String, name: String, known: inout [String: Int64], in db: Database
    ) throws -> Int64 {
        if let id = known[slug] { return id }
        let id = try SQLiteStore.findOrCreate(
            table, slug: slug, insert: "INSERT INTO \(table) (slug, name) VALUES (?, ?)", values: [slug, name], in: db)
        known[slug] = id
        return id
    }

    mutating func parent(ofSection id: Int64, in db: Database) throws -> Int64? {
        if let parent = parents[id] { return parent }
        let parent = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT parent_id FROM sections WHERE id = ?"), arguments: [id])
        parents[id] = parent
        return parent
    }
}
