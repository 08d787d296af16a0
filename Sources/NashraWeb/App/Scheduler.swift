import Foundation
import Logging
import NashraCore
import ServiceLifecycle

/// Publishes scheduled articles when their time comes, from inside the server: no visitor has to
/// arrive for it to happen, and after a restart it catches up at once with anything overdue.
struct Scheduler<Store: ContentStore & NewsroomStore>: Service {
    let store: Store
    let clock: any NashraClock
    let cache: PageCache
    let interval: Double
    let logger: Logger

    func run() async throws {
        // Each pass is one indexed read when nothing is due; a second's interval puts a scheduled
        // article live within about a second of its time.
        var lastPurge = Date.distantPast
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            await runOnce()
            if clock.now.timeIntervalSince(lastPurge) > 600 {
                lastPurge = clock.now
                await purgeIdleSessions()
            }
            try? await Task.sleep(for: .seconds(interval))
        }
    }

    /// Idle sessions are refused anyway and month-old autosaves are abandoned; this keeps both
    /// tables from growing.
    func purgeIdleSessions() async {
        do {
            let idle = TimeInterval(try await store.settings().sessionIdleMinutes * 60)
            try await store.deleteSessions(idleBefore: clock.now.addingTimeInterval(-idle))
            try await store.deleteAutosaves(savedBefore: clock.now.addingTimeInterval(-30 * 24 * 3600))
        } catch {
            logger.error("session purge failed", metadata: ["error": "\(error)"])
        }
    }

    /// One pass: publishes what is due and drops cached pages so readers see it at once.
    func runOnce() async {
        do {
            let published = try await store.publishDue(now: clock.now)
            guard !published.isEmpty else { return }
            await cache.refresh(from: store)
            for id in published {
                try await store.record(
                    AuditEntry(
                        at: clock.now, action: .articlePublished, userID: nil, actorName: "scheduler",
                        target: "article \(id)", detail: "scheduled"))
            }
            logger.info("published scheduled articles", metadata: ["ids": "\(published)"])
        } catch {
            logger.error("scheduler pass failed", metadata: ["error": "\(error)"])
        }
    }
}
