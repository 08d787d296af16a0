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
    /// nil when it was current. Under `shared`, one node or command rebuilds while the others wait and
    /// then find nothing to do. Searches keep working throughout.
    public static func run(
        _ store: some ContentSearching, shared: (any SharedState)?
    ) async throws -> Rebuilt? {
        @Sendable func upgrade() async throws -> Rebuilt? {
            let built = try await store.searchAnalyzerVersion()
            guard built != ArabicAnalyzer.version else { return nil }
            let count = try await store.reindex()
            try await store.optimizeSearchIndex()
            try await store.recordSearchAnalyzerVersion(ArabicAnalyzer.version)
            return Rebuilt(from: built, articles: count)
        }
        guard let shared else { return try await upgrade() }
        return try await shared.exclusively("search-reindex") { try await upgrade() }
    }
}
