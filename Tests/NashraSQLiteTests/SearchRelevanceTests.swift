import Foundation
import NashraCore
import NashraDemo
import NashraSQLite
import NashraTestSupport
import Testing

/// The judged relevance sets (``DemoRelevance``, ``CorpusRelevance``) on SQLite's FTS5 index.
@Suite("Search relevance (SQLite)")
struct SearchRelevanceTests {
    @Test func theJudgedQueriesFindTheirArticles() async throws {
        let (store, now) = try await seededStore()
        try await DemoRelevance.judgedQueriesFindTheirArticles(in: store, now: now)
    }

    @Test func wrongJudgmentsScoreLow() async throws {
        let (store, now) = try await seededStore()
        try await DemoRelevance.wrongJudgmentsScoreLow(in: store, now: now)
    }

    /// The whole news corpus in a real SQLite file, as `nashra import` writes it.
    @Test func theJudgedCorpusQueriesFindTheirArticles() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-corpus-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: directory.appendingPathComponent("nashra.sqlite").path)
        try await CorpusRelevance.judgedQueriesFindTheirArticles(in: store, now: FixedClock().now)
    }

    private func seededStore() async throws -> (SQLiteStore, Date) {
        let store = try SQLiteStore.inMemory()
        let now = FixedClock().now
        _ = try await DemoContent.seed(into: store, now: now)
        return (store, now)
    }
}
