/// Rebuilding the search index once after an upgrade changed the analyzer (``ArabicAnalyzer/version``).
public enum SearchIndexUpgrade {
    /// What a rebuild did.
    public struct Rebuilt: Sendable, Hashable {
        /// The analyzer version the index had been built with.
        public var from: Int
        /// The articles indexed.
        public var articles: Int

        public init(from: Int, articles: Int) {
            self.from = from
            self.articles = articles
        }
    }

    /// Rebuilds the index in place when another analyzer version built it, then records the current one;
    /// nil when it was current, or when another node or command is rebuilding it now (under `shared`,
    /// so several nodes starting together neither rebuild twice nor wait holding a connection). Searches
    /// keep working throughout; until its row is rewritten an article keeps the old analyzer's terms.
    /// The index is not optimized here: on SQLite that would hold the writer for seconds on a live site.
    public static func run(
        _ store: some ContentSearching, shared: (any SharedState)?
    ) async throws -> Rebuilt? {
        guard try await store.searchAnalyzerVersion() != ArabicAnalyzer.version else { return nil }
        @Sendable func upgrade() async throws -> Rebuilt? {
            let built = try await store.searchAnalyzerVersion()
            guard built != ArabicAnalyzer.version else { return nil }
            return Rebuilt(from: built, articles: try await reindex(store, optimizing: false))
        }
        guard let shared else { return try await upgrade() }
        return try await shared.ifFree(lockName) { try await upgrade() } ?? nil
    }

    /// Rebuilds the index whatever version built it (`nashra reindex`), waiting for a rebuild another
    /// node or command is doing; returns the articles indexed.
    public static func rebuild(_ store: some ContentSearching, shared: (any SharedState)?) async throws -> Int {
        guard let shared else { return try await reindex(store, optimizing: true) }
        return try await shared.exclusively(lockName) { try await reindex(store, optimizing: true) }
    }

    /// Reindexes, optionally optimizes, and records the current analyzer; returns the articles indexed.
    private static func reindex(_ store: some ContentSearching, optimizing: Bool) async throws -> Int {
        let count = try await store.reindex()
        if optimizing { try await store.optimizeSearchIndex() }
        try await store.recordSearchAnalyzerVersion(ArabicAnalyzer.version)
        return count
    }

    static let lockName = "search-reindex"
}
