import Testing

@testable import NashraCore

@Suite("Stem cache")
struct StemCacheTests {
    /// Counts how often the cache asks for a word's forms.
    final class Calls: @unchecked Sendable {
        var words: [String] = []
        func make(_ word: String, _ hamza: Bool) -> ArabicStemmer.Forms {
            words.append(word)
            return ArabicStemmer.forms(of: word, startsWithHamza: hamza)
        }
    }

    @Test("a word seen lately is not stemmed again; the hamza reading is a word of its own")
    func remembers() {
        let cache = StemCache(capacity: 10)
        let calls = Calls()
        let first = cache.forms(of: "والمدارس", startsWithHamza: false, make: calls.make)
        let again = cache.forms(of: "والمدارس", startsWithHamza: false, make: calls.make)
        #expect(first == again)
        #expect(first == ArabicStemmer.forms(of: "والمدارس", startsWithHamza: false))
        _ = cache.forms(of: "الهام", startsWithHamza: true, make: calls.make)
        _ = cache.forms(of: "الهام", startsWithHamza: false, make: calls.make)
        #expect(calls.words == ["والمدارس", "الهام", "الهام"])
        #expect(cache.count == 3)
    }

    @Test("words are told apart by every letter; words that do not pack are stemmed each time")
    func keys() {
        // Same letters in another order, a prefix of another word, the last letter of the range.
        let words = ["كتب", "بتك", "كتبي", "مكتب", "مكتبة", "ي", "ء", "استشهاديون", "والمستشفيات"]
        let keys = words.map { StemCache.key($0, startsWithHamza: false) }
        #expect(keys.prefix(8).allSatisfy { $0 != nil })
        #expect(keys[8] == nil, "eleven letters do not pack")
        #expect(Set(keys.prefix(8)).count == 8)
        #expect(StemCache.key("كتب", startsWithHamza: true) != StemCache.key("كتب", startsWithHamza: false))
        for word in ["news", "كتب٢", "", "ﻋﻠﻰ"] {
            #expect(StemCache.key(word, startsWithHamza: false) == nil, "\(word)")
        }
        let cache = StemCache(capacity: 10)
        let calls = Calls()
        for _ in 0..<2 { _ = cache.forms(of: "والمستشفيات", startsWithHamza: false, make: calls.make) }
        #expect(calls.words.count == 2)
        #expect(cache.count == 0)
    }

    @Test("memory is bounded: a full generation pushes out the one before it, words in use move forward")
    func bounded() {
        let cache = StemCache(capacity: 2)
        let calls = Calls()
        func ask(_ word: String) { _ = cache.forms(of: word, startsWithHamza: false, make: calls.make) }
        for word in ["كتاب", "قلم", "مدرسة"] { ask(word) }
        // newer: مدرسة; older: كتاب, قلم.
        ask("كتاب")  // found in the older one, moved forward
        #expect(calls.words == ["كتاب", "قلم", "مدرسة"])
        ask("بيت")  // the newer one was full: قلم goes
        ask("كتاب")
        ask("قلم")
        #expect(calls.words == ["كتاب", "قلم", "مدرسة", "بيت", "قلم"])
        // newer: قلم; older: بيت, كتاب — مدرسة is gone.
        #expect(cache.count == 3)
        ask("مدرسة")
        #expect(calls.words.last == "مدرسة")
    }

    @Test("the analyzer's terms are the stemmer's, cached or not")
    func sameAnswers() {
        let text = "وقال وزير التربية إن المدارس والجامعات ستفتح أبوابها للطلاب بالمدينة، وإلهام للجميع exchanges"
        for _ in 0..<2 {
            for token in ArabicAnalyzer.tokens(text) {
                let normalized = ArabicText.normalize(String(text[token.range]))
                let hamza = text[token.range].unicodeScalars.first.map { [0x0622, 0x0623, 0x0625].contains($0.value) }
                let direct = ArabicStemmer.forms(of: normalized, startsWithHamza: hamza ?? false)
                #expect(token.term == direct.term, "\(text[token.range])")
                #expect(
                    ArabicStemmer.cachedForms(of: normalized, startsWithHamza: hamza ?? false) == direct,
                    "\(text[token.range])")
            }
        }
    }
}
