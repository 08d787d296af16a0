import NashraCore
import Testing

/// Definite prefixes that should meet, words that only look prefixed, and nisba adjectives.
@Suite("Arabic prefixes and nisba")
struct ArabicPrefixTests {
    /// Whether two spellings can find each other: some index form of one is a form of the other.
    private func meet(_ left: String, _ right: String) -> Bool {
        func forms(_ word: String) -> Set<String> {
            Set(ArabicAnalyzer.tokens(word).flatMap { [$0.term] + ($0.variant.map { [$0] } ?? []) })
        }
        return !forms(left).isDisjoint(with: forms(right))
    }

    /// For each word, the forms a reader may write it in: bare, with ال, with لل, and with وال، بال، كال، فال، ولل.
    @Test(arguments: ["طاقة", "انتخابات", "شباب", "مدرسة", "لجنة", "لحم", "ليل", "لغة", "وزارة", "بلدية", "حكومة"])
    func prefixedFormsMeetInBothDirections(_ word: String) {
        let definite = "ال" + word
        // ل + ال before a word beginning with ل drops the alef and one lam (للجنة، للغة).
        let lam = word.hasPrefix("ل") ? "ل" + word : "لل" + word
        let forms = [
            word, definite, lam, "و" + definite, "ب" + definite, "ك" + definite, "ف" + definite, "و" + lam,
        ]
        for left in forms {
            for right in forms {
                #expect(meet(left, right), "\(left) and \(right)")
            }
        }
    }

    @Test func lamLamHasBothReadings() throws {
        let token = try #require(ArabicAnalyzer.tokens("للجنة").first)
        #expect(token.term == ArabicAnalyzer.terms("جنة").first)
        #expect(token.variant == ArabicAnalyzer.terms("اللجنة").first)
        #expect(ArabicAnalyzer.tokens("للطاقة").first?.term == ArabicAnalyzer.terms("الطاقة").first)
    }

    /// Words that begin with ل ب ك ف و (or ال) as part of the word: their term keeps the letters.
    @Test(arguments: [
        "لبنان", "ليبيا", "لندن", "لاعب", "بريطانيا", "برلمان", "بنك", "كندا", "كهرباء", "فرنسا", "فريق", "فلسطين",
        "وزير",
        "ولاية", "والد", "والدة", "بالون", "فالنسيا", "كالسيوم", "ألمانيا", "المانيا", "الله",
    ])
    func wordsThatOnlyLookPrefixedKeepTheirLetters(_ word: String) throws {
        let token = try #require(ArabicAnalyzer.tokens(word).first)
        let firstLetter = try #require(ArabicText.normalize(word).first)
        #expect(token.term.first == firstLetter, "\(word) → \(token.term)")
        #expect(token.term.count >= 3, "\(word) → \(token.term)")
    }

    @Test func lookalikesDoNotMergeWithOtherWords() {
        let pairs = [
            ("لبنان", "لبن"), ("البحرين", "البحر"), ("السودان", "السود"), ("سليمان", "سليم"), ("عدنان", "عدن"),
            ("ألمانيا", "ألم"), ("والدة", "الدة"), ("بالون", "بال"), ("العليا", "علي"), ("قضايا", "قضا"),
        ]
        for (word, other) in pairs {
            #expect(ArabicAnalyzer.terms(word) != ArabicAnalyzer.terms(other), "\(word) and \(other)")
        }
    }

    @Test func anAlefWithHamzaIsNotTheArticle() throws {
        // إلهام is a word (inspiration); written without its hamza it reads as ال + هام, so both forms are indexed.
        let token = try #require(ArabicAnalyzer.tokens("إلهام").first)
        #expect(token.term == "الهام")
        #expect(token.variant == ArabicAnalyzer.terms("الهام").first)
        #expect(meet("إلهام", "الهام"))
    }

    @Test(arguments: [
        ("أفريقي", "أفريقيا"), ("الإفريقية", "إفريقيا"), ("مصري", "مصر"), ("المصريين", "مصر"), ("ليبي", "ليبيا"),
        ("الليبية", "ليبيا"), ("السوري", "سوريا"), ("تونسي", "تونس"), ("الأمريكية", "أمريكا"), ("الأوروبي", "أوروبا"),
        ("البريطاني", "بريطانيا"), ("الألماني", "ألمانيا"), ("اللبناني", "لبنان"), ("الإيرانية", "إيران"),
        ("البحريني", "البحرين"), ("الفلسطينيين", "فلسطين"), ("الكندي", "كندا"),
    ])
    func nisbaMeetsItsNoun(_ pair: (String, String)) {
        #expect(ArabicAnalyzer.terms(pair.0) == ArabicAnalyzer.terms(pair.1), "\(pair.0) and \(pair.1)")
    }

    @Test func aOneLetterPrefixBeforeAWordThatOnlyLooksPrefixed() {
        for word in ["بألمانيا", "وألمانيا", "لألمانيا", "بالمانيا", "والمانيا"] {
            #expect(meet(word, "ألمانيا"), "\(word)")
        }
    }

    @Test func strippedEndingsStayCorrect() {
        #expect(ArabicAnalyzer.terms("المعلمات") == ArabicAnalyzer.terms("المعلم"))
        #expect(ArabicAnalyzer.terms("المهندسون") == ArabicAnalyzer.terms("مهندس"))
        #expect(ArabicAnalyzer.terms("الجامعة") == ArabicAnalyzer.terms("جامعات"))
        // The alef of tanween goes; an alef after ي (العليا، الدنيا) and the ايا of broken plurals stay.
        #expect(ArabicAnalyzer.terms("عاماً") == ArabicAnalyzer.terms("عام"))
        #expect(ArabicAnalyzer.terms("العليا") == ["عليا"])
        #expect(ArabicAnalyzer.terms("الدنيا") == ["دنيا"])
        #expect(ArabicAnalyzer.terms("قضايا") == ["قضايا"])
    }
}
