import NashraSQLite
import NashraTestSupport
import Testing

@Suite("SQLite WordPress round trip")
struct SQLiteWordPressRoundTripTests {
    @Test("our export imported into an empty site loses nothing")
    func roundTrip() async throws {
        try await WordPressRoundTrip<SQLiteStore>.check(
            from: try SQLiteStore.inMemory(), into: try SQLiteStore.inMemory(), now: FixedClock().now)
    }
}
