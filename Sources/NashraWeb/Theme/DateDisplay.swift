import Foundation
import NashraCore

/// Shows dates as the site's settings ask: language, calendar (Gregorian or Hijri) and time zone.
struct DateDisplay {
    private let formatters: DateFormatters

    init(settings: SiteSettings) {
        formatters = DateFormatters.shared(
            language: settings.language, calendar: settings.calendar, timeZone: settings.timeZone)
    }

    /// Day, date and time, for the article byline.
    func full(_ date: Date) -> String { formatters.full(date) }

    /// Just the date, for lists and comments.
    func day(_ date: Date) -> String { formatters.day(date) }

    /// The machine-readable form for `<time datetime>`.
    static func iso(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}

/// One pair of formatters per language, calendar and time zone, made once and shared: ICU builds a
/// formatter on its first use, which cost a twentieth of an article render when every render made
/// its own. Each formatter is used under a lock.
private final class DateFormatters: @unchecked Sendable {
    private let lock = NSLock()
    private let fullFormatter: DateFormatter
    private let dayFormatter: DateFormatter

    private init(language: SiteSettings.Language, calendar kind: SiteSettings.CalendarKind, timeZone: String) {
        let zone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!
        let locale: Locale
        var calendar: Calendar
        switch (language, kind) {
        case (.ar, .hijri):
            locale = Locale(identifier: "ar-SA")
            calendar = Calendar(identifier: .islamicUmmAlQura)
        case (.en, .hijri):
            locale = Locale(identifier: "en")
            calendar = Calendar(identifier: .islamicUmmAlQura)
        case (.ar, .gregorian):
            locale = Locale(identifier: "ar")
            calendar = Calendar(identifier: .gregorian)
        case (.en, .gregorian):
            locale = Locale(identifier: "en_GB")
            calendar = Calendar(identifier: .gregorian)
        }
        calendar.timeZone = zone
        calendar.locale = locale
        fullFormatter = DateFormatter()
        dayFormatter = DateFormatter()
        for (each, template) in [(fullFormatter, "EEEE d MMMM y jj:mm"), (dayFormatter, "d MMMM y")] {
            each.locale = locale
            each.calendar = calendar
            each.timeZone = zone
            each.setLocalizedDateFormatFromTemplate(template)
        }
    }

    func full(_ date: Date) -> String { lock.withLock { fullFormatter.string(from: date) } }
    func day(_ date: Date) -> String { lock.withLock { dayFormatter.string(from: date) } }

    private static let cacheLock = NSLock()
    nonisolated(unsafe) private static var cache: [String: DateFormatters] = [:]

    static func shared(
        language: SiteSettings.Language, calendar: SiteSettings.CalendarKind, timeZone: String
    ) -> DateFormatters {
        let key = "\(language.rawValue) \(calendar) \(timeZone)"
        return cacheLock.withLock {
            if let found = cache[key] { return found }
            // Settings change rarely; a site that keeps changing its time zone starts over.
            if cache.count >= 32 { cache.removeAll() }
            let made = DateFormatters(language: language, calendar: calendar, timeZone: timeZone)
            cache[key] = made
            return made
        }
    }
}
