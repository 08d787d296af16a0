import Foundation
import NashraCore
import PostgresNIO

extension PostgresStore {
    public func allAuthors() async throws -> [Author] {
        try await client.all("SELECT * FROM authors ORDER BY name, id").map(PostgresRows.author)
    }

    public func updateAuthor(id: Int64, name: String, slug: String, bio: String) async throws -> Author {
        guard Slug.isValid(slug) else { throw ValidationError(field: "slug", problem: .invalid) }
        return try await transaction { db in
            try await db.bumpVersion()
            guard try await db.exists("SELECT 1 FROM authors WHERE id = \(id)") else {
                throw ValidationError(field: "id", problem: .notFound)
            }
            if try await db.exists("SELECT 1 FROM authors WHERE slug = \(slug) AND id <> \(id)") {
                throw ValidationError(field: "slug", problem: .duplicate)
            }
            try await db.exec("UPDATE authors SET name = \(name), slug = \(slug), bio = \(bio) WHERE id = \(id)")
            try await PostgresSearch.reindex(
                try await db.values("SELECT id FROM articles WHERE author_id = \(id)", as: Int64.self), in: db)
            return Author(id: id, slug: slug, name: name, bio: bio)
        }
    }

    public func updateSection(id: Int64, _ section: NewSection) async throws -> Section {
        guard Slug.isValid(section.slug) else { throw ValidationError(field: "slug", problem: .invalid) }
        return try await transaction { db in
            try await db.bumpVersion()
            guard try await db.exists("SELECT 1 FROM sections WHERE id = \(id)") else {
                throw ValidationError(field: "id", problem: .notFound)
            }
            if try await db.exists("SELECT 1 FROM sections WHERE slug = \(section.slug) AND id <> \(id)") {
                throw ValidationError(field: "slug", problem: .duplicate)
            }
            // Walk up from the new parent: meeting this section would make a loop.
            var ancestor = section.parentID
            while let current = ancestor {
                if current == id { throw ValidationError(field: "parent", problem: .invalid) }
                guard let row = try await db.one("SELECT parent_id FROM sections WHERE id = \(current)") else {
                    throw ValidationError(field: "parent", problem: .notFound)
                }
                ancestor = try row.optional("parent_id", as: Int64.self)
            }
            try await db.exec(
                """
                UPDATE sections SET slug = \(section.slug), name = \(section.name), description = \(section.description),
                    position = \(section.position), parent_id = \(section.parentID) WHERE id = \(id)
                """)
            return Section(
                id: id, slug: section.slug, name: section.name, description: section.description,
                position: section.position, parentID: section.parentID)
        }
    }

    public func tagUsage(limit: Int, offset: Int) async throws -> ResultPage<TagUsage> {
        let total = try await client.value("SELECT COUNT(*) FROM tags", as: Int.self) ?? 0
        let items = try await client.all(
            """
            SELECT t.*, (SELECT COUNT(*) FROM article_tags at WHERE at.tag_id = t.id) AS uses
            FROM tags t ORDER BY t.name, t.id LIMIT \(limit) OFFSET \(offset)
            """
        ).map { TagUsage(tag: try PostgresRows.tag($0), articles: try $0["uses"]) }
        return ResultPage(items: items, total: total)
    }

    public func renameTag(id: Int64, name: String, slug: String) async throws -> Tag {
        guard Slug.isValid(slug) else { throw ValidationError(field: "slug", problem: .invalid) }
        return try await transaction { db in
            try await db.bumpVersion()
            guard try await db.exists("SELECT 1 FROM tags WHERE id = \(id)") else {
                throw ValidationError(field: "id", problem: .notFound)
            }
            if try await db.exists("SELECT 1 FROM tags WHERE slug = \(slug) AND id <> \(id)") {
                throw ValidationError(field: "slug", problem: .duplicate)
            }
            try await db.exec("UPDATE tags SET name = \(name), slug = \(slug) WHERE id = \(id)")
            try await PostgresSearch.reindex(
                try await db.values("SELECT article_id FROM article_tags WHERE tag_id = \(id)", as: Int64.self), in: db)
            return Tag(id: id, slug: slug, name: name)
        }
    }

    public func deleteTag(id: Int64) async throws {
        try await transaction { db in
            try await db.bumpVersion()
            let carriers = try await db.values(
                "SELECT article_id FROM article_tags WHERE tag_id = \(id)", as: Int64.self)
            try await db.exec("DELETE FROM tags WHERE id = \(id)")
            try await PostgresSearch.reindex(carriers, in: db)
        }
    }

    public func tagNames() async throws -> [String] {
        try await client.values("SELECT name FROM tags ORDER BY name", as: String.self)
    }
}
