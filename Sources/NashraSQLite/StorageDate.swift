import Foundation

/// Dates as GRDB stores them (`yyyy-MM-dd HH:mm:ss.SSS`, UTC, milliseconds rounded to the nearest), made
/// without a `DateFormatter`: an import writes about ten dates per post, and the formatter was a
/// fiftieth of its time. A test compares both on many dates.
enum StorageDate {
    static func text(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000 + 0.5).rounded(.down))
        let (days, inDay) = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
        var day = days
        var millisecond = inDay
        if millisecond < 0 {
            millisecond += 86_400_000
            day -= 1
        }
        // Days to a proleptic Gregorian civil date (Howard Hinnant's algorithm).
        let shifted = day + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(23)
        func digits(_ value: Int64, _ count: Int) {
            var divisor: Int64 = 1
            for _ in 1..<count { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(48 + (rest / divisor) % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(year, 4)
        bytes.append(UInt8(ascii: "-"))
        digits(month, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(dayOfMonth, 2)
        bytes.append(UInt8(ascii: " "))
        digits(millisecond / 3_600_000, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(millisecond / 60_000 % 60, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(millisecond / 1000 % 60, 2)
        bytes.append(UInt8(ascii: "."))
        digits(millisecond % 1000, 3)
        return String(decoding: bytes, as: UTF8.self)
    }
}
