import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOHTTP1
import NashraCore
import NashraSQLite
import NashraTestSupport
import Testing

@testable import NashraWeb

/// Values from requests are parsed into checked types at the edge: page numbers, query strings.
@Suite("Request parsing")
struct RequestParsingTests {
    @Test(
        arguments: [
            (nil, 1), ("1", 1), ("7", 7), ("100000", 100_000), ("100001", nil), ("0", nil), ("-1", nil), ("+3", nil),
            ("3.0", nil), ("", nil), ("9223372036854775807", nil), ("99999999999999999999", nil), ("٣", nil),
            (" 2", nil),
        ] as [(String?, Int?)])
    func pageNumbersAreWholeNumbersInRange(raw: String?, expected: Int?) {
        #expect(PageNumber(raw)?.value == expected)
    }

    @Test func paginationNeverTrapsOnAPagePastTheEnd() throws {
        let localizer = try Localizer(language: "ar", json: Data(#"{"page_of": "{page}/{pages}"}"#.utf8))
        let far = try #require(PageNumber("100000"))
        let pagination = try #require(
            Pagination(current: far, total: 30, pageSize: 25, localizer: localizer, url: { "/p/\($0)" }))
        #expect(pagination.pages.map(\.number) == [1, 2])
        #expect(pagination.prevURL == "/p/2")
        #expect(pagination.nextURL == nil)
    }

    @Test func newsroomListsAnswer404PastTheirLastPage() async throws {
        let harness = try WebHarness()
        try await harness.user("a@example.org", role: .admin)
        let section = try await harness.given.section("محليات")
        let author = try await harness.given.author("كاتب")
        for index in 1...26 { try await harness.given.article("خبر رقم \(index)", section: section, author: author) }
        try await harness.withClient { client async throws in
            let admin = NewsroomSession(client)
            try await admin.signIn("a@example.org")
            #expect(try await admin.browser.get("/admin/articles?page=2").status == .ok)
            for path in [
                "/admin/articles?page=999", "/admin/articles?page=100000", "/admin/comments?page=999",
                "/admin/tags?page=999", "/admin/audit?page=999",
            ] {
                #expect(try await admin.browser.get(path).status == .notFound, "\(path)")
            }
            for nonsense in ["-4", "abc", "9223372036854775807", "99999999999999999999"] {
                let response = try await admin.browser.get("/admin/articles?page=" + nonsense)
                #expect(response.status == .ok, "page=\(nonsense) shows page 1")
            }
        }
    }

    @Test func aTwoWordTitleFilterFindsTheArticle() async throws {
        let harness = try WebHarness()
        try await harness.user("a@example.org", role: .admin)
        let section = try await harness.given.section("محليات")
        let author = try await harness.given.author("كاتب")
        try await harness.given.article("افتتاح المكتبة العامة", section: section, author: author)
        try await harness.given.article("مباراة الليلة", section: section, author: author)
        try await harness.withClient { client async throws in
            let admin = NewsroomSession(client)
            try await admin.signIn("a@example.org")
            // A browser's GET form writes the space as `+`.
            let (_, page) = try await admin.browser.page("/admin/articles?q=المكتبة+العامة")
            let titles = page.all("//a[@class='edit-link']").map(\.text)
            #expect(titles == ["افتتاح المكتبة العامة"])
        }
    }

    @Test func aLiteralPlusInTheSearchBoxStaysAPlus() async throws {
        let harness = try WebHarness()
        try await harness.withClient { client async throws in
            let (response, plus) = try await ReaderSession(client).page("/search?q=C%2B%2B")
            #expect(response.status == .ok)
            #expect(plus.first("//input[@id='search-q']")?["value"] == "C++")
            let (_, space) = try await ReaderSession(client).page("/search?q=a+b")
            #expect(space.first("//input[@id='search-q']")?["value"] == "a b")
        }
    }

    @Test(arguments: [
        ("/admin/articles", "/admin/articles"), ("/admin", "/admin"),
        ("/admin/articles?status=draft", "/admin/articles?status=draft"),
        ("/adminx", ""), ("/admin/../news/x", ""), ("/admin/%2e%2e/news/x", ""), ("/admin/%2E./x", ""),
        ("//evil.example/admin", ""), ("https://evil.example/admin/", ""), ("/admin/a%2f..%2f..%2fx", ""),
        ("/admin\\..\\x", ""), ("/admin/x\u{0}", ""),
    ])
    func signInReturnsOnlyToNewsroomPages(next: String, kept: String) {
        #expect(AuthController<SQLiteStore>.safeNext(next) == kept)
    }

    @Test func aClientThatStopsSendingIsNotAServerError() {
        typealias Middleware = ErrorPageMiddleware<NashraRequestContext, SQLiteStore>
        #expect(Middleware.isClientGone(HTTPParserError.invalidEOFState))
        #expect(Middleware.isClientGone(CancellationError()))
        #expect(!Middleware.isClientGone(HTTPParserError.invalidMethod))
        #expect(!Middleware.isClientGone(CocoaError(.fileReadUnknown)))
    }
}
