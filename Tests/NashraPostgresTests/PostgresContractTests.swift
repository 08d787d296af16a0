import NashraCore
import NashraPostgres
import NashraTestSupport
import Testing

/// The store contract against a real PostgreSQL server, each check on a database of its own.
@Suite("PostgreSQL store contract")
struct PostgresContractTests {
    @Test(arguments: StoreContract<PostgresStore>.checks)
    func contract(_ check: StoreContract<PostgresStore>.Check) async throws {
        try await withFreshStore(check.name) { try await check.run(on: $0) }
    }
}

/// The newsroom contract against a real PostgreSQL server.
@Suite("PostgreSQL newsroom contract")
struct PostgresNewsroomContractTests {
    @Test(arguments: NewsroomContract<PostgresStore>.checks)
    func contract(_ check: NewsroomContract<PostgresStore>.Check) async throws {
        try await withFreshStore(check.name) { try await check.run(on: $0) }
    }
}
