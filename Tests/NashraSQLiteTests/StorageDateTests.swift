import Foundation
import GRDB
import Testing

@testable import NashraSQLite

/// Our date text for SQLite is the text GRDB writes for the same date.
@Suite("Storage dates")
struct StorageDateTests {
    static func grdb(_ date: Date) -> String? { String.fromDatabaseValue(date.databaseValue) }

    @Test func datesAreWrittenAsGRDBWritesThem() {
        var state: UInt64 = 42
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        var dates = [0, 0.0005, 0.9995, 0.999_999, 59.999, 951_782_400, 1_773_565_200.123_456, -1, -0.0005, -86_400.5]
            .map(Date.init(timeIntervalSince1970:))
        // 1900 to 2200, with fractions of a millisecond.
        for _ in 0..<20_000 {
            let seconds = -2_208_988_800 + Double(next() % 9_467_280_000_000) / 1000 + Double(next() % 1000) / 1_000_000
            dates.append(Date(timeIntervalSince1970: seconds))
        }
        for date in dates {
            #expect(StorageDate.text(date) == Self.grdb(date), "\(date.timeIntervalSince1970)")
        }
    }
}
