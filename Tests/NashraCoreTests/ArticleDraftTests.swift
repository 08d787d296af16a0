import Foundation
import NashraCore
import Testing

@Suite("ArticleDraft.validated")
struct ArticleDraftTests {
    static let date = Date(timeIntervalSince1970: 1_750_000_000)

    func draft(
        title: String = "قمة الرياض تبحث الأمن الإقليمي", slug: String? = nil, body: String = "<p>نص الخبر</p>",
        tags: [String] = [], source: SourceCredit? = nil, cover: CoverImage? = nil,
        status: PublishState = .draft, publishedAt: Date? = nil
    ) -> ArticleDraft {
        ArticleDraft(
            slug: slug, title: title, summary: "  ملخص  ", bodyHTML: body, sectionID: 1, authorID: 2, tagNames: tags,
            source: source, cover: cover, status: status, publishedAt: publishedAt)
    }

    @Test func validDraftPasses() throws {
        let valid = try draft().validated()
        #expect(valid.title == "قمة الرياض تبحث الأمن الإقليمي")
        #expect(valid.slug == "قمة-الرياض-تبحث-الامن-الاقليمي")
        #expect(valid.summary == "ملخص")
        #expect(valid.body.markup == "<p>نص الخبر</p>")
        #expect(valid.readingMinutes == 1)
        #expect(valid.draft.sectionID == 1)
    }

    @Test(arguments: ["", "   ", "\n\t "])
    func emptyTitleIsRequired(_ title: String) {
        #expect(throws: ValidationError(field: "title", problem: .required)) {
            try draft(title: title).validated()
        }
    }

    @Test func titleIsTrimmedAndCappedAt300() throws {
        #expect(try draft(title: "  عنوان  ").validated().title == "عنوان")
        let longest = String(repeating: "ب", count: 300)
        #expect(try draft(title: longest).validated().title == longest)
        #expect(throws: ValidationError(field: "title", problem: .tooLong(max: 300))) {
            try draft(title: longest + "ب").validated()
        }
    }

    @Test func slugIsMadeFromTitleWhenNilOrEmpty() throws {
        #expect(try draft(title: "«عاجل»: إعلان النتائج", slug: nil).validated().slug == "عاجل-اعلان-النتائج")
        #expect(try draft(title: "«عاجل»: إعلان النتائج", slug: "").validated().slug == "عاجل-اعلان-النتائج")
    }

    @Test func givenSlugIsNormalized() throws {
        #expect(try draft(slug: "My Custom Slug!").validated().slug == "my-custom-slug")
        #expect(try draft(slug: "نتائج-2024").validated().slug == "نتائج-2024")
    }

    @Test func titleWithoutLettersHasNoSlug() {
        #expect(throws: ValidationError(field: "slug", problem: .invalid)) {
            try draft(title: "؟؟؟ !!!").validated()
        }
    }

    @Test(arguments: [PublishState.published, .scheduled])
    func publishedNeedsADate(_ status: PublishState) throws {
        #expect(throws: ValidationError(field: "publishedAt", problem: .required)) {
            try draft(status: status).validated()
        }
        #expect(try draft(status: status, publishedAt: Self.date).validated().draft.publishedAt == Self.date)
    }

    @Test func draftNeedsNoDate() throws {
        #expect(try draft(status: .draft).validated().draft.publishedAt == nil)
    }

    @Test func sourceRules() throws {
        #expect(throws: ValidationError(field: "source", problem: .required)) {
            try draft(source: SourceCredit(name: "  ")).validated()
        }
        _ = try draft(source: SourceCredit(name: "رويترز")).validated()
        _ = try draft(source: SourceCredit(name: "رويترز", url: "https://www.reuters.com/world/")).validated()
    }

    @Test(arguments: [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,x",
        "mailto:a@b.c", "/relative", "//evil.com/x", "ftp://example.com/", "https://", "",
    ])
    func sourceURLMustBeAbsoluteWeb(_ url: String) {
        #expect(throws: ValidationError(field: "source.url", problem: .invalid)) {
            try draft(source: SourceCredit(name: "وكالة", url: url)).validated()
        }
    }

    @Test func coverRules() throws {
        #expect(throws: ValidationError(field: "cover.alt", problem: .required)) {
            try draft(cover: CoverImage(url: "/media/a.jpg", alt: "  ")).validated()
        }
        #expect(throws: ValidationError(field: "cover.url", problem: .invalid)) {
            try draft(cover: CoverImage(url: "javascript:alert(1)", alt: "صورة")).validated()
        }
        #expect(throws: ValidationError(field: "cover.url", problem: .invalid)) {
            try draft(cover: CoverImage(url: "data:image/png;base64,AAAA", alt: "صورة")).validated()
        }
        #expect(throws: ValidationError(field: "cover.url", problem: .invalid)) {
            try draft(cover: CoverImage(url: "//evil.com/a.png", alt: "صورة")).validated()
        }
        let valid = try draft(cover: CoverImage(url: "https://cdn.example.org/a.jpg", alt: "صورة")).validated()
        #expect(valid.draft.cover?.alt == "صورة")
    }

    @Test func tagsAreTrimmedDeduplicatedBySlugAndBlanksDropped() throws {
        let tags = ["سياسة", " سياسة ", "أمن", "امن", "", "   ", "؟!", "Economy", "economy", "اقتصاد"]
        #expect(try draft(tags: tags).validated().tagNames == ["سياسة", "أمن", "Economy", "اقتصاد"])
    }

    @Test func bodyIsSanitized() throws {
        let body =
            "<h1>عنوان</h1><p onclick=\"x()\">نص<script>alert(1)</script></p><a href=\"javascript:alert(1)\">رابط</a>"
        let valid = try draft(body: body).validated()
        #expect(valid.body.markup == "<h2>عنوان</h2><p>نص</p>رابط")
    }

    @Test func bodyUsesTheGivenSanitizer() throws {
        let body = "<a href=\"https://example.com/x\">داخلي</a>"
        let valid = try draft(body: body).validated(sanitizer: HTMLSanitizer(internalHosts: ["example.com"]))
        #expect(valid.body.markup == "<a href=\"https://example.com/x\">داخلي</a>")
        let external = try draft(body: body).validated()
        #expect(external.body.markup.contains("rel=\"noopener nofollow ugc\""))
    }

    @Test func readingMinutesComeFromTheSanitizedBody() throws {
        let words = Array(repeating: "كلمة", count: 400).joined(separator: " ")
        #expect(try draft(body: "<p>\(words)</p>").validated().readingMinutes == 2)
        // Script content is dropped, so it is not read.
        #expect(try draft(body: "<p>خبر</p><script>\(words)</script>").validated().readingMinutes == 1)
    }

    @Test func firstFieldAtFaultIsReported() {
        #expect(throws: ValidationError(field: "title", problem: .required)) {
            try draft(title: "", cover: CoverImage(url: "javascript:x", alt: ""), status: .published).validated()
        }
    }
}
