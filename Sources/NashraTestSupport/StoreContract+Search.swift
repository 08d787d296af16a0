import Foundation
import NashraCore
import Testing

/// Search on every backend: the second round of Arabic analysis end to end, synonyms in queries,
/// readable suggestions, the in-place reindex and the analyzer version it records.
enum StoreContractSearch<Store: ContentStore> {
    typealias Check = StoreContract<Store>.Check

    static func titles(_ store: Store, _ query: SearchQuery, now: Date) async throws -> Set<String> {
        Set(try await store.search(query, limit: 20, offset: 0, now: now).items.map(\.article.title))
    }

    /// Publishes articles (title, body) in a new section by one author.
    static func publish(_ articles: [(title: String, body: String)], in section: String, _ given: Fixtures<Store>)
        async throws
    {
        let section = try await given.section(section)
        let author = try await given.author("كاتب")
        for (title, body) in articles {
            _ = try await given.article(title, section: section, author: author, body: body)
        }
    }

    static var checks: [Check] {
        [
            Check(name: "search: the name علي is found and the preposition على is not indexed") { store, given in
                try await publish(
                    [
                        ("هدف متأخر يحسم المباراة", "<p>سجل اللاعب علي الهدف الوحيد.</p>"),
                        ("المنتخب يحافظ على الصدارة", "<p>حافظ المنتخب على الصدارة بعد الفوز.</p>"),
                    ], in: "رياضة", given)
                #expect(try await titles(store, SearchQuery("علي"), now: given.now) == ["هدف متأخر يحسم المباراة"])
                #expect(SearchQuery("على").isEmpty, "the preposition is a stop word")
                #expect(try await titles(store, SearchQuery("عليّ"), now: given.now) == ["هدف متأخر يحسم المباراة"])
            },
            Check(name: "search: Latin words inside Arabic text meet across case and plural -s") { store, given in
                try await publish(
                    [
                        ("البورصات العالمية تتراجع", "<p>تراجعت مؤشرات Stock Exchanges في آسيا.</p>"),
                        ("شركة تقنية تطرح أسهمها", "<p>طرحت الشركة أسهمها في London Stock Exchange.</p>"),
                    ], in: "اقتصاد", given)
                for query in ["exchange", "EXCHANGES", "Exchange"] {
                    #expect(try await titles(store, SearchQuery(query), now: given.now).count == 2, "\(query)")
                }
                #expect(
                    try await titles(store, SearchQuery("London exchanges"), now: given.now) == [
                        "شركة تقنية تطرح أسهمها"
                    ])
            },
            Check(name: "search: لل, ال and neither find each other in both directions") { store, given in
                let titles = [
                    "اجتماع للجنة", "قرار اللجنة", "لجنة جديدة", "تمويل للطاقة", "أسعار الطاقة", "طاقة نظيفة",
                ]
                try await publish(titles.map { ($0, "<p>\($0)</p>") }, in: "محليات", given)
                for query in ["للجنة", "اللجنة", "لجنة", "واللجنة", "وللجنة"] {
                    let found = try await Self.titles(store, SearchQuery(query), now: given.now)
                    #expect(found.isSuperset(of: titles[0..<3]), "\(query) found \(found)")
                }
                for query in ["للطاقة", "الطاقة", "طاقة", "بالطاقة"] {
                    let found = try await Self.titles(store, SearchQuery(query), now: given.now)
                    #expect(found == Set(titles[3...]), "\(query) found \(found)")
                }
            },
            Check(name: "search: synonyms join spellings at query time, one word or several") { store, given in
                try await publish(
                    [
                        ("تحديث جديد", "<p>أعلنت فايسبوك تحديثا.</p>"), ("ميزة للبث", "<p>أضاف فيسبوك ميزة.</p>"),
                        ("Facebook في المحكمة", "<p>قضية جديدة.</p>"),
                        ("التنظيم يتبنى الهجوم", "<p>تنظيم الدولة يتبنى.</p>"), ("بيان داعش", "<p>بيان منسوب.</p>"),
                    ], in: "تقنية", given)
                let synonyms = try SearchSynonyms(parsing: "فيسبوك، فايسبوك، Facebook\nداعش، تنظيم الدولة")
                let all = Set(["تحديث جديد", "ميزة للبث", "Facebook في المحكمة"])
                for query in ["فيسبوك", "الفايسبوك", "facebook"] {
                    let found = try await titles(store, SearchQuery(query, synonyms: synonyms), now: given.now)
                    #expect(found == all, "\(query) found \(found)")
                    let without = try await titles(store, SearchQuery(query), now: given.now)
                    #expect(without.count == 1, "\(query) without synonyms found \(without)")
                }
                let both = Set(["التنظيم يتبنى الهجوم", "بيان داعش"])
                #expect(try await titles(store, SearchQuery("داعش", synonyms: synonyms), now: given.now) == both)
                #expect(
                    try await titles(store, SearchQuery("تنظيم الدولة", synonyms: synonyms), now: given.now) == both)
                let excluded = SearchQuery("جديد -فيسبوك", synonyms: synonyms)
                #expect(
                    try await titles(store, excluded, now: given.now).isEmpty, "an excluded name takes its synonyms")
                // A group of several-word spellings only: the merged word has phrases and no term, and a
                // query that finds nothing still gets its suggestions without tripping on it.
                let phrases = try SearchSynonyms(parsing: "تنظيم الدولة، الدولة الإسلامية")
                let unknown = SearchQuery("تنظيم الدولة زلزلزلة", synonyms: phrases)
                #expect(unknown.words.first?.forms.isEmpty == true)
                #expect(try await store.search(unknown, limit: 5, offset: 0, now: given.now).total == 0)
                #expect(try await store.readableSuggestions(for: unknown, now: given.now).isEmpty)
            },
            Check(name: "search: a suggestion is a word as the articles write it, not a stem") { store, given in
                let section = try await given.section("اقتصاد")
                let author = try await given.author("كاتب")
                _ = try await given.article(
                    "الاستثمارات الأجنبية ترتفع", section: section, author: author,
                    body: "<p>ارتفعت الاستثمارات هذا العام، وتتوقع الحكومة مزيدا من الاستثمارات.</p>")
                _ = try await given.article(
                    "مسودة", section: section, author: author, status: .draft,
                    body: "<p>الاستثمار الاستثمار الاستثمار الاستثمار</p>")
                // استسمارات is a typo of the stem استثمار; readers get the word as written most often.
                let query = SearchQuery("استسمارات")
                #expect(try await store.suggestions(for: query) == ["استسمار": "استثمار"], "the index's own form")
                #expect(try await store.readableSuggestions(for: query, now: given.now) == ["استسمار": "الاستثمارات"])
                #expect(try await store.readableSuggestions(for: SearchQuery("الاستثمارات"), now: given.now).isEmpty)
            },
            Check(name: "search: reindex rewrites in place, keeps published articles only, records the analyzer") {
                store, given in
                #expect(try await store.searchAnalyzerVersion() == ArabicAnalyzer.version, "a new index is current")
                let section = try await given.section("دولي")
                let author = try await given.author("كاتب")
                let kept = try await given.article("قمة المناخ في جنيف", section: section, author: author)
                let withdrawn = try await given.article("قمة الطاقة في نيروبي", section: section, author: author)
                try await store.recordSearchAnalyzerVersion(1)
                #expect(try await store.searchAnalyzerVersion() == 1)
                let before = try await store.contentVersion()
                #expect(try await store.reindex() == 2)
                #expect(try await store.contentVersion() > before, "cached search pages are dropped")
                let unpublished = ArticleDraft(
                    id: withdrawn.id, slug: withdrawn.slug, title: withdrawn.title, summary: withdrawn.summary,
                    bodyHTML: withdrawn.body.markup, sectionID: section.id, authorID: author.id, tagNames: [],
                    status: .draft, publishedAt: nil)
                _ = try await store.saveArticle(try unpublished.validated(), now: given.now)
                #expect(try await store.reindex() == 1)
                let found = try await store.search(SearchQuery("قمة"), limit: 5, offset: 0, now: given.now)
                #expect(found.items.map(\.article.id) == [kept.id])
                #expect(found.total == 1)
                // An index built by an older analyzer is rebuilt once, then left alone.
                try await store.recordSearchAnalyzerVersion(1)
                let rebuilt = try await SearchIndexUpgrade.run(store, shared: nil)
                #expect(rebuilt == SearchIndexUpgrade.Rebuilt(from: 1, articles: 1))
                #expect(try await store.searchAnalyzerVersion() == ArabicAnalyzer.version)
                #expect(try await SearchIndexUpgrade.run(store, shared: nil) == nil)
            },
        ]
    }
}
