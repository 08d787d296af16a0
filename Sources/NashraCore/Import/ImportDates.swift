import Foundation

/// Reads the date formats import files use: ISO 8601 (with or without time and offset),
/// `DD/MM/YYYY` (day first), RFC 822, and `YYYY-MM-DDTHHMMSS`. Dates without an offset are UTC.
/// Keeps its formatters, so make one per import and use it from one task.
public final class ImportDates {
    static let formats = [
        "yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd", "dd/MM/yyyy", "yyyy-MM-dd'T'HH:mm:ss.SSSXXXXX",
        "yyyy-MM-dd'T'HH:mmXXXXX", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HHmmss", "yyyy-MM-dd HH:mm:ss", "d/M/yyyy",
        "EEE, dd MMM yyyy HH:mm:ss Z", "EEE, dd MMM yyyy HH:mm:ss zzz", "dd MMM yyyy HH:mm:ss Z",
    ]

    private let formatters: [DateFormatter]

    public init() {
        formatters = Self.formats.map { format in
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = format
            formatter.isLenient = false
            return formatter
        }
    }

    public func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for formatter in formatters {
            if let date = formatter.date(from: trimmed) { return date }
        }
        return nil
    }
}
