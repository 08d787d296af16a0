import NashraCore
import Testing

@Suite("ArabicText")
struct ArabicTextTests {
    @Test(arguments: ["أحمد", "إحمد", "آحمد", "ٱحمد"])
    func alefVariantsBecomeBareAlef(_ word: String) {
        #expect(ArabicText.normalize(word) == "احمد")
    }

    @Test func alefMaksuraBecomesYeh() {
        #expect(ArabicText.normalize("مستشفى") == "مستشفي")
        #expect(ArabicText.normalize("على") == ArabicText.normalize("علي"))
    }

    @Test func tehMarbutaFoldsOnlyWhenAsked() {
        #expect(ArabicText.normalize("مدرسة") == "مدرسه")
        #expect(ArabicText.normalize("مدرسة", foldTehMarbuta: true) == "مدرسه")
        #expect(ArabicText.normalize("مدرسة", foldTehMarbuta: false) == "مدرسة")
    }

    @Test func tashkeelIsRemoved() {
        #expect(ArabicText.normalize("اتّهمت") == ArabicText.normalize("اتهمت"))
        #expect(ArabicText.normalize("اتّهمت") == "اتهمت")
        #expect(ArabicText.normalize("مُحَمَّدٌ") == "محمد")
        #expect(ArabicText.normalize("كِتَابًا") == "كتابا")
        // Superscript alef U+0670.
        #expect(ArabicText.normalize("هٰذا") == "هذا")
    }

    @Test func tatweelIsRemoved() {
        #expect(ArabicText.normalize("مـــرحبا") == "مرحبا")
        #expect(ArabicText.normalize("ـ") == "")
    }

    @Test func easternDigitsBecomeWestern() {
        #expect(ArabicText.normalize("٠١٢٣٤٥٦٧٨٩") == "0123456789")
        #expect(ArabicText.normalize("۰۱۲۳۴۵۶۷۸۹") == "0123456789")
        #expect(ArabicText.normalize("عام ٢٠٢٤") == "عام 2024")
    }

    @Test(
        arguments: [
            0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
            0x2066, 0x2067, 0x2068, 0x2069, 0x061C, 0xFEFF,
        ] as [UInt32])
    func invisibleControlsAreRemoved(_ value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        #expect(ArabicText.isInvisibleControl(scalar))
        let text = "نص" + String(Character(scalar)) + "عربي"
        #expect(ArabicText.normalize(text) == "نصعربي")
        #expect(ArabicText.strippingControls(text) == "نصعربي")
    }

    @Test func latinIsCaseAndDiacriticFolded() {
        #expect(ArabicText.normalize("Café") == "cafe")
        #expect(ArabicText.normalize("ÉLAN Über") == "elan uber")
        #expect(ArabicText.normalize("Microsoft مايكروسوفت") == "microsoft مايكروسوفت")
    }

    @Test func presentationFormsAreFolded() {
        #expect(ArabicText.normalize("ﻻ") == "لا")
        #expect(ArabicText.normalize("ﻷ") == "لا")
        #expect(ArabicText.normalize("ｆｕｌｌ") == "full")
    }

    @Test func lettersOutsideTheRulesAreKept() {
        // Hamza on waw and yeh is not among the guide's foldings.
        #expect(ArabicText.normalize("مسؤول") == "مسؤول")
        #expect(ArabicText.normalize("سائق") == "سائق")
        #expect(ArabicText.normalize("") == "")
        #expect(ArabicText.normalize("hello world") == "hello world")
    }

    @Test func normalizeIsIdempotent() {
        for text in ["أَحْمَدُ إلى المدرسة ٣", "Café ﻻ مـــرحبا\u{202E}", "آمنة"] {
            let once = ArabicText.normalize(text)
            #expect(ArabicText.normalize(once) == once)
        }
    }

    @Test func strippingControlsKeepsEverythingElse() {
        // Unlike normalize, it keeps tashkeel, hamza forms, case and digits: it is for display.
        #expect(ArabicText.strippingControls("\u{202E}مُحَمَّد أحمد ٣ Café\u{200F}") == "مُحَمَّد أحمد ٣ Café")
        #expect(ArabicText.strippingControls("evil\u{202E}gpj.exe") == "evilgpj.exe")
        #expect(ArabicText.strippingControls("") == "")
    }

    @Test func classifiers() {
        #expect(ArabicText.isTashkeelOrTatweel("\u{064E}"))  // fatha
        #expect(ArabicText.isTashkeelOrTatweel("\u{0651}"))  // shadda
        #expect(ArabicText.isTashkeelOrTatweel("\u{0640}"))  // tatweel
        #expect(ArabicText.isTashkeelOrTatweel("\u{0670}"))  // superscript alef
        #expect(!ArabicText.isTashkeelOrTatweel("ا"))
        #expect(!ArabicText.isInvisibleControl("a"))
        #expect(!ArabicText.isInvisibleControl(" "))
        #expect(ArabicText.isWordScalar("ب"))
        #expect(ArabicText.isWordScalar("7"))
        #expect(ArabicText.isWordScalar("٧"))
        #expect(!ArabicText.isWordScalar("،"))
        #expect(!ArabicText.isWordScalar("-"))
        #expect(!ArabicText.isWordScalar("«"))
    }
}
