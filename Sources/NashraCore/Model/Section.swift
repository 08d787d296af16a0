/// A section of the site (دولي، اقتصاد…), optionally under a parent section.
public struct Section: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var slug: String
    public var name: String
    public var description: String
    /// Position among its siblings in navigation; lower comes first.
    public var position: Int
    public var parentID: Int64?

    public init(
        id: Int64, slug: String, name: String, description: String = "", position: Int = 0, parentID: Int64? = nil
    ) {
        self.id = id
        self.slug = slug
        self.name = name
        self.description = description
        self.position = position
        self.parentID = parentID
    }
}

/// What is needed to create a section.
public struct NewSection: Sendable, Hashable {
    public var slug: String
    public var name: String
    public var description: String
    public var position: Int
    public var parentID: Int64?

    public init(slug: String? = nil, name: String, description: String = "", position: Int = 0, parentID: Int64? = nil)
    {
        self.slug = slug ?? Slug.make(from: name)
        self.name = name
        self.description = description
        self.position = position
        self.parentID = parentID
    }
}
