import Foundation

/// What one committed write changed, as the cache keys of the pages that show it. Every write
/// records one in the same transaction as its content-version bump, so any process (another node,
/// the CLI, a CDN purger) can learn exactly which pages went stale.
public struct ContentChange: Sendable, Hashable {
    /// The content version the write committed.
    public var version: Int64
    /// The keys of the pages to drop; ``CacheKey/everything`` stands for all of them.
    public var keys: Set<String>

    public init(version: Int64, keys: Set<String>) {
        self.version = version
        self.keys = keys
    }

    /// `keys` as one stored text (space-separated, sorted so equal sets store the same text).
    public static func stored(_ keys: Set<String>) -> String { keys.sorted().joined(separator: " ") }

    /// The records read for the versions after `version` up to `latest`, or — when some are
    /// missing (pruned, or written before they were kept) — one change of everything.
    public static func complete(_ records: [ContentChange], after version: Int64, latest: Int64) -> [ContentChange] {
        guard latest > version else { return [] }
        guard Int64(records.count) == latest - version else {
            return [ContentChange(version: latest, keys: [CacheKey.everything])]
        }
        return records
    }

    public init(version: Int64, storedKeys: String) {
        self.init(version: version, keys: Set(storedKeys.split(separator: " ").map(String.init)))
    }
}

/// The names pages are tagged with (`Surrogate-Key`, `Cache-Tag`) and purged by.
public enum CacheKey {
    /// Every page: settings, sections (in every page's menu), renames and imports change them all.
    public static let everything = "all"
    public static let home = "home"
    public static let feeds = "feeds"
    public static let sitemap = "sitemap"
    public static let search = "search"

    public static func article(_ id: Int64) -> String { "article-\(id)" }
    public static func section(_ id: Int64) -> String { "section-\(id)" }
    public static func tag(_ id: Int64) -> String { "tag-\(id)" }
    public static func author(_ id: Int64) -> String { "author-\(id)" }
}

/// Where an article shows, as far as a cache is concerned: read before and after each write.
public struct ArticleFootprint: Sendable, Hashable {
    public var id: Int64
    /// Published (the only state readers see).
    public var isPublic: Bool
    /// Its section and that section's parent (whose page lists its children's articles too).
    public var sectionIDs: [Int64]
    public var authorID: Int64
    public var tagIDs: [Int64]

    public init(id: Int64, isPublic: Bool, sectionIDs: [Int64], authorID: Int64, tagIDs: [Int64]) {
        self.id = id
        self.isPublic = isPublic
        self.sectionIDs = sectionIDs
        self.authorID = authorID
        self.tagIDs = tagIDs
    }
}

extension StorageRules {
    /// The pages an article write touches: nothing while it is private before and after; otherwise
    /// its own page and every list it was or is in, the home page, feeds, sitemaps and search.
    public static func cacheKeys(before: ArticleFootprint?, after: ArticleFootprint?) -> Set<String> {
        let visible = [before, after].compactMap { $0 }.filter(\.isPublic)
        guard !visible.isEmpty else { return [] }
        var keys: Set<String> = [CacheKey.home, CacheKey.feeds, CacheKey.sitemap, CacheKey.search]
        for footprint in visible {
            keys.insert(CacheKey.article(footprint.id))
            keys.insert(CacheKey.author(footprint.authorID))
            for id in footprint.sectionIDs { keys.insert(CacheKey.section(id)) }
            for id in footprint.tagIDs { keys.insert(CacheKey.tag(id)) }
        }
        return keys
    }

    /// Change records kept for late readers; one that is further behind drops everything.
    public static let keptContentChanges: Int64 = 2_000
}
