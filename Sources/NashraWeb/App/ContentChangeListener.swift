import NashraCore
import ServiceLifecycle

/// Drops this node's cached pages as soon as any node or command writes content: the database
/// announces each new content version (PostgreSQL's `LISTEN/NOTIFY`). The cache's own check of the
/// content version, once a second, still catches what a dropped connection misses.
struct ContentChangeListener: Service {
    let shared: any SharedState
    let cache: PageCache

    func run() async throws {
        // The stream only ends with the store, so a graceful shutdown cancels the loop.
        try await cancelWhenGracefulShutdown {
            for await version in shared.contentChanges() {
                cache.noteVersion(version)
            }
        }
    }
}
