import Foundation

/// Date formats the feed and sitemap standards ask for.
public enum FeedDates {
    /// RFC 822 (as RSS 2.0 uses it), in UTC: `Sun, 29 Nov 2026 18:24:43 +0000`.
    public static func rfc822(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    /// RFC 3339 (Atom, sitemaps, Open Graph), in UTC: `2026-11-29T18:24:43Z`.
    public static func rfc3339(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
