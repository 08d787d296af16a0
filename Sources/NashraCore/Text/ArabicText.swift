import Foundation

/// Normalization of Arabic (and Latin) text for matching, search and slugs — never for display.
///
/// Follows the rules in the project's Arabic guide: alef variants to bare alef, alef maksura to
/// yeh, teh marbuta to heh (search only), tashkeel and tatweel removed, presentation forms folded,
/// Eastern digits to Western, invisible and bidi control characters dropped, Latin case and
/// diacritics folded.
public enum ArabicText {
    /// Characters that must never survive into stored names or slugs: zero-width and bidi controls.
    public static func isInvisibleControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C, 0xFEFF: return true
        default: return false
        }
    }

    /// Arabic diacritics (tashkeel), the superscript alef, and tatweel.
    public static func isTashkeelOrTatweel(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x064B...0x0652, 0x0670, 0x0640, 0x0653...0x065F, 0x06D6...0x06ED: return true
        default: return false
        }
    }

    /// Whether a scalar sits inside a written word without being one of its letters: tashkeel, tatweel,
    /// ZWNJ/ZWJ and invisible controls.
    public static func isMarkInWord(_ scalar: Unicode.Scalar) -> Bool {
        isTashkeelOrTatweel(scalar) || isInvisibleControl(scalar) || scalar.value == 0x200C || scalar.value == 0x200D
    }

    /// Removes bidi and zero-width control characters (used on names shown to others).
    public static func strippingControls(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !isInvisibleControl($0) }))
    }

    /// Normalizes text for matching.
    /// - Parameter foldTehMarbuta: maps ة to ه; on for search, off for slugs so they stay readable.
    public static func normalize(_ text: String, foldTehMarbuta: Bool = true) -> String {
        normalizedQuickly(text, foldTehMarbuta: foldTehMarbuta)
            ?? normalizedThroughFoundation(text, foldTehMarbuta: foldTehMarbuta)
    }

    /// The general path: every script, presentation forms, compatibility characters.
    static func normalizedThroughFoundation(_ text: String, foldTehMarbuta: Bool) -> String {
        // NFKC folds presentation forms (ﻻ → لا) and compatibility digits; then fold Latin.
        let folded = text.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var result = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            if isInvisibleControl(scalar) || isTashkeelOrTatweel(scalar) { continue }
            switch scalar.value {
            case 0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673: result.append("\u{0627}")  // alef forms → ا
            case 0x0649: result.append("\u{064A}")  // ى → ي
            case 0x0629: result.append(foldTehMarbuta ? "\u{0647}" : scalar)  // ة → ه
            case 0x0660...0x0669: result.append(Unicode.Scalar(scalar.value - 0x0660 + 0x30)!)
            case 0x06F0...0x06F9: result.append(Unicode.Scalar(scalar.value - 0x06F0 + 0x30)!)
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// ``normalize(_:foldTehMarbuta:)`` without Foundation for text of ASCII and the basic Arabic
    /// letters, marks and digits and the common quotes and dashes — nearly every news text — where NFKC and folding change nothing
    /// but Latin case (the tests compare both ways on every such scalar and on mixed text); nil for
    /// any other scalar. Foundation's NFKC and folding were a tenth of an import's time.
    static func normalizedQuickly(_ text: String, foldTehMarbuta: Bool) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        func append(_ value: UInt32) {
            if value < 0x80 {
                bytes.append(UInt8(value))
            } else if value < 0x800 {
                bytes.append(UInt8(0xC0 | (value >> 6)))
                bytes.append(UInt8(0x80 | (value & 0x3F)))
            } else {
                bytes.append(UInt8(0xE0 | (value >> 12)))
                bytes.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
                bytes.append(UInt8(0x80 | (value & 0x3F)))
            }
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x41...0x5A: append(value + 0x20)
            case 0x00...0x7F, 0x00AB, 0x00BB, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x060C, 0x061B,
                0x061F, 0x066A...0x066C, 0x0621, 0x0624, 0x0626...0x0628, 0x062A...0x063A,
                0x0641...0x0648, 0x064A:
                append(value)
            case 0x0622, 0x0623, 0x0625: append(0x0627)
            case 0x0629: append(foldTehMarbuta ? 0x0647 : 0x0629)
            case 0x0649: append(0x064A)
            case 0x0640, 0x064B...0x0652, 0x0670: continue
            case 0x0660...0x0669: append(value - 0x0660 + 0x30)
            default: return nil
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a scalar is a letter or digit worth keeping in a slug or a search term.
    public static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        // The common cases answered without Unicode's property tables (a test checks they agree).
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x0621...0x063A, 0x0641...0x064A, 0x0660...0x0669: return true
        case 0x00...0x7F: return false
        default: return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
    }
}
