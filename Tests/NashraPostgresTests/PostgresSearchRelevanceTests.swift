import Foundation
import NashraCore
import NashraDemo
import NashraPostgres
import NashraTestSupport
import Testing

/// The judged relevance sets (``DemoRelevance``, ``CorpusRelevance``) on PostgreSQL's tsvector index, same
/// thresholds.
@Suite("Search relevance (PostgreSQL)")
struct PostgresSearchRelevanceTests {
    @Test func theJudgedQueriesFindTheirArticles() async throws {
        try await withFreshStore { store in
            let now = FixedClock().now
            _ = try await DemoContent.seed(into: store, now: now)
            try await DemoRelevance.judgedQueriesFindTheirArticles(in: store, now: now)
        }
    }

    @Test func wrongJudgmentsScoreLow() async throws {
        try await withFreshStore { store in
            let now = FixedClock().now
            _ = try await DemoContent.seed(into: store, now: now)
            try await DemoRelevance.wrongJudgmentsScoreLow(in: store, now: now)
        }
    }

    /// The whole news corpus on a real PostgreSQL server.
    @Test func theJudgedCorpusQueriesFindTheirArticles() async throws {
        try await withFreshStore { store in
            try await CorpusRelevance.judgedQueriesFindTheirArticles(in: store, now: FixedClock().now)
        }
    }
}
