import NashraCore
import Testing

@Suite("Slug")
struct SlugTests {
    @Test func documentedExample() {
        #expect(
            Slug.make(from: "اختراقات مايكرسوفت.. أميركا تحمل الصين المسؤولية")
                == "اختراقات-مايكرسوفت-اميركا-تحمل-الصين-المسؤولية")
    }

    @Test func arabicPunctuationSeparatesWords() {
        #expect(Slug.make(from: "«مرحبا»، كيف الحال؟") == "مرحبا-كيف-الحال")
        #expect(Slug.make(from: "أولاً؛ ثانياً") == "اولا-ثانيا")
        #expect(Slug.make(from: "  كلمة  --  أخرى  ") == "كلمة-اخري")
    }

    @Test func tashkeelAndTatweelAreRemovedAndAlefNormalized() {
        #expect(Slug.make(from: "مُحَمَّد") == "محمد")
        #expect(Slug.make(from: "إعلان آخر") == "اعلان-اخر")
        #expect(Slug.make(from: "مـــرحبا") == "مرحبا")
    }

    @Test func tehMarbutaIsKeptForReadability() {
        #expect(Slug.make(from: "الحكومة الجديدة") == "الحكومة-الجديدة")
    }

    @Test func latinIsLowercasedAndDigitsWestern() {
        #expect(Slug.make(from: "Hello World!") == "hello-world")
        #expect(Slug.make(from: "C++ & Swift 6") == "c-swift-6")
        #expect(Slug.make(from: "Café Society") == "cafe-society")
        #expect(Slug.make(from: "قمة ٢٠٢٤ في الرياض") == "قمة-2024-في-الرياض")
    }

    @Test func controlsAndEmojiDoNotSurvive() {
        #expect(Slug.make(from: "خبر\u{202E}عاجل 🔥") == "خبرعاجل")
        #expect(Slug.make(from: "خبر\u{200F} عاجل") == "خبر-عاجل")
    }

    @Test(arguments: ["", "   ", "!!! ، ؟", "«»..", "🔥🔥", "\u{202E}\u{200B}"])
    func noLettersGivesEmpty(_ text: String) {
        #expect(Slug.make(from: text) == "")
    }

    @Test func longTitlesAreCutAtAWordBoundary() {
        let title = Array(repeating: "كلمة", count: 30).joined(separator: " ")
        let slug = Slug.make(from: title)
        #expect(slug.count <= Slug.maxLength)
        // Four letters plus a hyphen each: 16 words make 79 characters, a 17th would make 84.
        #expect(slug == Array(repeating: "كلمة", count: 16).joined(separator: "-"))
        #expect(!slug.hasSuffix("-"))
    }

    @Test func cutKeepsWholeWordsOfVaryingLength() {
        let words = (1...40).map { "word\($0)" }
        let slug = Slug.make(from: words.joined(separator: " "))
        #expect(slug.count <= Slug.maxLength)
        let kept = slug.split(separator: "-").map(String.init)
        #expect(kept == Array(words.prefix(kept.count)))
        // The next word would not have fitted.
        #expect(slug.count + 1 + words[kept.count].count > Slug.maxLength)
    }

    @Test func aSingleOverlongWordIsTruncated() {
        let word = String(repeating: "ب", count: 120)
        #expect(Slug.make(from: word) == String(repeating: "ب", count: Slug.maxLength))
        #expect(Slug.maxLength == 80)
    }

    @Test func isValid() {
        #expect(Slug.isValid("مرحبا-كيف-الحال"))
        #expect(Slug.isValid("hello-world-2"))
        #expect(!Slug.isValid(""))
        #expect(!Slug.isValid("Hello-World"))
        #expect(!Slug.isValid("-leading"))
        #expect(!Slug.isValid("trailing-"))
        #expect(!Slug.isValid("double--hyphen"))
        #expect(!Slug.isValid("with space"))
        #expect(!Slug.isValid("أحمد"))
        #expect(!Slug.isValid("مُحَمَّد"))
        #expect(!Slug.isValid(String(repeating: "a", count: Slug.maxLength + 1)))
    }

    @Test(arguments: ["«مرحبا»، كيف الحال؟", "Hello World!", "مُحَمَّد إلى آخر ٣"])
    func madeSlugsAreValid(_ text: String) {
        #expect(Slug.isValid(Slug.make(from: text)))
    }

    @Test func variant() {
        #expect(Slug.variant("خبر", number: 1) == "خبر")
        #expect(Slug.variant("خبر", number: 0) == "خبر")
        #expect(Slug.variant("خبر", number: 2) == "خبر-2")
        #expect(Slug.variant("hello", number: 10) == "hello-10")
        #expect(Slug.isValid(Slug.variant("خبر", number: 3)))
    }
}
