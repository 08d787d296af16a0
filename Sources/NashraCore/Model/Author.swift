/// A person who writes for the site.
public struct Author: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var slug: String
    public var name: String
    public var bio: String

    public init(id: Int64, slug: String, name: String, bio: String = "") {
        self.id = id
        self.slug = slug
        self.name = name
        self.bio = bio
    }
}

/// What is needed to create an author.
public struct NewAuthor: Sendable, Hashable {
    public var slug: String
    public var name: String
    public var bio: String

    public init(slug: String? = nil, name: String, bio: String = "") {
        self.slug = slug ?? Slug.make(from: name)
        self.name = name
        self.bio = bio
    }
}

/// A tag; tags are made on the fly from their names when articles are saved.
public struct Tag: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var slug: String
    public var name: String

    public init(id: Int64, slug: String, name: String) {
        self.id = id
        self.slug = slug
        self.name = name
    }
}
