import Foundation
import NashraCore
import PostgresNIO

/// Uploaded pictures, their details and their resized copies.
extension PostgresStore {
    public func addMedia(_ new: NewMedia) async throws -> MediaItem {
        let id = try await client.value(
            """
            INSERT INTO media (file_name, original_name, mime_type, width, height, bytes, uploaded_at, user_id,
                alt, caption, credit, focal_x, focal_y)
            VALUES (\(new.fileName), \(new.originalName), \(new.mimeType), \(new.width), \(new.height), \(new.bytes),
                \(new.uploadedAt), \(new.userID), \(new.details.alt), \(new.details.caption), \(new.details.credit),
                \(new.details.focus.x), \(new.details.focus.y))
            RETURNING id
            """, as: Int64.self)
        return try await insertedMedia(id)
    }

    public func media(matching query: String, limit: Int, offset: Int) async throws -> ResultPage<MediaItem> {
        let query = query.trimmingCharacters(in: .whitespacesAndNewlines)
        // strpos, not LIKE: what the newsroom types is never a pattern.
        let total =
            try await client.value(
                """
                SELECT COUNT(*) FROM media
                WHERE \(query) = '' OR strpos(lower(original_name || ' ' || alt || ' ' || caption || ' ' || credit),
                    lower(\(query))) > 0
                """, as: Int.self) ?? 0
        let rows = try await client.all(
            """
            SELECT * FROM media
            WHERE \(query) = '' OR strpos(lower(original_name || ' ' || alt || ' ' || caption || ' ' || credit),
                lower(\(query))) > 0
            ORDER BY id DESC LIMIT \(limit) OFFSET \(offset)
            """)
        return ResultPage(items: try await mediaWithVariants(rows), total: total)
    }

    public func media(fileName: String) async throws -> MediaItem? {
        try await mediaWithVariants(client.all("SELECT * FROM media WHERE file_name = \(fileName)")).first
    }

    public func media(id: Int64) async throws -> MediaItem? {
        try await mediaWithVariants(client.all("SELECT * FROM media WHERE id = \(id)")).first
    }

    public func media(fileNames: [String]) async throws -> [String: MediaItem] {
        let names = Array(Set(fileNames))
        guard !names.isEmpty else { return [:] }
        let items = try await mediaWithVariants(client.all("SELECT * FROM media WHERE file_name = ANY(\(names))"))
        return Dictionary(items.map { ($0.fileName, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func servableMediaType(fileName: String) async throws -> String? {
        if let format = try await client.value(
            "SELECT format FROM media_variants WHERE file_name = \(fileName)", as: String.self)
        {
            return ImageFormat(rawValue: format)?.mimeType
        }
        return try await client.value(
            "SELECT mime_type FROM media WHERE file_name = \(fileName) AND state <> 'failed'", as: String.self)
    }

    public func updateMedia(id: Int64, details: MediaDetails) async throws {
        try await transaction { db in
            let updated = try await db.value(
                """
                UPDATE media SET alt = \(details.alt), caption = \(details.caption), credit = \(details.credit),
                    focal_x = \(details.focus.x), focal_y = \(details.focus.y),
                    state = CASE WHEN state = 'ready' AND (focal_x <> \(details.focus.x) OR focal_y <> \(details.focus.y))
                        THEN 'pending' ELSE state END
                WHERE id = \(id) RETURNING id
                """, as: Int64.self)
            guard updated != nil else { throw ValidationError(field: "media", problem: .notFound) }
            // Captions and credits show under covers: the pages showing it are built again.
            try await db.bumpVersion()
            try await db.recordChange(keys: try await Self.pagesShowing(mediaID: id, in: db))
        }
    }

    @discardableResult
    public func recordVariants(_ variants: [ImageVariant], state: MediaState, mediaID: Int64) async throws
        -> [String]
    {
        try await transaction { db in
            let updated = try await db.value(
                "UPDATE media SET state = \(state.rawValue) WHERE id = \(mediaID) RETURNING id", as: Int64.self)
            guard updated != nil else { throw ValidationError(field: "media", problem: .notFound) }
            let old = try await db.values(
                "DELETE FROM media_variants WHERE media_id = \(mediaID) RETURNING file_name", as: String.self)
            for variant in variants {
                try await db.exec(
                    """
                    INSERT INTO media_variants (file_name, media_id, purpose, format, width, height, bytes)
                    VALUES (\(variant.fileName), \(mediaID), \(variant.purpose.rawValue), \(variant.format.rawValue),
                        \(variant.width), \(variant.height), \(variant.bytes))
                    """)
            }
            // Pages showing the picture gain its copies.
            try await db.bumpVersion()
            try await db.recordChange(keys: try await Self.pagesShowing(mediaID: mediaID, in: db))
            return Array(Set(old).subtracting(variants.map(\.fileName))).sorted()
        }
    }

    public func mediaAwaitingVariants(limit: Int) async throws -> [MediaItem] {
        try await mediaWithVariants(
            client.all("SELECT * FROM media WHERE state = 'pending' ORDER BY id LIMIT \(limit)"))
    }

    public func requestAllVariants() async throws -> Int {
        try await client.values("UPDATE media SET state = 'pending' RETURNING id", as: Int64.self).count
    }

    /// The cache keys of the articles showing the picture, as cover or in the body (each list
    /// showing an article carries its key).
    static func pagesShowing(mediaID: Int64, in db: PostgresConnection) async throws -> Set<String> {
        guard let name = try await db.value("SELECT file_name FROM media WHERE id = \(mediaID)", as: String.self)
        else { return [] }
        let path = "/media/" + name
        let ids = try await db.values(
            "SELECT id FROM articles WHERE cover_url = \(path) OR strpos(body_html, \(path)) > 0", as: Int64.self)
        return Set(ids.map(CacheKey.article))
    }

    /// The row an INSERT just made.
    func insertedMedia(_ id: Int64?) async throws -> MediaItem {
        guard let id, let item = try await media(id: id) else {
            throw ValidationError(field: "media", problem: .notFound)
        }
        return item
    }

    /// The rows as items, with their copies (one query for all of them).
    func mediaWithVariants(_ rows: [Columns]) async throws -> [MediaItem] {
        var items = try rows.map(PostgresRows.media)
        guard !items.isEmpty else { return items }
        let ids = items.map(\.id)
        var byMedia: [Int64: [ImageVariant]] = [:]
        for row in try await client.all(
            "SELECT * FROM media_variants WHERE media_id = ANY(\(ids)) ORDER BY media_id, width DESC, format")
        {
            guard let (mediaID, variant) = try PostgresRows.variant(row) else { continue }
            byMedia[mediaID, default: []].append(variant)
        }
        for index in items.indices { items[index].variants = byMedia[items[index].id] ?? [] }
        return items
    }
}
