import NashraCore
import Testing

@Suite("SiteSettings")
struct SiteSettingsTests {
    struct Change: Sendable, CustomTestStringConvertible {
        let key: String
        let value: String
        let stored: String
        var testDescription: String { "\(key)=\(value)" }
    }

    static let accepted: [Change] = [
        .init(key: "name", value: "  أخبار اليوم ", stored: "أخبار اليوم"),
        .init(key: "name", value: String(repeating: "ن", count: 100), stored: String(repeating: "ن", count: 100)),
        .init(key: "tagline", value: "كل الأخبار", stored: "كل الأخبار"),
        .init(key: "tagline", value: "", stored: ""),
        .init(key: "language", value: "en", stored: "en"),
        .init(key: "language", value: " ar ", stored: "ar"),
        .init(key: "calendar", value: "hijri", stored: "hijri"),
        .init(key: "timeZone", value: "Asia/Riyadh", stored: "Asia/Riyadh"),
        .init(key: "timeZone", value: "Africa/Cairo", stored: "Africa/Cairo"),
        .init(key: "pageSize", value: "24", stored: "24"),
        .init(key: "pageSize", value: " 1 ", stored: "1"),
        .init(key: "pageSize", value: "100", stored: "100"),
    ]

    @Test(arguments: accepted)
    func acceptsValidValue(_ change: Change) throws {
        var settings = SiteSettings()
        try settings.set(change.key, to: change.value)
        #expect(settings.value(for: change.key) == change.stored)
    }

    struct Rejection: Sendable, CustomTestStringConvertible {
        let key: String
        let value: String
        let problem: ValidationError.Problem
        var testDescription: String { "\(key)=\(value.prefix(20))" }
    }

    static let rejected: [Rejection] = [
        .init(key: "name", value: "", problem: .required),
        .init(key: "name", value: " \n ", problem: .required),
        .init(key: "name", value: String(repeating: "ن", count: 101), problem: .tooLong(max: 100)),
        .init(key: "tagline", value: String(repeating: "ت", count: 201), problem: .tooLong(max: 200)),
        .init(key: "language", value: "fr", problem: .invalid),
        .init(key: "language", value: "AR", problem: .invalid),
        .init(key: "language", value: "", problem: .invalid),
        .init(key: "calendar", value: "julian", problem: .invalid),
        .init(key: "timeZone", value: "Mars/Olympus", problem: .invalid),
        .init(key: "timeZone", value: "", problem: .invalid),
        .init(key: "pageSize", value: "0", problem: .invalid),
        .init(key: "pageSize", value: "101", problem: .invalid),
        .init(key: "pageSize", value: "-5", problem: .invalid),
        .init(key: "pageSize", value: "twelve", problem: .invalid),
        .init(key: "pageSize", value: "١٢", problem: .invalid),
    ]

    @Test(arguments: rejected)
    func rejectsInvalidValueNamingTheKey(_ rejection: Rejection) {
        var settings = SiteSettings()
        let before = settings
        #expect(throws: ValidationError(field: rejection.key, problem: rejection.problem)) {
            try settings.set(rejection.key, to: rejection.value)
        }
        #expect(settings == before)
    }

    @Test(arguments: ["colour", "Name", "", "page_size"])
    func unknownKeyIsRejected(_ key: String) {
        var settings = SiteSettings()
        #expect(throws: ValidationError(field: key, problem: .notFound)) {
            try settings.set(key, to: "x")
        }
        #expect(settings.value(for: key) == nil)
    }

    @Test func everyKeyHasAValueAndCanBeSetBack() throws {
        var original = SiteSettings(
            name: "نشرة", tagline: "شعار", language: .en, calendar: .hijri,
            timeZone: "Asia/Dubai", pageSize: 30)
        try original.set("searchSynonyms", to: "بوتين، بوتن\nداعش، تنظيم الدولة")
        var copy = SiteSettings()
        for key in SiteSettings.keys {
            let value = try #require(original.value(for: key))
            try copy.set(key, to: value)
        }
        #expect(copy == original)
        #expect(
            SiteSettings.keys == [
                "name", "tagline", "language", "calendar", "timeZone", "pageSize", "commentPolicy", "commentMaxLength",
                "commentCloseAfterDays", "disallowedWords", "commentMinSeconds", "commentLimitPerIP",
                "commentLimitPerEmail", "feedFullText", "sitemapPageSize", "sessionIdleMinutes", "cacheBrowserSeconds",
                "cacheSharedSeconds", "cacheStaleSeconds", "cacheStaleIfErrorSeconds", "searchSynonyms",
            ])
    }

    @Test func defaults() {
        let settings = SiteSettings()
        #expect(settings.name == "نشرة")
        #expect(settings.language == .ar)
        #expect(settings.calendar == .gregorian)
        #expect(settings.timeZone == "UTC")
        #expect(settings.pageSize == 12)
    }

    @Test func languageDirection() {
        #expect(SiteSettings.Language.ar.isRightToLeft)
        #expect(!SiteSettings.Language.en.isRightToLeft)
    }

    @Test func setUpdatesTypedProperties() throws {
        var settings = SiteSettings()
        try settings.set("language", to: "en")
        try settings.set("calendar", to: "hijri")
        try settings.set("pageSize", to: "50")
        #expect(settings.language == .en)
        #expect(settings.calendar == .hijri)
        #expect(settings.pageSize == 50)
    }
}
