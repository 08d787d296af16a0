import NashraCore
import ServiceLifecycle

/// Drops this node's cached pages that a write touched as soon as any node or command writes
/// content: the database announces each new content version (PostgreSQL's `LISTEN/NOTIFY`) and the
/// cache reads which pages changed. The cache's own check of the content version, once a second,
/// still catches what a dropped connection misses.
struct ContentChangeListener<Store: ContentReading>: Service {
    let shared: any SharedState
    let store: Store
    let cache: PageCache

    func run() async throws {
        // The stream only ends with the store, so a graceful shutdown cancels the loop.
        try await cancelWhenGracefulShutdown {
            for await _ in shared.contentChanges() {
                await cache.refresh(from: store)
            }
        }
    }
}
