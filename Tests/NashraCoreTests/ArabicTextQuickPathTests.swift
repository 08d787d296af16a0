import Testing

@testable import NashraCore

/// The quick path of `ArabicText.normalize` gives what Foundation's NFKC and folding give.
@Suite("ArabicText quick path")
struct ArabicTextQuickPathTests {
    static let scalars: [Unicode.Scalar] = (Array(0...0xFF) + Array(0x0600...0x06FF) + Array(0x2000...0x206F))
        .compactMap(Unicode.Scalar.init)

    @Test func everyScalarItTakesComesOutAsThroughFoundation() {
        var taken = 0
        for scalar in Self.scalars {
            for fold in [true, false] {
                let text = String(Character(scalar))
                guard let quick = ArabicText.normalizedQuickly(text, foldTehMarbuta: fold) else { continue }
                taken += 1
                #expect(
                    quick == ArabicText.normalizedThroughFoundation(text, foldTehMarbuta: fold),
                    "U+\(String(scalar.value, radix: 16))")
            }
        }
        #expect(taken > 2 * 190, "ASCII and the Arabic letters, marks and digits take the quick path")
    }

    @Test func mixedTextWithMarksBetweenLettersComesOutAsThroughFoundation() {
        let quickScalars = Self.scalars.filter {
            ArabicText.normalizedQuickly(String(Character($0)), foldTehMarbuta: true) != nil
        }
        // A fixed sequence, so a failure repeats.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<3000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<(1 + next(40)) { text.append(quickScalars[next(quickScalars.count)]) }
            let sample = String(text)
            #expect(
                ArabicText.normalizedQuickly(sample, foldTehMarbuta: true)
                    == ArabicText.normalizedThroughFoundation(sample, foldTehMarbuta: true),
                "\(sample.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        let written = "قالَ وزيرُ الاقتصادِ إنّ النموّ بلغ ٣٫٥٪ في «المؤتمر» — Reuters: GDP ROSE؛ هل ستُرفع الأسعار؟"
        #expect(
            ArabicText.normalizedQuickly(written, foldTehMarbuta: false)
                == ArabicText.normalizedThroughFoundation(written, foldTehMarbuta: false))
    }

    @Test func otherScalarsTakeTheGeneralPath() {
        for text in ["ﻻ", "Café", "ＡＢＣ", "ٱلله", "لا\u{200F}", "…", "\u{00A0}"] {
            #expect(ArabicText.normalizedQuickly(text, foldTehMarbuta: true) == nil, "\(text)")
        }
        #expect(ArabicText.normalize("ﻻ Café") == "لا cafe")
    }

    @Test func wordScalarsAnsweredQuicklyAgreeWithUnicodesProperties() {
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(
                ArabicText.isWordScalar(scalar)
                    == (scalar.properties.isAlphabetic || scalar.properties.numericType != nil),
                "U+\(String(value, radix: 16))")
        }
    }
}
