import NashraCore
import Testing

@Suite("ArabicAnalyzer")
struct ArabicAnalyzerTests {
    /// The original text each token's range covers.
    private func words(_ text: String) -> [String] {
        ArabicAnalyzer.tokens(text).map { String(text[$0.range]) }
    }

    @Test func definiteArticleAndPluralAreStripped() {
        #expect(ArabicAnalyzer.terms("الاختراقات") == ["اختراق"])
        #expect(ArabicAnalyzer.terms("اختراق") == ["اختراق"])
    }

    @Test(arguments: [
        ("أحمد", "احمد"),  // alef forms
        ("اتّهمت", "اتهمت"),  // shadda
        ("مـــدرسة", "مدرسة"),  // tatweel
        ("مدرسة", "مدرسه"),  // teh marbuta
        ("مستشفى", "مستشفي"),  // alef maksura
        ("والمدرسة", "مدرسة"),
        ("بالمدرسة", "مدرسة"),
        ("للمدرسة", "مدرسة"),
        ("كالمدرسة", "مدرسة"),
        ("فالمدرسة", "مدرسة"),
        ("المسلمون", "مسلم"),
        ("المعلمين", "معلم"),
        ("كتابها", "كتاب"),
        ("مُحَمَّدٌ", "محمد"),
    ])
    func spellingsShareATerm(_ pair: (String, String)) {
        let (left, right) = pair
        #expect(ArabicAnalyzer.terms(left) == ArabicAnalyzer.terms(right))
        #expect(ArabicAnalyzer.terms(left).count == 1)
    }

    @Test func stemValues() {
        #expect(ArabicAnalyzer.terms("المدرسة") == ["مدرس"])
        #expect(ArabicAnalyzer.terms("المسلمون") == ["مسلم"])
        #expect(ArabicAnalyzer.terms("الجامعات العربية") == ["جامع", "عرب"])
        #expect(ArabicAnalyzer.stem("مسلمان") == "مسلم")
        #expect(ArabicAnalyzer.stem("عربيه") == "عرب")
    }

    @Test func shortWordsKeepThreeLetters() {
        #expect(ArabicAnalyzer.stem("الف") == "الف")
        #expect(ArabicAnalyzer.stem("لله") == "لله")
        #expect(ArabicAnalyzer.stem("والد") == "والد")
        #expect(ArabicAnalyzer.stem("بيت") == "بيت")
        #expect(ArabicAnalyzer.stem("ابن") == "ابن")
        #expect(ArabicAnalyzer.stem("كليه") == "كلي")  // يه would leave two letters; ه leaves three
        #expect(ArabicAnalyzer.stem("") == "")
        #expect(!ArabicAnalyzer.terms("لله").contains(""))
        #expect(ArabicAnalyzer.terms("الله") == ArabicAnalyzer.terms("اللّه"))
    }

    @Test func onePrefixButStackedSuffixes() {
        // وال is one prefix: the ال behind it stays when it is not itself stripped.
        #expect(ArabicAnalyzer.stem("والالعاب") == "العاب")
        // Suffixes come off while three letters remain, so stacked forms meet their base.
        #expect(ArabicAnalyzer.stem("مدرساتها") == "مدرس")
        #expect(ArabicAnalyzer.terms("مستشفيات") == ArabicAnalyzer.terms("مستشفى"))
        #expect(ArabicAnalyzer.terms("البرلمانية") == ArabicAnalyzer.terms("البرلمان"))
        #expect(ArabicAnalyzer.terms("الفلسطينيين") == ArabicAnalyzer.terms("فلسطين"))
        // A definite prefix goes when two letters remain.
        #expect(ArabicAnalyzer.terms("الحر") == ArabicAnalyzer.terms("حر"))
    }

    @Test func digitsAreWestern() {
        #expect(ArabicAnalyzer.terms("٢٠٢٦") == ["2026"])
        #expect(ArabicAnalyzer.terms("۲۰۲۶") == ["2026"])
        #expect(ArabicAnalyzer.terms("عام ٢٠٢٦") == ["عام", "2026"])
    }

    @Test func latinIsFoldedAndLosesItsPlural() {
        // The apostrophe splits words, like other punctuation.
        #expect(ArabicAnalyzer.terms("Microsoft's CAFÉ") == ["microsoft", "s", "cafe"])
        #expect(ArabicAnalyzer.terms("Sahel Pay") == ["sahel", "pay"])
        #expect(ArabicAnalyzer.terms("Cafe\u{0301}") == ["cafe"])
        #expect(ArabicAnalyzer.terms("Cafe\u{0301} bar") == ["cafe", "bar"])
        #expect(ArabicAnalyzer.terms("STATIONS iPhone") == ["station", "iphone"])
        #expect(ArabicAnalyzer.tokens("Sahel").first?.variant == nil)
    }

    @Test(arguments: [
        ("Exchange", "exchanges"), ("EXCHANGES", "exchange"), ("parties", "party"), ("Reuters", "reuter"),
        ("banks", "Bank"), ("iPhones", "iphone"),
    ])
    func englishPluralsMeetTheirSingular(_ pair: (String, String)) {
        #expect(ArabicAnalyzer.terms(pair.0) == ArabicAnalyzer.terms(pair.1))
    }

    @Test func englishWordsThatOnlyEndInSStay() {
        for word in ["bus", "gas", "status", "class", "news", "series", "its"] {
            #expect(ArabicAnalyzer.terms(word) == [word], "\(word)")
        }
        #expect(ArabicAnalyzer.terms("goes") == ["goes"])
        #expect(ArabicAnalyzer.terms("Agrees") == ["agrees"])
    }

    @Test func mixedScripts() {
        #expect(
            ArabicAnalyzer.terms("أطلقت Microsoft نظام Windows 11 في ٢٠٢٦م")
                == ["اطلقت", "microsoft", "نظام", "window", "11", "2026م"])
        #expect(words("iPhone16 وآيفون") == ["iPhone16", "وآيفون"])
    }

    @Test func stopwordsAreDroppedFromTerms() {
        #expect(ArabicAnalyzer.terms("في المدرسة") == ["مدرس"])
        #expect(ArabicAnalyzer.terms("ذهب إلى المدرسة على الفور") == ["ذهب", "مدرس", "فور"])
        let tokens = ArabicAnalyzer.tokens("في المدرسة")
        #expect(tokens.map(\.isStopword) == [true, false])
        #expect(tokens.first?.term == "في")
        #expect(ArabicAnalyzer.terms("هذا هو الذي كان") == [])
    }

    @Test func stopwordsAreDecidedOnTheWrittenWord() {
        // The preposition and the name fold alike; only the preposition is a stop word.
        #expect(ArabicAnalyzer.terms("على") == [])
        #expect(ArabicAnalyzer.terms("علي") == ["علي"])
        #expect(ArabicAnalyzer.terms("عَلِيّ") == ["علي"])
        #expect(ArabicAnalyzer.terms("عَلَى") == [])
        #expect(ArabicAnalyzer.terms("علــى") == [])
        #expect(ArabicAnalyzer.terms("ﻋﻠﻰ") == [], "presentation forms of the preposition")
        #expect(ArabicAnalyzer.terms("التقى علي بوزير على هامش القمة") == ["تقي", "علي", "بوزير", "هامش", "قمه"])
        // Stop words with no content twin are stop words however they are typed.
        #expect(ArabicAnalyzer.tokens("حتي").first?.isStopword == true)
        #expect(ArabicAnalyzer.tokens("لدي").first?.isStopword == true)
        #expect(ArabicAnalyzer.tokens("إلى").first?.isStopword == true)
        #expect(ArabicAnalyzer.tokens("الى").first?.isStopword == true)
    }

    /// Every stop word whose folded form is also a content word: the stop spellings go, the content word stays.
    @Test func everyStopwordWithAContentTwinKeepsTheTwin() {
        var twinned = 0
        for spelling in ArabicStopwords.spellings {
            #expect(ArabicAnalyzer.tokens(spelling).allSatisfy { $0.isStopword }, "\(spelling) is a stop word")
            let folded = ArabicText.normalize(spelling)
            guard let content = ArabicStopwords.contentTwins[folded] else { continue }
            twinned += 1
            #expect(!ArabicAnalyzer.terms(content).isEmpty, "\(content), the content twin of \(spelling), is kept")
            #expect(ArabicText.normalize(content) == folded, "\(content) folds like \(spelling)")
        }
        #expect(twinned >= ArabicStopwords.contentTwins.count)
        for (folded, content) in ArabicStopwords.contentTwins {
            #expect(
                ArabicStopwords.spellings.contains { ArabicText.normalize($0) == folded },
                "\(content): its twin \(folded) is a stop word")
        }
        #expect(ArabicAnalyzer.terms("آن الأوان") == ["ان", "اوان"])
        #expect(ArabicAnalyzer.terms("إمام المسجد") == ["امام", "مسجد"])
        #expect(ArabicAnalyzer.terms("أمام المسجد") == ["مسجد"])
        #expect(ArabicAnalyzer.terms("والي تونس") == ArabicAnalyzer.terms("الوالي") + ["تونس"])
        #expect(ArabicAnalyzer.terms("والي").count == 1)
        #expect(ArabicAnalyzer.terms("وإلى تونس") == ["تونس"])
        #expect(ArabicAnalyzer.terms("الصراف الآلي") == ["صراف", "الي"])
    }

    @Test func aHamzaOrMaddaWrittenAsACombiningMarkCounts() {
        // أمام and آنا with the hamza and madda as combining marks after a bare alef.
        #expect(ArabicAnalyzer.tokens("\u{0627}\u{0654}مام").first?.isStopword == true)
        #expect(ArabicAnalyzer.tokens("\u{0627}\u{0653}نا").first?.isStopword == false)
        #expect(ArabicAnalyzer.tokens("\u{0627}\u{0655}لهام").first?.term == "الهام")
    }

    @Test func stopwordSpellingsCarryNoMarks() {
        for spelling in ArabicStopwords.spellings {
            #expect(!spelling.unicodeScalars.contains(where: ArabicText.isTashkeelOrTatweel), "\(spelling)")
        }
    }

    @Test func oneLetterPrefixGivesAVariant() throws {
        let school = try #require(ArabicAnalyzer.terms("مدرسة").first)
        let prefixed = try #require(ArabicAnalyzer.tokens("بمدرسة").first)
        #expect(prefixed.variant == school)
        #expect(prefixed.term == "بمدرس")
        let minister = try #require(ArabicAnalyzer.tokens("وزير").first)
        #expect(minister.term == "وزير")
        #expect(minister.variant == "زير")
        #expect(ArabicAnalyzer.variants("وزير الخارجية") == ["زير"])
        // ولل is a definite prefix; its second reading (و + ل + a word beginning with ل) is the variant.
        #expect(ArabicAnalyzer.terms("وللمدرسة") == ["مدرس"])
        #expect(ArabicAnalyzer.variants("وللمدرسة") == ["لمدرس"])
    }

    @Test func noVariantWhereItDoesNotApply() {
        // A definite prefix was handled by the prefix rule.
        #expect(ArabicAnalyzer.tokens("والمدرسة").first?.term == "مدرس")
        #expect(ArabicAnalyzer.tokens("والمدرسة").first?.variant == nil)
        #expect(ArabicAnalyzer.tokens("بالمدرسة").first?.variant == nil)
        // Too short without the letter, not a prefix letter, or a stopword behind the letter.
        #expect(ArabicAnalyzer.tokens("وقت").first?.variant == nil)
        #expect(ArabicAnalyzer.tokens("مدرسة").first?.variant == nil)
        #expect(ArabicAnalyzer.tokens("والد").first?.variant == nil)
        #expect(ArabicAnalyzer.tokens("فهذا").first?.variant == nil)
        // Stopwords contribute no variants.
        #expect(ArabicAnalyzer.variants("وهذا ولكن") == [])
    }

    @Test func rangesCoverTheOriginalWithDiacritics() {
        let text = "اتّهمت واشنطن"
        let tokens = ArabicAnalyzer.tokens(text)
        #expect(tokens.count == 2)
        #expect(tokens.first.map { String(text[$0.range]) } == "اتّهمت")
        #expect(words(text) == ["اتّهمت", "واشنطن"])
        #expect(words("  مُحَمَّدٌ، مـــدرسة.") == ["مُحَمَّدٌ", "مـــدرسة"])
        #expect(words("Cafe\u{0301}!") == ["Cafe\u{0301}"])
        // Ranges fall on character boundaries, so slicing the String gives exactly the word's scalars.
        let mixed = "\u{200F}مُدر\u{200C}سةٌ\u{200F}، Cafe\u{0301}s ـوزير\u{064E} ﻻ ٢٠٢٦ 👍🏽x"
        for token in ArabicAnalyzer.tokens(mixed) {
            #expect(mixed[token.range].unicodeScalars.elementsEqual(mixed.unicodeScalars[token.range]))
        }
        #expect(words(mixed) == ["مُدر\u{200C}سةٌ", "Cafe\u{0301}s", "وزير\u{064E}", "ﻻ", "٢٠٢٦", "x"])
    }

    @Test func punctuationSplitsWords() {
        let text = "«الحكومة»،الوزير؛الشعب؟نعم.لا:ربما(اليوم)\"غدا\"-أمس/بعدها!هنا,هناك"
        #expect(
            words(text)
                == ["الحكومة", "الوزير", "الشعب", "نعم", "لا", "ربما", "اليوم", "غدا", "أمس", "بعدها", "هنا", "هناك"])
        #expect(ArabicAnalyzer.terms("«الحكومة»") == ["حكوم"])
    }

    @Test func emptyAndPunctuationOnly() {
        #expect(ArabicAnalyzer.tokens("").isEmpty)
        #expect(ArabicAnalyzer.terms("").isEmpty)
        #expect(ArabicAnalyzer.variants("").isEmpty)
        #expect(ArabicAnalyzer.tokens(" «» ، ؛ ؟ . : ( ) \" - … \n\t").isEmpty)
        // Stray marks and tatweel are not words.
        #expect(ArabicAnalyzer.tokens("\u{064E} ـــ \u{200C} \u{200F}").isEmpty)
    }

    @Test func ligatureIsFolded() {
        // لا is a stopword: the token is there, the term is not.
        #expect(ArabicAnalyzer.tokens("ﻻ").first?.term == "لا")
        #expect(ArabicAnalyzer.tokens("ﻻ").first?.isStopword == true)
        #expect(ArabicAnalyzer.terms("ﻻ").isEmpty)
        #expect(ArabicAnalyzer.terms("ﻻجئ") == ["لاجئ"])
        #expect(ArabicAnalyzer.terms("ﻻعب") == ArabicAnalyzer.terms("لاعب"))
    }

    @Test func invisibleControlsDoNotSplitWords() {
        let text = "مدر\u{200C}سة"
        #expect(ArabicAnalyzer.tokens(text).count == 1)
        #expect(ArabicAnalyzer.terms(text) == ArabicAnalyzer.terms("مدرسة"))
        #expect(words(text) == [text])
        #expect(ArabicAnalyzer.terms("مدر\u{200F}سة") == ArabicAnalyzer.terms("مدرسة"))
        #expect(ArabicAnalyzer.terms("\u{202B}مدرسة\u{202C} جديدة") == ["مدرس", "جديد"])
        // A trailing bidi control is not part of the word's range; a trailing ZWNJ is.
        #expect(words("مدرسة\u{200F} x") == ["مدرسة", "x"])
        #expect(words("مدرسة\u{200C} x") == ["مدرسة\u{200C}", "x"])
    }

    @Test func termsAreSingleWords() {
        // NFKC turns some single characters into several words or symbols; a term stays one run of letters.
        for term in ArabicAnalyzer.terms("ﷺ ﷲ ¼ ﬁx") {
            #expect(!term.isEmpty)
            #expect(term.unicodeScalars.allSatisfy(ArabicText.isWordScalar))
        }
        #expect(ArabicAnalyzer.terms("ﬁx") == ["fix"])
    }

    /// Terms agree with `stem(ArabicText.normalize(word))` for every Arabic letter and ASCII letter or digit.
    @Test func termsFollowNormalizeThenStem() {
        var letters = (0x0621...0x064A).compactMap(Unicode.Scalar.init).filter { $0 != "\u{0640}" }
        letters += (0x30...0x39).compactMap(Unicode.Scalar.init)
        letters += (0x41...0x5A).compactMap(Unicode.Scalar.init)
        letters += (0x61...0x7A).compactMap(Unicode.Scalar.init)
        for letter in letters {
            for word in ["كتب\(letter)سلم", "\(letter)\(letter)\(letter)\(letter)", "ال\(letter)ناس"] {
                #expect(ArabicAnalyzer.terms(word) == [ArabicAnalyzer.stem(ArabicText.normalize(word))])
            }
        }
    }

    @Test func termsAndVariantsMatchTokens() {
        let text = "وقال وزير الخارجية إنّ المفاوضات بالدوحة ستُستأنف في ٣ مارس، وفق Reuters."
        let tokens = ArabicAnalyzer.tokens(text)
        #expect(ArabicAnalyzer.terms(text) == tokens.filter { !$0.isStopword }.map(\.term))
        #expect(ArabicAnalyzer.variants(text) == tokens.filter { !$0.isStopword }.compactMap(\.variant))
        // وفق is too short for one; بالدوحة had a definite prefix.
        #expect(ArabicAnalyzer.variants(text) == ["قال", "زير"])
    }

    @Test func veryLongTextIsHandled() {
        let sentence = "اتّهمت «واشنطن» الشركات، Microsoft's ٢٠٢٦ مـــدرسة\u{200C}ﻻ؟ "
        let text = String(repeating: sentence, count: 100_000 / sentence.count + 1)
        #expect(text.count >= 100_000)
        let tokens = ArabicAnalyzer.tokens(text)
        #expect(tokens.count == ArabicAnalyzer.tokens(sentence).count * (100_000 / sentence.count + 1))
        #expect(tokens.allSatisfy { !$0.term.isEmpty })
        let single = String(repeating: "ب", count: 100_000)
        #expect(ArabicAnalyzer.tokens(single).count == 1)
        #expect(ArabicAnalyzer.terms(String(repeating: "،", count: 100_000)).isEmpty)
    }
}
