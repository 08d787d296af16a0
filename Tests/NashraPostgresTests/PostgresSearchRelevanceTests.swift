import Foundation
import NashraCore
import NashraDemo
import NashraPostgres
import NashraTestSupport
import Testing

/// The judged relevance set (``SearchRelevance``) on PostgreSQL's tsvector index, same thresholds.
@Suite("Search relevance (PostgreSQL)")
struct PostgresSearchRelevanceTests {
    @Test func theJudgedQueriesFindTheirArticles() async throws {
        try await withFreshStore { store in
            let now = FixedClock().now
            _ = try await DemoContent.seed(into: store, now: now)
            try await SearchRelevance.judgedQueriesFindTheirArticles(in: store, now: now)
        }
    }

    @Test func wrongJudgmentsScoreLow() async throws {
        try await withFreshStore { store in
            let now = FixedClock().now
            _ = try await DemoContent.seed(into: store, now: now)
            try await SearchRelevance.wrongJudgmentsScoreLow(in: store, now: now)
        }
    }
}
