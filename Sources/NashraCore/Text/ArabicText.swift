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

    /// Whether a scalar is a letter or digit worth keeping in a slug or a search term.
    public static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
