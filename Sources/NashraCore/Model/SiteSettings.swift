import Foundation

/// Site-wide settings an administrator changes without a redeploy.
public struct SiteSettings: Sendable, Hashable {
    /// Interface language; also sets the page's `lang` and `dir`.
    public enum Language: String, Sendable, CaseIterable {
        case ar
        case en

        public var isRightToLeft: Bool { self == .ar }
    }

    /// The calendar dates are shown in.
    public enum CalendarKind: String, Sendable, CaseIterable {
        case gregorian
        case hijri
    }

    public var name: String
    public var tagline: String
    public var language: Language
    public var calendar: CalendarKind
    /// An IANA time zone identifier; dates are stored in UTC and shown in this zone.
    public var timeZone: String
    /// Articles on a section, tag or author page.
    public var pageSize: Int

    public init(
        name: String = "نشرة", tagline: String = "أخبار العالم العربي والعالم", language: Language = .ar,
        calendar: CalendarKind = .gregorian, timeZone: String = "UTC", pageSize: Int = 12
    ) {
        self.name = name
        self.tagline = tagline
        self.language = language
        self.calendar = calendar
        self.timeZone = timeZone
        self.pageSize = pageSize
    }

    /// The setting names, as the CLI and the store know them.
    public static let keys = ["name", "tagline", "language", "calendar", "timeZone", "pageSize"]

    /// The value of a setting as text.
    public func value(for key: String) -> String? {
        switch key {
        case "name": name
        case "tagline": tagline
        case "language": language.rawValue
        case "calendar": calendar.rawValue
        case "timeZone": timeZone
        case "pageSize": String(pageSize)
        default: nil
        }
    }

    /// Sets a setting from text.
    /// - Throws: ``ValidationError`` naming the key when the key or the value is not accepted.
    public mutating func set(_ key: String, to value: String) throws {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        switch key {
        case "name":
            guard !trimmed.isEmpty else { throw ValidationError(field: key, problem: .required) }
            guard trimmed.count <= 100 else { throw ValidationError(field: key, problem: .tooLong(max: 100)) }
            name = trimmed
        case "tagline":
            guard trimmed.count <= 200 else { throw ValidationError(field: key, problem: .tooLong(max: 200)) }
            tagline = trimmed
        case "language":
            guard let language = Language(rawValue: trimmed) else {
                throw ValidationError(field: key, problem: .invalid)
            }
            self.language = language
        case "calendar":
            guard let calendar = CalendarKind(rawValue: trimmed) else {
                throw ValidationError(field: key, problem: .invalid)
            }
            self.calendar = calendar
        case "timeZone":
            guard TimeZone(identifier: trimmed) != nil else { throw ValidationError(field: key, problem: .invalid) }
            timeZone = trimmed
        case "pageSize":
            guard let size = Int(trimmed), (1...100).contains(size) else {
                throw ValidationError(field: key, problem: .invalid)
            }
            pageSize = size
        default:
            throw ValidationError(field: key, problem: .notFound)
        }
    }
}
