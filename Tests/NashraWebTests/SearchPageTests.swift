import Foundation
import HTTPTypes
import NashraCore
import NashraTestSupport
import NashraWeb
import Testing

/// The search page: Arabic forms of one word find each other, ranking, filters, snippets, did-you-mean.
@Suite("Search page")
struct SearchPageTests {
    static func newsroom() async throws -> (WebHarness, [String: Article]) {
        let harness = try WebHarness()
        let given = harness.given
        let world = try await given.section("دولي", position: 1)
        let tech = try await given.section("تكنولوجيا", position: 2)
        let author = try await given.author("ليلى منصور")
        var articles: [String: Article] = [:]
        articles["hack"] = try await given.article(
            "اختراقات مايكروسوفت.. واشنطن تحمّل جهة أجنبية المسؤولية", section: tech, author: author,
            tags: ["الأمن السيبراني"], hoursAgo: 5,
            body: "<p>اتّهمت الحكومة مجموعةً باستغلال ثغرة في خوادم البريد، وقال مسؤول إن الهجمات طالت آلاف الأجهزة.</p>")
        articles["school"] = try await given.article(
            "افتتاح مدرسة جديدة في الحي الشرقي", section: world, author: author, hoursAgo: 30,
            body: "<p>وافتتحت البلدية المدرسة بحضور المعلمين والطلاب في عام ٢٠٢٦.</p>")
        articles["climate"] = try await given.article(
            "مؤتمر المناخ يختتم أعماله", section: world, author: author, tags: ["المناخ"], hoursAgo: 50,
            body: "<p>اختتم المؤتمر أعماله بالدعوة إلى خفض الانبعاثات، ولم يذكر أي اختراق تقني.</p>")
        return (harness, articles)
    }

    static func titles(_ page: HTMLDocument) -> [String] {
        page.all("//ol[@class='search-results']/li/h2/a").map(\.text)
    }

    @Test(arguments: [
        ("الاختراقات", "hack"), ("اختراق", "hack"), ("اتهمت", "hack"), ("إتهمت", "hack"), ("مايكروسوفت", "hack"),
        ("مدرسه", "school"), ("المدرسة", "school"), ("بالمدرسة", "school"), ("والمدرسة", "school"),
        ("المعلمون", "school"), ("2026", "school"), ("٢٠٢٦", "school"), ("مـــدرسة", "school"), ("مَدْرَسَة", "school"),
    ])
    func oneWordInManyFormsFindsItsArticle(_ query: String, _ expected: String) async throws {
        let (harness, articles) = try await Self.newsroom()
        try await harness.withClient { client async throws in
            let (response, page) = try await client.page("/search?q=" + SiteURLs.encode(query))
            #expect(response.status == .ok)
            #expect(Self.titles(page).first == articles[expected]?.title, "\(query)")
        }
    }

    @Test func titleMatchesRankFirstAndHighlightsKeepTheOriginalText() async throws {
        let (harness, articles) = try await Self.newsroom()
        try await harness.withClient { client async throws in
            let (_, page) = try await client.page("/search?q=" + SiteURLs.encode("اختراق"))
            #expect(Self.titles(page) == [articles["hack"]!.title, articles["climate"]!.title])
            #expect(page.first("//p[@class='result-count']")?.text == "نتيجتان")
            let marks = page.all("//ol[@class='search-results']/li[2]//div[@class='snippet']//mark").map(\.text)
            #expect(marks == ["اختراق"])
            let (_, accented) = try await client.page("/search?q=" + SiteURLs.encode("اتهمت"))
            #expect(accented.first("//div[@class='snippet']//mark")?.text == "اتّهمت")
            #expect(page.first("//meta[@name='robots']")?["content"] == "noindex, follow")
        }
    }

    @Test func phrasesExclusionsFiltersAndDateSort() async throws {
        let (harness, articles) = try await Self.newsroom()
        try await harness.withClient { client async throws in
            let phrase = try await client.page("/search?q=" + SiteURLs.encode("\"مدرسة جديدة\""))
            #expect(Self.titles(phrase.1) == [articles["school"]!.title])
            let reversed = try await client.page("/search?q=" + SiteURLs.encode("\"جديدة مدرسة\""))
            #expect(Self.titles(reversed.1).isEmpty)
            let excluded = try await client.page("/search?q=" + SiteURLs.encode("اختراق -المناخ"))
            #expect(Self.titles(excluded.1) == [articles["hack"]!.title])
            let section = try await client.page(
                "/search?q=" + SiteURLs.encode("اختراق") + "&section=" + SiteURLs.encode("دولي"))
            #expect(Self.titles(section.1) == [articles["climate"]!.title])
            let dated = try await client.page(
                "/search?q=" + SiteURLs.encode("اختراق") + "&from=2026-03-15&to=2026-03-15")
            #expect(Self.titles(dated.1) == [articles["hack"]!.title])
            let newest = try await client.page("/search?q=" + SiteURLs.encode("اختراق") + "&sort=date")
            #expect(Self.titles(newest.1) == [articles["hack"]!.title, articles["climate"]!.title])
        }
    }

    @Test func aSpellingVariantGetsADidYouMean() async throws {
        let (harness, _) = try await Self.newsroom()
        try await harness.withClient { client async throws in
            let (_, page) = try await client.page("/search?q=" + SiteURLs.encode("مايكرسوفت"))
            #expect(Self.titles(page).isEmpty)
            let link = try #require(page.first("//p[@class='did-you-mean']/a"))
            #expect(link.text == "مايكروسوفت")
            let (_, followed) = try await client.page(try #require(link["href"]))
            #expect(Self.titles(followed).count == 1)
        }
    }

    @Test func theDidYouMeanIsAWordOfTheArticlesNotAStem() async throws {
        let harness = try WebHarness()
        let given = harness.given
        let section = try await given.section("اقتصاد")
        let author = try await given.author("كاتب")
        _ = try await given.article(
            "الاستثمارات الأجنبية تتضاعف", section: section, author: author,
            body: "<p>تضاعفت الاستثمارات الأجنبية، وقالت الهيئة إن الاستثمارات ستزيد.</p>")
        try await harness.withClient { client async throws in
            let (_, page) = try await client.page("/search?q=" + SiteURLs.encode("الاستسمارات الأجنبية"))
            #expect(Self.titles(page).isEmpty)
            let link = try #require(page.first("//p[@class='did-you-mean']/a"))
            #expect(link.text == "الاستثمارات الأجنبية", "the reader's other words stay, the typo becomes a real word")
            #expect(!link.text.contains(ArabicAnalyzer.terms("الاستثمارات")[0] + " "), "never the bare stem")
            let (_, followed) = try await client.page(try #require(link["href"]))
            #expect(Self.titles(followed) == ["الاستثمارات الأجنبية تتضاعف"])
        }
    }

    @Test(arguments: [
        "", "   ", "!!! ؟؟ ...", "في من على", String(repeating: "مدرسة ", count: 60), "<script>alert(1)</script>",
    ])
    func emptyOverLongAndGarbageQueriesAreAnsweredGracefully(_ query: String) async throws {
        let (harness, _) = try await Self.newsroom()
        try await harness.withClient { client async throws in
            let (response, page) = try await client.page("/search?q=" + SiteURLs.encode(query))
            #expect(response.status == .ok)
            #expect(page.first("//input[@id='search-q']")?["value"] == query.trimmingCharacters(in: .whitespaces))
            #expect(page.count("//script[not(@type='application/ld+json')]") == 1)
            #expect(page.count("//p[@class='search-message']") + page.count("//p[@class='result-count']") >= 1)
        }
    }

    @Test func openSearchDescribesTheSearchURL() async throws {
        let (harness, _) = try await Self.newsroom()
        try await harness.withClient { client async throws in
            let (_, home) = try await client.page("/")
            #expect(home.first("//link[@rel='search']")?["href"] == "/opensearch.xml")
            let xml = try #require(XMLTestDocument(String(buffer: try await client.get("/opensearch.xml").body)))
            let url = try #require(xml.first("/os:OpenSearchDescription/os:Url[@type='text/html']"))
            #expect(url["template"] == "https://news.example.com/search?q={searchTerms}")
            #expect(xml.first("/os:OpenSearchDescription/os:ShortName")?.text == "نشرة")
        }
    }
}
