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

    /// Feeds carry the whole article (true) or only its summary (false).
    public var feedFullText = true
    /// URLs per sitemap file (the standard allows at most 50,000).
    public var sitemapPageSize = 2000
    /// A newsroom session ends after this many minutes without a request.
    public var sessionIdleMinutes = 120
    /// Seconds a browser may keep a public page before asking again (`max-age`).
    public var cacheBrowserSeconds = 60
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
        "cacheStaleSeconds", "cacheStaleIfErrorSeconds",
    ]

    /// The value of a setting as text.
    public func value(for key: String) -> String? {
        switch key {
        case "name": name
        case "tagline": tagline
        case "language": language.rawValue
        case "calendar": calendar.rawValue
        case "timeZone": timeZone
        case "pageSize": String(pageSize)
        case "commentPolicy": commentPolicy.rawValue
        case "commentMaxLength": String(commentMaxLength)
        case "commentCloseAfterDays": String(commentCloseAfterDays)
        case "disallowedWords": disallowedWords
        case "commentMinSeconds": String(commentMinSeconds)
        case "commentLimitPerIP": String(commentLimitPerIP)
        case "commentLimitPerEmail": String(commentLimitPerEmail)
        case "feedFullText": String(feedFullText)
        case "sitemapPageSize": String(sitemapPageSize)
        case "sessionIdleMinutes": String(sessionIdleMinutes)
        case "cacheBrowserSeconds": String(cacheBrowserSeconds)
        case "cacheSharedSeconds": String(cacheSharedSeconds)
        case "cacheStaleSeconds": String(cacheStaleSeconds)
        case "cacheStaleIfErrorSeconds": String(cacheStaleIfErrorSeconds)
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
            pageSize = try Self.number(trimmed, key: key, in: 1...100)
        case "commentPolicy":
            guard let policy = CommentPolicy(rawValue: trimmed) else {
                throw ValidationError(field: key, problem: .invalid)
            }
            commentPolicy = policy
        case "commentMaxLength":
            commentMaxLength = try Self.number(trimmed, key: key, in: 100...50_000)
        case "commentCloseAfterDays":
            commentCloseAfterDays = try Self.number(trimmed, key: key, in: 0...36_500)
        case "disallowedWords":
            guard trimmed.count <= 20_000 else { throw ValidationError(field: key, problem: .tooLong(max: 20_000)) }
            disallowedWords = trimmed
        case "commentMinSeconds":
            commentMinSeconds = try Self.number(trimmed, key: key, in: 0...600)
        case "commentLimitPerIP":
            commentLimitPerIP = try Self.number(trimmed, key: key, in: 0...10_000)
        case "commentLimitPerEmail":
            commentLimitPerEmail = try Self.number(trimmed, key: key, in: 0...10_000)
        case "feedFullText":
            guard let value = Bool(trimmed.lowercased()) else { throw ValidationError(field: key, problem: .invalid) }
            feedFullText = value
        case "sitemapPageSize":
            sitemapPageSize = try Self.number(trimmed, key: key, in: 1...50_000)
        case "sessionIdleMinutes":
            sessionIdleMinutes = try Self.number(trimmed, key: key, in: 5...10_080)
        case "cacheBrowserSeconds":
            cacheBrowserSeconds = try Self.number(trimmed, key: key, in: 0...86_400)
        case "cacheSharedSeconds":
            cacheSharedSeconds = try Self.number(trimmed, key: key, in: 0...31_536_000)
        case "cacheStaleSeconds":
            cacheStaleSeconds = try Self.number(trimmed, key: key, in: 0...86_400)
        case "cacheStaleIfErrorSeconds":
            cacheStaleIfErrorSeconds = try Self.number(trimmed, key: key, in: 0...31_536_000)
        default:
            throw ValidationError(field: key, problem: .notFound)
        }
    }

    private static func number(_ text: String, key: String, in range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(text), range.contains(value) else { throw ValidationError(field: key, problem: .invalid) }
        return value
    }
}
