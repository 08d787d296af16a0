import Foundation
import GRDB
import NashraCore

/// Uploaded pictures, their details and their resized copies.
extension SQLiteStore {
    public func addMedia(_ new: NewMedia) async throws -> MediaItem {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO media (file_name, original_name, mime_type, width, height, bytes, uploaded_at, user_id,
                        alt, caption, credit, focal_x, focal_y)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    new.fileName, new.originalName, new.mimeType, new.width, new.height, new.bytes, new.uploadedAt,
                    new.userID, new.details.alt, new.details.caption, new.details.credit, new.details.focus.x,
                    new.details.focus.y,
                ])
            return try Self.insertedMedia(in: db)
        }
    }

    public func media(matching query: String, limit: Int, offset: Int) async throws -> ResultPage<MediaItem> {
        let query = query.trimmingCharacters(in: .whitespacesAndNewlines)
        // instr, not LIKE: what the newsroom types is never a pattern.
        let filter =
            query.isEmpty
            ? "" : "WHERE instr(lower(original_name || ' ' || alt || ' ' || caption || ' ' || credit), lower(?)) > 0"
        let arguments: StatementArguments = query.isEmpty ? [] : [query]
        return try await pool.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM media \(filter)", arguments: arguments) ?? 0
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM media \(filter) ORDER BY id DESC LIMIT ? OFFSET ?",
                arguments: arguments + [limit, offset])
            return ResultPage(items: try Self.media(rows, in: db), total: total)
        }
    }

    public func media(fileName: String) async throws -> MediaItem? {
        try await pool.read { db in
            try Self.media(
                Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM media WHERE file_name = ?"), arguments: [fileName]),
                in: db
            ).first
        }
    }

    public func media(id: Int64) async throws -> MediaItem? {
        try await pool.read { db in try Self.media(id: id, in: db) }
    }

    public func media(fileNames: [String]) async throws -> [String: MediaItem] {
        guard !fileNames.isEmpty else { return [:] }
        return try await pool.read { db in try Self.media(fileNames: fileNames, in: db) }
    }

    static func media(fileNames: [String], in db: Database) throws -> [String: MediaItem] {
        let names = Array(Set(fileNames))
        var found: [String: MediaItem] = [:]
        // Within SQLite's limit of bound values per statement.
        for start in stride(from: 0, to: names.count, by: 500) {
            let chunk = Array(names[start..<min(start + 500, names.count)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            let rows = try Row.fetchAll(
                try statement("SELECT * FROM media WHERE file_name IN (\(marks))", marks: chunk.count, db),
                arguments: StatementArguments(chunk))
            for item in try media(rows, in: db) { found[item.fileName] = item }
        }
        return found
    }

    public func servableMediaType(fileName: String) async throws -> String? {
        try await pool.read { db in
            if let format = try String.fetchOne(
                db.cachedStatement(sql: "SELECT format FROM media_variants WHERE file_name = ?"), arguments: [fileName])
            {
                return ImageFormat(rawValue: format)?.mimeType
            }
            return try String.fetchOne(
                db.cachedStatement(sql: "SELECT mime_type FROM media WHERE file_name = ? AND state <> 'failed'"),
                arguments: [fileName])
        }
    }

    public func updateMedia(id: Int64, details: MediaDetails) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE media SET alt = ?, caption = ?, credit = ?, focal_x = ?, focal_y = ?,
                        state = CASE WHEN state = 'ready' AND (focal_x <> ? OR focal_y <> ?) THEN 'pending' ELSE state END
                    WHERE id = ?
                    """,
                arguments: [
                    details.alt, details.caption, details.credit, details.focus.x, details.focus.y, details.focus.x,
                    details.focus.y, id,
                ])
            guard db.changesCount == 1 else { throw ValidationError(field: "media", problem: .notFound) }
            // Captions and credits show under covers: the pages showing it are built again.
            try Self.bumpVersion(db, keys: try Self.pagesShowing(mediaID: id, in: db))
        }
    }

    @discardableResult
    public func recordVariants(_ variants: [ImageVariant], state: MediaState, mediaID: Int64) async throws
        -> [String]
    {
        try await pool.write { db in
            let old = try String.fetchAll(
                db.cachedStatement(sql: "SELECT file_name FROM media_variants WHERE media_id = ?"), arguments: [mediaID]
            )
            try db.execute(sql: "DELETE FROM media_variants WHERE media_id = ?", arguments: [mediaID])
            for variant in variants {
                try db.execute(
                    sql: """
                        INSERT INTO media_variants (file_name, media_id, purpose, format, width, height, bytes)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        variant.fileName, mediaID, variant.purpose.rawValue, variant.format.rawValue, variant.width,
                        variant.height, variant.bytes,
                    ])
            }
            try db.execute(sql: "UPDATE media SET state = ? WHERE id = ?", arguments: [state.rawValue, mediaID])
            guard db.changesCount == 1 else { throw ValidationError(field: "media", problem: .notFound) }
            // Pages showing the picture gain its copies.
            try Self.bumpVersion(db, keys: try Self.pagesShowing(mediaID: mediaID, in: db))
            return Array(Set(old).subtracting(variants.map(\.fileName))).sorted()
        }
    }

    public func mediaAwaitingVariants(limit: Int) async throws -> [MediaItem] {
        try await pool.read { db in
            try Self.media(
                Row.fetchAll(
                    db.cachedStatement(sql: "SELECT * FROM media WHERE state = 'pending' ORDER BY id LIMIT ?"),
                    arguments: [limit]),
                in: db)
        }
    }

    public func requestAllVariants() async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "UPDATE media SET state = 'pending'")
            return db.changesCount
        }
    }

    /// The cache keys of the articles showing the picture, as cover or in the body (each list
    /// showing an article carries its key).
    static func pagesShowing(mediaID: Int64, in db: Database) throws -> Set<String> {
        guard
            let name = try String.fetchOne(
                db.cachedStatement(sql: "SELECT file_name FROM media WHERE id = ?"), arguments: [mediaID])
        else { return [] }
        let ids = try Int64.fetchAll(
            db.cachedStatement(sql: "SELECT id FROM articles WHERE cover_url = ? OR instr(body_html, ?) > 0"),
            arguments: ["/media/" + name, "/media/" + name])
        return Set(ids.map(CacheKey.article))
    }

    /// The row the last INSERT made.
    static func insertedMedia(in db: Database) throws -> MediaItem {
        guard let item = try media(id: db.lastInsertedRowID, in: db) else {
            throw ValidationError(field: "media", problem: .notFound)
        }
        return item
    }

    /// A statement with `marks` bound values: kept prepared for the short lists a page asks for (its
    /// pictures), made once for the long ones so the cache does not grow with every length.
    static func statement(_ sql: String, marks: Int, _ db: Database) throws -> Statement {
        marks <= 32 ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
    }

    static func media(id: Int64, in db: Database) throws -> MediaItem? {
        try media(Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM media WHERE id = ?"), arguments: [id]), in: db)
            .first
    }

    /// The rows as items, with their copies (one query for all of them).
    static func media(_ rows: [Row], in db: Database) throws -> [MediaItem] {
        var items = rows.map(media)
        guard !items.isEmpty else { return items }
        let marks = Array(repeating: "?", count: items.count).joined(separator: ", ")
        let variants = try Row.fetchAll(
            try statement(
                "SELECT * FROM media_variants WHERE media_id IN (\(marks)) ORDER BY media_id, width DESC, format",
                marks: items.count, db),
            arguments: StatementArguments(items.map(\.id)))
        var byMedia: [Int64: [ImageVariant]] = [:]
        for row in variants {
            guard let purpose = ImageVariant.Purpose(rawValue: row["purpose"]),
                let format = ImageFormat(rawValue: row["format"])
            else { continue }
            byMedia[row["media_id"], default: []].append(
                ImageVariant(
                    purpose: purpose, format: format, width: row["width"], height: row["height"],
                    fileName: row["file_name"], bytes: row["bytes"]))
        }
        for index in items.indices { items[index].variants = byMedia[items[index].id] ?? [] }
        return items
    }

    static func media(_ row: Row) -> MediaItem {
        MediaItem(
            id: row["id"], fileName: row["file_name"], originalName: row["original_name"],
            mimeType: row["mime_type"], width: row["width"], height: row["height"], bytes: row["bytes"],
            uploadedAt: row["uploaded_at"], userID: row["user_id"],
            details: MediaDetails(
                alt: row["alt"], caption: row["caption"], credit: row["credit"],
                focus: FocalPoint(x: row["focal_x"], y: row["focal_y"])),
            state: MediaState(rawValue: row["state"]) ?? .pending)
    }
}
