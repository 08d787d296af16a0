import Foundation
import GRDB
import NashraCore

extension SQLiteStore {
    public func allAuthors() async throws -> [Author] {
        try await pool.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM authors ORDER BY name, id")).map(RowMapping.author)
        }
    }

    public func updateAuthor(id: Int64, name: String, slug: String, bio: String) async throws -> Author {
        try await pool.write { db in
            guard Slug.isValid(slug) else { throw ValidationError(field: "slug", problem: .invalid) }
            guard try Self.exists(db, "SELECT 1 FROM authors WHERE id = ?", [id]) else {
                throw ValidationError(field: "id", problem: .notFound)
            }
            if try Self.exists(db, "SELECT 1 FROM authors WHERE slug = ? AND id <> ?", [slug, id]) {
                throw ValidationError(field: "slug", problem: .duplicate)
            }
            try db.execute(
                sql: "UPDATE authors SET name = ?, slug = ?, bio = ? WHERE id = ?", arguments: [name, slug, bio, id])
            try Self.reindex(
                try Int64.fetchAll(
                    db.cachedStatement(sql: "SELECT id FROM articles WHERE author_id = ?"), arguments: [id]), in: db)
            try Self.bumpVersion(db)
            return Author(id: id, slug: slug, name: name, bio: bio)
        }
    }

    public func updateSection(id: Int64, _ section: NewSection) async throws -> Section {
        try await pool.write { db in
            guard Slug.isValid(section.slug) else { throw ValidationError(field: "slug", problem: .invalid) }
            guard try Self.exists(db, "SELECT 1 FROM sections WHERE id = ?", [id]) else {
                throw ValidationError(field: "id", problem: .notFound)
            }
            if try Self.exists(db, "SELECT 1 FROM sections WHERE slug = ? AND id <> ?", [section.slug, id]) {
                throw ValidationError(field: "slug", problem: .duplicate)
            }
            // Walk up from the new parent: meeting this section would make a loop.
            var ancestor = section.parentID
            while let current = ancestor {
                if current == id { throw ValidationError(field: "parent", problem: .invalid) }
                guard try Self.exists(db, "SELECT 1 FROM sections WHERE id = ?", [current]) else {
                    throw ValidationError(field: "parent", problem: .notFound)
                }
                ancestor = try Int64.fetchOne(
                    db.cachedStatement(sql: "SELECT parent_id FROM sections WHERE id = ?"), arguments: [current])
            }
            try db.execute(
                sql:
                    "UPDATE sections SET slug = ?, name = ?, description = ?, position = ?, parent_id = ? WHERE id = ?",
                arguments: [section.slug, section.name, section.description, section.position, section.parentID, id])
            try Self.bumpVersion(db)
            return Section(
                id: id, slug: section.slug, name: section.name, description: section.description,
                position: section.position, parentID: section.parentID)
        }
    }

    public func tagUsage(limit: Int, offset: Int) async throws -> ResultPage<TagUsage> {
        try await pool.read { db in
            let total = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM tags")) ?? 0
            let items = try Row.fetchAll(
                db,
                sql: """
                    SELECT t.*, (SELECT COUNT(*) FROM article_tags at WHERE at.tag_id = t.id) AS uses
                    FROM tags t ORDER BY t.name, t.id LIMIT ? OFFSET ?
                    """,
                arguments: [limit, offset]
            ).map { TagUsage(tag: RowMapping.tag($0), articles: $0["uses"]) }
            return ResultPage(items: items, total: total)
        }
    }

    public func renameTag(id: Int64, name: String, slug: String) async throws -> Tag {
        try await pool.write { db in
            guard Slug.isValid(slug) else { throw ValidationError(field: "slug", problem: .invalid) }
            guard try Self.exists(db, "SELECT 1 FROM tags WHERE id = ?", [id]) else {
                throw ValidationError(field: "id", problem: .notFound)
            }
            if try Self.exists(db, "SELECT 1 FROM tags WHERE slug = ? AND id <> ?", [slug, id]) {
                throw ValidationError(field: "slug", problem: .duplicate)
            }
            try db.execute(sql: "UPDATE tags SET name = ?, slug = ? WHERE id = ?", arguments: [name, slug, id])
            try Self.reindex(
                try Int64.fetchAll(
                    db.cachedStatement(sql: "SELECT article_id FROM article_tags WHERE tag_id = ?"), arguments: [id]),
                in: db)
            try Self.bumpVersion(db)
            return Tag(id: id, slug: slug, name: name)
        }
    }

    public func deleteTag(id: Int64) async throws {
        try await pool.write { db in
            let carriers = try Int64.fetchAll(
                db.cachedStatement(sql: "SELECT article_id FROM article_tags WHERE tag_id = ?"), arguments: [id])
            try db.execute(sql: "DELETE FROM tags WHERE id = ?", arguments: [id])
            try Self.reindex(carriers, in: db)
            try Self.bumpVersion(db)
        }
    }

    /// Writes the search rows of these articles again (the published ones), inside the caller's
    /// transaction: the index holds tag and author names, so renaming one must reach it.
    static func reindex(_ ids: [Int64], in db: Database) throws {
        for id in ids {
            guard let article = try RowMapping.article(id: id, in: db), StorageRules.isIndexed(article.status) else {
                continue
            }
            try index(StorageRules.searchDocument(for: article), articleID: id, in: db)
        }
    }

    public func tagNames() async throws -> [String] {
        try await pool.read { db in try String.fetchAll(db.cachedStatement(sql: "SELECT name FROM tags ORDER BY name"))
        }
    }
}
