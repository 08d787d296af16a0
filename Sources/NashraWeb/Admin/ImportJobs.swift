import Foundation
import NashraCore

/// The WordPress import an administrator started from the newsroom, one at a time on this node,
/// running beside the server; its page shows the progress.
actor ImportJobs {
    enum State: String, Sendable {
        case running, finished, failed
    }

    struct Job: Sendable {
        var fileName: String
        var started: Date
        var dryRun: Bool
        var state = State.running
        var done = 0
        var total = 0
        var report = ""
    }

    private(set) var current: Job?

    /// Starts `work` unless a job is running; false when one is.
    func start(
        fileName: String, dryRun: Bool, now: Date,
        work: @escaping @Sendable (@escaping @Sendable (Int, Int) -> Void) async throws -> String
    ) -> Bool {
        if current?.state == .running { return false }
        current = Job(fileName: fileName, started: now, dryRun: dryRun)
        Task {
            do {
                let report = try await work { done, total in Task { await self.progress(done, total) } }
                finish(.finished, report)
            } catch {
                finish(.failed, "\(error)")
            }
        }
        return true
    }

    private func progress(_ done: Int, _ total: Int) {
        guard current?.state == .running else { return }
        current?.done = done
        current?.total = total
    }

    private func finish(_ state: State, _ report: String) {
        current?.state = state
        current?.report = report
        if state == .finished, let total = current?.total { current?.done = total }
    }
}
