import Foundation
import NashraCore
import NashraDemo
import NashraSQLite
import NashraTestSupport
import Testing

/// The judged relevance set (``SearchRelevance``) on SQLite's FTS5 index.
@Suite("Search relevance (SQLite)")
struct SearchRelevanceTests {
    @Test func theJudgedQueriesFindTheirArticles() async throws {
        let (store, now) = try await seededStore()
        try await SearchRelevance.judgedQueriesFindTheirArticles(in: store, now: now)
    }

    @Test func wrongJudgmentsScoreLow() async throws {
        let (store, now) = try await seededStore()
        try await SearchRelevance.wrongJudgmentsScoreLow(in: store, now: now)
    }

    private func seededStore() async throws -> (SQLiteStore, Date) {
        let store = try SQLiteStore.inMemory()
        let now = FixedClock().now
        _ = try await DemoContent.seed(into: store, now: now)
        return (store, now)
    }
}
