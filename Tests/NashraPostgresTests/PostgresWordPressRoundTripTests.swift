import NashraPostgres
import NashraTestSupport
import Testing

@Suite("PostgreSQL WordPress round trip")
struct PostgresWordPressRoundTripTests {
    @Test("our export imported into an empty site loses nothing")
    func roundTrip() async throws {
        try await withFreshStore("roundtrip-source") { source in
            try await withFreshStore("roundtrip-target") { target in
                try await WordPressRoundTrip<PostgresStore>.check(from: source, into: target, now: FixedClock().now)
            }
        }
    }
}
