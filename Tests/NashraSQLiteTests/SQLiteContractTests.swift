import NashraCore
import NashraSQLite
import NashraTestSupport
import Testing

/// The store contract, run against a real SQLite file (a WAL pool, as `serve` opens it).
@Suite("SQLite store contract")
struct SQLiteContractTests {
    @Test(arguments: StoreContract<SQLiteStore>.checks)
    func contract(_ check: StoreContract<SQLiteStore>.Check) async throws {
        try await withTemporaryDirectory { try await check.run(on: SQLiteStore(directory: $0)) }
    }
}

/// The newsroom contract, run against a real SQLite file.
@Suite("SQLite newsroom contract")
struct SQLiteNewsroomContractTests {
    @Test(arguments: NewsroomContract<SQLiteStore>.checks)
    func contract(_ check: NewsroomContract<SQLiteStore>.Check) async throws {
        try await withTemporaryDirectory { try await check.run(on: SQLiteStore(directory: $0)) }
    }
}
