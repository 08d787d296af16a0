import Foundation
import NashraPostgres
import NashraTestSupport

/// A store on a new, empty database of the tests' PostgreSQL server, closed after `body`.
func withFreshStore<Result>(
    _ label: String = #function, _ body: (PostgresStore) async throws -> Result
) async throws -> Result {
    let url = try await PostgresTestCluster.shared.freshDatabaseURL(label)
    let store = try await PostgresStore(url: try PostgresURL(url))
    defer { store.close() }
    return try await body(store)
}
