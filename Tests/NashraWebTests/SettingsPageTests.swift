import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NashraCore
import NashraTestSupport
import NashraWeb
import Testing

/// The newsroom's settings page: every field it edits, saved all together or not at all.
@Suite("Newsroom settings page")
struct SettingsPageTests {
    static let caching: [(key: String, range: ClosedRange<Int>)] = [
        ("cacheBrowserSeconds", 0...86_400), ("cacheSharedSeconds", 0...31_536_000),
        ("cacheStaleSeconds", 0...86_400), ("cacheStaleIfErrorSeconds", 0...31_536_000),
    ]

    /// The form's fields as a browser would submit them unchanged (checked options of selects).
    static func fields(of page: HTMLDocument) -> [(String, String)] {
        let form = "//form[contains(@class, 'item-form')]"
        let inputs = page.all(form + "//input[@name]").map { ($0["name"]!, $0["value"] ?? "") }
        let selects = page.all(form + "//select[@name]").map { select in
            let chosen = page.first(form + "//select[@name='\(select["name"]!)']/option[@selected]")
            return (select["name"]!, chosen?["value"] ?? "")
        }
        let areas = page.all(form + "//textarea[@name]").map { ($0["name"]!, $0.text) }
        return inputs + selects + areas
    }

    @Test func theCacheLifetimesAreEditedBesideTheOtherSettings() async throws {
        let harness = try WebHarness()
        try await harness.user("a@example.org", role: .admin)
        try await harness.withClient { client async throws in
            let admin = NewsroomSession(client)
            try await admin.signIn("a@example.org")
            let (_, page) = try await admin.browser.page("/admin/settings")
            let defaults = SiteSettings()
            for (key, range) in Self.caching {
                let input = try #require(page.first("//fieldset//input[@id='\(key)']"), "\(key) is on the page")
                #expect(input["type"] == "number" && input["name"] == key)
                #expect(input["min"] == String(range.lowerBound) && input["max"] == String(range.upperBound))
                #expect(input["value"] == defaults.value(for: key))
                let hint = try #require(input["aria-describedby"])
                #expect(page.count("//p[@id='\(hint)' and normalize-space()]") == 1, "\(key) is explained")
                #expect(page.count("//label[@for='\(key)' and normalize-space()]") == 1)
            }

            var changed = Self.fields(of: page).filter { $0.0 != "_csrf" && $0.0 != "cacheSharedSeconds" }
            changed.append(("cacheSharedSeconds", "1200"))
            let saved = try await admin.post("/admin/settings", changed)
            #expect(saved.status == .seeOther)
            #expect(try await harness.store.settings().cacheSharedSeconds == 1200)
            let home = try await ReaderSession(client).get("/")
            let directives = (home.headers[.cacheControl] ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            #expect(directives.contains("s-maxage=1200"), "the next shared page carries the new lifetime")
        }
    }

    @Test func aBadLifetimeIsShownBesideItsFieldAndNothingIsSaved() async throws {
        let harness = try WebHarness()
        try await harness.user("a@example.org", role: .admin)
        try await harness.withClient { client async throws in
            let admin = NewsroomSession(client)
            try await admin.signIn("a@example.org")
            let (_, page) = try await admin.browser.page("/admin/settings")
            let typed =
                Self.fields(of: page).filter { !["_csrf", "name", "cacheStaleSeconds"].contains($0.0) }
                + [("name", "نشرة المساء"), ("cacheStaleSeconds", "-5")]
            let refused = try await admin.post("/admin/settings", typed)
            #expect(refused.status == .unprocessableContent)
            let shown = HTMLDocument(String(buffer: refused.body))
            let input = try #require(shown.first("//input[@id='cacheStaleSeconds']"))
            #expect(input["value"] == "-5", "what was typed is shown again")
            #expect(input["aria-invalid"] == "true")
            let described = Set((input["aria-describedby"] ?? "").split(separator: " ").map(String.init))
            let error = try #require(
                shown.first("//p[contains(@class, 'field-error')][following-sibling::input[@id='cacheStaleSeconds']]"))
            #expect(described.contains(error["id"] ?? "-"), "the message is tied to the field")
            #expect(shown.first("//input[@id='name']")?["value"] == "نشرة المساء")
            let stored = try await harness.store.settings()
            #expect(stored.name != "نشرة المساء" && stored.cacheStaleSeconds == SiteSettings().cacheStaleSeconds)
        }
    }

    @Test func searchSynonymsAreEditedAndABadLineIsNamedBesideTheField() async throws {
        let harness = try WebHarness()
        try await harness.user("a@example.org", role: .admin)
        let given = harness.given
        let section = try await given.section("تقنية")
        let author = try await given.author("كاتب")
        let article = try await given.article(
            "إعلانات سياسية على فايسبوك", section: section, author: author, body: "<p>قررت الشبكة تقييد الإعلانات.</p>")
        try await harness.withClient { client async throws in
            let admin = NewsroomSession(client)
            try await admin.signIn("a@example.org")
            let (_, page) = try await admin.browser.page("/admin/settings")
            let area = try #require(page.first("//textarea[@id='searchSynonyms']"))
            #expect(area["name"] == "searchSynonyms")
            let hint = try #require(area["aria-describedby"])
            #expect(page.count("//p[@id='\(hint)' and normalize-space()]") == 1, "the format is explained")
            #expect(page.count("//label[@for='searchSynonyms' and normalize-space()]") == 1)

            let others = Self.fields(of: page).filter { !["_csrf", "searchSynonyms"].contains($0.0) }
            let typed = "فيسبوك، فايسبوك، Facebook\nبوتين"
            let refused = try await admin.post("/admin/settings", others + [("searchSynonyms", typed)])
            #expect(refused.status == .unprocessableContent)
            let shown = HTMLDocument(String(buffer: refused.body))
            let again = try #require(shown.first("//textarea[@id='searchSynonyms']"))
            // The parsed text has its whitespace collapsed; both lines must be there, in order.
            #expect(again.text == typed.split(whereSeparator: \.isWhitespace).joined(separator: " "))
            #expect(again["aria-invalid"] == "true")
            let error = try #require(
                shown.first("//p[contains(@class, 'field-error')][following-sibling::textarea[@id='searchSynonyms']]"))
            #expect(error.text.hasPrefix("السطر 2:"), "the message names line 2: \(error.text)")
            let described = Set((again["aria-describedby"] ?? "").split(separator: " ").map(String.init))
            #expect(described.contains(error["id"] ?? "-"))
            #expect(try await harness.store.settings().searchSynonyms.isEmpty, "nothing was saved")

            let reader = ReaderSession(client)
            let before = HTMLDocument(
                String(buffer: try await reader.get("/search?q=" + SiteURLs.encode("فيسبوك")).body))
            #expect(before.all("//ol[@class='search-results']/li").isEmpty)
            // Lines as a browser sends them, with CRLF.
            let saved = try await admin.post(
                "/admin/settings", others + [("searchSynonyms", "فيسبوك، فايسبوك، Facebook\r\nبوتين، بوتن")])
            #expect(saved.status == .seeOther)
            #expect(try await harness.store.settings().synonyms.groups.count == 2)
            // A cached search page must not outlive the new list.
            for query in ["فيسبوك", "facebook"] {
                let after = HTMLDocument(
                    String(buffer: try await reader.get("/search?q=" + SiteURLs.encode(query)).body))
                #expect(
                    after.all("//ol[@class='search-results']/li/h2/a").map(\.text) == [article.title], "\(query)")
            }
        }
    }
}
