import Foundation
import NashraCore
import Testing

@Suite("Comment rules")
struct CommentRulesTests {
    func validate(
        _ author: String = "سامي", email: String = "sami@example.com", url: String = "", comment: String = "تعليق"
    )
        -> Result<ValidComment, CommentValidationErrors>
    {
        CommentRules.validate(
            CommentSubmission(author: author, email: email, url: url, comment: comment), maxLength: 50)
    }

    func problems(_ result: Result<ValidComment, CommentValidationErrors>) -> [CommentField: CommentProblem] {
        if case .failure(let errors) = result { return errors.problems }
        return [:]
    }

    @Test func everyMissingRequiredFieldIsNamedInFormOrder() {
        let result = validate("  ", email: "", comment: "\n ")
        #expect(problems(result) == [.author: .required, .email: .required, .comment: .required])
        if case .failure(let errors) = result { #expect(errors.firstField == .comment) }
    }

    @Test(arguments: [
        "sami", "sami@", "@example.com", "sami@example", "sa mi@example.com", "sami@exa_mple.com", "a@b@c.com",
    ])
    func implausibleEmailsAreRefused(_ email: String) {
        #expect(problems(validate(email: email)) == [.email: .invalidEmail])
    }

    @Test(arguments: ["sami@example.com", "SAMI.Haddad+news@mail.example.org", "قارئ@مثال.شبكة"])
    func plausibleEmailsPass(_ email: String) throws {
        #expect(try validate(email: email).get().authorEmail == email)
    }

    @Test func lengthsAreLimited() {
        #expect(problems(validate(String(repeating: "ا", count: 101))) == [.author: .tooLong(max: 100)])
        #expect(problems(validate(comment: String(repeating: "ب", count: 51))) == [.comment: .tooLong(max: 50)])
        #expect(problems(validate(email: String(repeating: "a", count: 250) + "@x.io")) == [.email: .tooLong(max: 254)])
    }

    @Test func websitesMustBeHTTP() throws {
        #expect(problems(validate(url: "javascript:alert(1)")) == [.url: .invalidURL])
        #expect(problems(validate(url: "ftp://example.com")) == [.url: .invalidURL])
        #expect(problems(validate(url: "https://example.com/\"onmouseover=x")) == [.url: .invalidURL])
        #expect(try validate(url: "example.org/me").get().authorURL == "https://example.org/me")
        #expect(try validate(url: "http://example.org").get().authorURL == "http://example.org")
    }

    @Test func namesLoseBidiControlsAndTextIsNFC() throws {
        let valid = try validate("\u{202E}سامي\u{200F}", comment: "e\u{0301}\r\nسطر").get()
        #expect(valid.authorName == "سامي")
        #expect(valid.body == "\u{00E9}\nسطر")
    }

    func decide(_ body: String, policy: SiteSettings.CommentPolicy = .open, known: Bool = false, words: String = "")
        throws -> CommentStatus
    {
        var settings = SiteSettings()
        try settings.set("commentPolicy", to: policy.rawValue)
        try settings.set("disallowedWords", to: words)
        let valid = try validate(comment: body).get()
        return CommentRules.decide(valid, settings: settings, knownReader: known)
    }

    @Test func thePolicyDecides() throws {
        #expect(try decide("رأي", policy: .hold, known: true) == .pending)
        #expect(try decide("رأي", policy: .approveKnown, known: false) == .pending)
        #expect(try decide("رأي", policy: .approveKnown, known: true) == .approved)
        #expect(try decide("رأي", policy: .open) == .approved)
    }

    @Test func twoLinksHoldEvenAnOpenSite() throws {
        #expect(try decide("انظر https://a.example و www.b.example") == .pending)
        #expect(try decide("انظر https://a.example فقط") == .approved)
    }

    /// Tatweel, tashkeel and alef variants cannot slip past the list; parts of words do not match.
    @Test(arguments: ["هذا قمـــار", "هذا قِمَار", "كازينو أونلاين هنا", "KAZINO online"])
    func disallowedWordsMatchAfterNormalization(_ body: String) throws {
        #expect(try decide(body, words: "قمار، كازينو اونلاين\nkazino online") == .spam)
    }

    @Test func disallowedWordsMatchWholeWordsOnly() throws {
        #expect(try decide("المقامرة ليست موضوعنا", words: "قمار") == .approved)
    }

    @Test func articlesCloseByHandOrByAge() {
        let now = Date(timeIntervalSince1970: 2_000_000_000)
        var settings = SiteSettings()
        let open = article(publishedDaysAgo: 10, now: now, commentsOpen: true)
        #expect(!CommentRules.isClosed(open, settings: settings, now: now))
        settings.commentCloseAfterDays = 7
        #expect(CommentRules.isClosed(open, settings: settings, now: now))
        settings.commentCloseAfterDays = 30
        #expect(!CommentRules.isClosed(open, settings: settings, now: now))
        #expect(
            CommentRules.isClosed(
                article(publishedDaysAgo: 1, now: now, commentsOpen: false), settings: settings, now: now))
    }

    func article(publishedDaysAgo days: Double, now: Date, commentsOpen: Bool) -> Article {
        Article(
            id: 1, slug: "خبر", title: "خبر", summary: "", body: .empty, section: Section(id: 1, slug: "س", name: "س"),
            author: Author(id: 1, slug: "ك", name: "ك"), tags: [], source: nil, cover: nil, isBreaking: false,
            status: .published, publishedAt: now.addingTimeInterval(-days * 86_400), updatedAt: now, readingMinutes: 1,
            commentsOpen: commentsOpen)
    }
}

@Suite("Comment text")
struct CommentTextTests {
    @Test func linksAreFoundWithoutTheirTrailingPunctuation() {
        let segments = CommentText.segments(of: "زوروا https://example.org/a?b=1، ثم www.example.com.")
        #expect(segments.filter(\.isLink).map(\.text) == ["https://example.org/a?b=1", "www.example.com"])
        #expect(segments.map(\.text).joined() == "زوروا https://example.org/a?b=1، ثم www.example.com.")
    }

    @Test func htmlEscapesTextAndLinks() {
        #expect(
            CommentText.html(of: "<b>x</b> https://e.example/\"x")
                == "&lt;b&gt;x&lt;/b&gt; <a href=\"https://e.example/\">https://e.example/</a>&quot;x")
        #expect(CommentText.html(of: "www.e.example") == "<a href=\"https://www.e.example\">www.e.example</a>")
    }

    @Test func paragraphsSplitOnLineBreaks() {
        #expect(CommentText.paragraphs(of: "أ\n\n ب \nج") == ["أ", "ب", "ج"])
    }
}
