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

    /// Who is published without waiting for a moderator.
    public enum CommentPolicy: String, Sendable, CaseIterable {
        /// Every comment waits for a moderator (the default).
        case hold
        /// Readers whose name and email already have an approved comment go straight through.
        case approveKnown
        /// Everything goes straight through (links and disallowed words still hold or mark spam).
        case open
    }

    public var name: String
    public var tagline: String
    public var language: Language
    public var calendar: CalendarKind
    /// An IANA time zone identifier; dates are stored in UTC and shown in this zone.
    public var timeZone: String
    /// Articles on a section, tag or author page.
    public var pageSize: Int
    public var commentPolicy: CommentPolicy = .hold
    /// The longest comment accepted, in characters.
    public var commentMaxLength = 5000
    /// Comments close this many days after publication; 0 keeps them open.
    public var commentCloseAfterDays = 0
    /// Words and phrases that mark a comment as spam, one per line or comma-separated.
    public var disallowedWords = ""
    /// The least time between sending the form and receiving it; faster is a bot.
    public var commentMinSeconds = 3
    /// Comments accepted from one address in ten minutes (0: no limit).
    public var commentLimitPerIP = 10
    /// Comments accepted for one email address in ten minutes (0: no limit).
    public var commentLimitPerEmail = 5

    /// The newsroom's synonym list as typed (see ``SearchSynonyms``); set through ``set(_:to:)``.
    public private(set) var searchSynonyms = ""
    /// ``searchSynonyms`` parsed, applied to every search.
    public private(set) var synonyms = SearchSynonyms.none

    /// Feeds carry the whole article (true) or only its summary (false).
    public var feedFullText = true
    /// URLs per sitemap file (the standard allows at most 50,000).
    public var sitemapPageSize = 2000
    /// A newsroom session ends after this many minutes without a request.
    public var sessionIdleMinutes = 120
    /// Seconds a browser may keep a public page before asking again (`max-age`). No purge reaches a
    /// browser, so by default it asks every time and gets a 304 while the page is unchanged.
    public var cacheBrowserSeconds = 0
    /// Seconds a shared cache (CDN, Varnish) may keep a public page (`s-maxage`); Nashra purges what
    /// a write changes, so this can be long.
    public var cacheSharedSeconds = 600
    /// Seconds a cache may serve a stale page while it fetches a new one (`stale-while-revalidate`).
    public var cacheStaleSeconds = 30
    /// Seconds a cache may serve a stale page while the site is down (`stale-if-error`).
    public var cacheStaleIfErrorSeconds = 86_400

    /// The `Cache-Control` of a page every reader shares.
    public var publicCacheControl: String {
        "public, max-age=\(cacheBrowserSeconds), s-maxage=\(cacheSharedSeconds), "
            + "stale-while-revalidate=\(cacheStaleSeconds), stale-if-error=\(cacheStaleIfErrorSeconds)"
    }

    /// ``disallowedWords`` as a list.
    public var disallowedWordList: [String] {
        disallowedWords.split(whereSeparator: { $0 == "," || $0 == "،" || $0.isNewline })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

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
    public static let keys = [
        "name", "tagline", "language", "calendar", "timeZone", "pageSize", "commentPolicy", "commentMaxLength",
        "commentCloseAfterDays", "disallowedWords", "commentMinSeconds", "commentLimitPerIP", "commentLimitPerEmail",
        "feedFullText", "sitemapPageSize", "sessionIdleMinutes", "cacheBrowserSeconds", "cacheSharedSeconds",
        "cacheStaleSeconds", "cacheStaleIfErrorSeconds", "searchSynonyms",
    ]

    /// The cache lifetimes of shared pages, in seconds, in the order the newsroom shows them.
    public static let cachingKeys = [
        "cacheBrowserSeconds", "cacheSharedSeconds", "cacheStaleSeconds", "cacheStaleIfErrorSeconds",
    ]

    /// The values a whole-number setting accepts; nil for any other key.
    public static func range(ofNumber key: String) -> ClosedRange<Int>? { numbers[key]?.range }

    /// The whole-number settings, with the values each accepts.
    static let numbers: [String: (path: WritableKeyPath<SiteSettings, Int> & Sendable, range: ClosedRange<Int>)] = [
        "pageSize": (\.pageSize, 1...100),
        "commentMaxLength": (\.commentMaxLength, 100...50_000),
        "commentCloseAfterDays": (\.commentCloseAfterDays, 0...36_500),
        "commentMinSeconds": (\.commentMinSeconds, 0...600),
        "commentLimitPerIP": (\.commentLimitPerIP, 0...10_000),
        "commentLimitPerEmail": (\.commentLimitPerEmail, 0...10_000),
        "sitemapPageSize": (\.sitemapPageSize, 1...50_000),
        "sessionIdleMinutes": (\.sessionIdleMinutes, 5...10_080),
        "cacheBrowserSeconds": (\.cacheBrowserSeconds, 0...86_400),
        "cacheSharedSeconds": (\.cacheSharedSeconds, 0...31_536_000),
        "cacheStaleSeconds": (\.cacheStaleSeconds, 0...86_400),
        "cacheStaleIfErrorSeconds": (\.cacheStaleIfErrorSeconds, 0...31_536_000),
    ]

    /// The value of a setting as text.
    public func value(for key: String) -> String? {
        if let number = Self.numbers[key] { return String(self[keyPath: number.path]) }
        return switch key {
        case "name": name
        case "tagline": tagline
        case "language": language.rawValue
        case "calendar": calendar.rawValue
        case "timeZone": timeZone
        case "commentPolicy": commentPolicy.rawValue
        case "disallowedWords": disallowedWords
        case "feedFullText": String(feedFullText)
        case "searchSynonyms": searchSynonyms
        default: nil
        }
    }

    /// Sets a setting from text.
    /// - Throws: ``ValidationError`` naming the key when the key or the value is not accepted.
    public mutating func set(_ key: String, to value: String) throws {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if let number = Self.numbers[key] {
            self[keyPath: number.path] = try Self.number(trimmed, key: key, in: number.range)
            return
        }
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
        case "commentPolicy":
            guard let policy = CommentPolicy(rawValue: trimmed) else {
                throw ValidationError(field: key, problem: .invalid)
            }
            commentPolicy = policy
        case "disallowedWords":
            guard trimmed.count <= 20_000 else { throw ValidationError(field: key, problem: .tooLong(max: 20_000)) }
            disallowedWords = trimmed
        case "searchSynonyms":
            synonyms = try SearchSynonyms(parsing: value, field: key)  // untrimmed, so line numbers are the typed ones
            searchSynonyms = trimmed
        case "feedFullText":
            guard let value = Bool(trimmed.lowercased()) else { throw ValidationError(field: key, problem: .invalid) }
            feedFullText = value
        default:
            throw ValidationError(field: key, problem: .notFound)
        }
    }

    private static func number(_ text: String, key: String, in range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(text), range.contains(value) else { throw ValidationError(field: key, problem: .invalid) }
        return value
    }
}
