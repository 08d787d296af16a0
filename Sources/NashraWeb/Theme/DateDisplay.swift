import Foundation
import NashraCore

/// Shows dates as the site's settings ask: language, calendar (Gregorian or Hijri) and time zone.
struct DateDisplay {
    private let formatter: DateFormatter
    private let dayFormatter: DateFormatter

    init(settings: SiteSettings) {
        let zone = TimeZone(identifier: settings.timeZone) ?? TimeZone(identifier: "UTC")!
        let locale: Locale
        var calendar: Calendar
        switch (settings.language, settings.calendar) {
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
        formatter = DateFormatter()
        dayFormatter = DateFormatter()
        for (each, template) in [(formatter, "EEEE d MMMM y jj:mm"), (dayFormatter, "d MMMM y")] {
            each.locale = locale
            each.calendar = calendar
            each.timeZone = zone
            each.setLocalizedDateFormatFromTemplate(template)
        }
    }

    /// Day, date and time, for the article byline.
    func full(_ date: Date) -> String { formatter.string(from: date) }

    /// Just the date, for lists and comments.
    func day(_ date: Date) -> String { dayFormatter.string(from: date) }

    /// The machine-readable form for `<time datetime>`.
    static func iso(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
