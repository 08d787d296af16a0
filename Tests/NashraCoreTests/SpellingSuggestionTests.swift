import NashraCore
import Testing

@Suite("Spelling suggestions")
struct SpellingSuggestionTests {
    @Test func theClosestTermWins() {
        let candidates = [("مايكروسوفت", 3), ("مايكروفون", 9)]
        #expect(SpellingSuggestion.best(for: "مايكرسوفت", among: candidates.map { ($0.0, $0.1) }) == "مايكروسوفت")
        #expect(SpellingSuggestion.best(for: "زلزال", among: candidates.map { ($0.0, $0.1) }) == nil)
    }

    @Test func theSurfaceFormIsTheCommonestWrittenWord() {
        let stem = ArabicAnalyzer.terms("الاستثمارات")[0]
        let texts = ["ارتفعت الاستثماراتُ هذا العام", "الاستثمارات الأجنبية والاستثمار المحلي", "استثمارات جديدة"]
        // الاستثمارات (twice, once with a mark) beats والاستثمار and استثمارات; tashkeel is dropped.
        #expect(SpellingSuggestion.surfaceForm(of: stem, in: texts) == "الاستثمارات")
        #expect(
            SpellingSuggestion.surfaceForm(of: stem, in: ["والاستثمار", "استثمارات"]) == "والاستثمار",
            "first met wins a tie")
        #expect(SpellingSuggestion.surfaceForm(of: stem, in: ["لا شيء هنا"]) == nil)
        #expect(SpellingSuggestion.surfaceForm(of: "علي", in: ["على الطاولة"]) == nil, "a stop word is no suggestion")
    }
}
