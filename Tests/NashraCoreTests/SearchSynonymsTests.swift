import NashraCore
import Testing

@Suite("Search synonyms")
struct SearchSynonymsTests {
    @Test func linesBecomeGroupsOfAnalyzedSpellings() throws {
        let synonyms = try SearchSynonyms(
            parsing: "# names\nفيسبوك، فايسبوك, Facebook\n\n  داعش ، تنظيم الدولة  \n")
        #expect(synonyms.groups == [[["فيسبوك"], ["فايسبوك"], ["facebook"]], [["داعش"], ["تنظيم", "دول"]]])
    }

    @Test func linesTypedInABrowserEndWithCRLF() throws {
        let synonyms = try SearchSynonyms(parsing: "# names\r\nفيسبوك، فايسبوك\r\nبوتين، بوتن\r\n")
        #expect(synonyms.groups.count == 2)
        #expect(throws: ValidationError(field: "searchSynonyms", problem: .invalidLine(3))) {
            try SearchSynonyms(parsing: "فيسبوك، فايسبوك\r\n\r\nبوتين")
        }
    }

    @Test func excludedWordsAreExpandedOneByOne() throws {
        let synonyms = try SearchSynonyms(parsing: "داعش، تنظيم الدولة")
        let query = SearchQuery("بيان -تنظيم -الدولة", synonyms: synonyms)
        #expect(query.excluded.map(\.forms) == [ArabicAnalyzer.terms("تنظيم"), ArabicAnalyzer.terms("الدولة")])
        #expect(SearchQuery("بيان -داعش", synonyms: synonyms).excluded.map(\.phrases) == [[["تنظيم", "دول"]]])
    }

    @Test func aWordOfAGroupMatchesEverySpelling() throws {
        let synonyms = try SearchSynonyms(parsing: "فيسبوك، فايسبوك، Facebook\nداعش، تنظيم الدولة")
        let query = SearchQuery("إعلانات الفايسبوك", synonyms: synonyms)
        #expect(query.words.count == 2)
        #expect(Set(query.words[1].forms) == ["فايسبوك", "فيسبوك", "facebook"])
        #expect(query.highlightTerms.isSuperset(of: ["فيسبوك", "facebook"]))
        // A several-word spelling is met as a phrase, and the words that spell it become one word.
        let multi = SearchQuery("بيان تنظيم الدولة", synonyms: synonyms)
        #expect(multi.words.count == 2)
        #expect(multi.words[1].forms == ["داعش"])
        #expect(multi.words[1].phrases == [["تنظيم", "دول"]])
        let single = SearchQuery("داعش", synonyms: synonyms)
        #expect(single.words.map(\.phrases) == [[["تنظيم", "دول"]]])
        // Without the list nothing changes; a word of no group is left alone.
        #expect(SearchQuery("الفايسبوك").words.map(\.forms) == [["فايسبوك"]])
        #expect(SearchQuery("تويتر", synonyms: synonyms).words.map(\.forms) == [["تويتر"]])
    }

    @Test func badLinesAreNamed() {
        for (text, line) in [("فيسبوك", 1), ("فيسبوك، فايسبوك\nعلى، في", 2), ("أ، أ", 1), ("x، ،y", 1)] {
            #expect(throws: ValidationError(field: "searchSynonyms", problem: .invalidLine(line)), "\(text)") {
                try SearchSynonyms(parsing: text)
            }
        }
        let long = String(repeating: "فيسبوك، فايسبوك\n", count: 2000)
        #expect(throws: ValidationError(field: "searchSynonyms", problem: .tooLong(max: SearchSynonyms.maxLength))) {
            try SearchSynonyms(parsing: long)
        }
    }

    @Test func theSettingKeepsTheTextAndTheParsedList() throws {
        var settings = SiteSettings()
        try settings.set("searchSynonyms", to: "  بوتين، بوتن  ")
        #expect(settings.value(for: "searchSynonyms") == "بوتين، بوتن")
        #expect(settings.synonyms.groups == [[ArabicAnalyzer.terms("بوتين"), ArabicAnalyzer.terms("بوتن")]])
        #expect(throws: ValidationError.self) { try settings.set("searchSynonyms", to: "بوتين") }
        #expect(settings.synonyms.groups.count == 1, "a refused value changes nothing")
        // Line numbers count the lines as typed, blank ones at the top too.
        #expect(throws: ValidationError(field: "searchSynonyms", problem: .invalidLine(3))) {
            try settings.set("searchSynonyms", to: "\n\nبوتين")
        }
        try settings.set("searchSynonyms", to: "")
        #expect(settings.synonyms.groups.isEmpty)
    }
}
