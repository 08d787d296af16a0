import Foundation

/// The function words the index leaves out, decided on the word as written (tashkeel and tatweel
/// removed, but hamza, alef maksura and teh marbuta kept), so that a content word whose folded form
/// is a function word's — the name علي and the preposition على, آن and أن, إمام and أمام — stays
/// searchable. Lucene's Arabic analyzer gets the same effect by stopping before it normalizes.
///
/// A word is a stop word when its letters are one of ``spellings``, or when its folded form is
/// a folded stop word that has no content twin (so حتي and لدي, typed with ي, are stop words too).
public enum ArabicStopwords {
    /// The stop words as they are spelled: the careful spelling and, where writers often drop the
    /// hamza, the common one without it.
    public static let spellings: Set<String> = [
        "في", "من", "على", "إلى", "الى", "عن", "أن", "إن", "ان", "أو", "او", "ثم", "قد", "لقد", "كان", "كانت",
        "هذا", "هذه", "ذلك", "تلك", "التي", "الذي", "الذين", "اللذين", "هو", "هي", "هم", "نحن", "أنت", "انت",
        "أنا", "انا", "مع", "عند", "بين", "حتى", "كل", "بعض", "غير", "لا", "لم", "لن", "ما", "ماذا", "متى",
        "أين", "اين", "كيف", "إذا", "اذا", "و", "ف", "ب", "ك", "ل", "يا", "منذ", "خلال", "حول", "ضد", "عبر",
        "لدى", "قبل", "بعد", "أمام", "وراء", "فوق", "تحت",
        // Other function words frequent in news prose, and the commonest ones with و or ف attached.
        "لكن", "ولكن", "كما", "أيضا", "ايضا", "هناك", "هنا", "إلا", "ألا", "الا", "أي", "إذ", "اذ",
        "لأن", "لان", "أنه", "إنه", "انه", "أنها", "إنها", "انها", "له", "لها", "به", "بها", "فيه", "فيها", "منه",
        "منها", "عليه", "عليها", "إليه", "اليه", "وفي", "ومن", "وعلى", "وإلى", "والى", "وعن", "وأن", "وإن",
        "وان", "وقد", "فقد", "ولا", "ولم", "وهو", "وهي", "فإن", "فان", "وكان", "وكانت", "وهذا", "وهذه", "وذلك",
        "عندما", "بينما", "حيث", "إنما", "انما", "ربما",
    ]

    /// Folded forms of stop words that are also content words when spelled otherwise, with such a
    /// content word for each (the tests check both sides).
    public static let contentTwins: [String: String] = [
        "علي": "علي",  // the name; على is the preposition
        "الي": "آلي",  // automatic; إلى is the preposition
        "ان": "آن",  // now; أن and إن are particles
        "امام": "إمام",  // an imam; أمام is "in front of"
        "والي": "والي",  // a governor; وإلى is "and to"
        "وعلي": "وعلي",  // "and Ali"
        "انا": "آنا",  // the name Anna; أنا is "I"
    ]

    /// Whether a word is a stop word.
    /// - Parameters:
    ///   - folded: the word after search normalization (``ArabicText/normalize(_:foldTehMarbuta:)``).
    ///   - written: the word's scalars as written in the text.
    public static func contains(folded: Substring, written: Substring.UnicodeScalarView) -> Bool {
        guard folded.unicodeScalars.count <= longestFolded, foldedForms.contains(String(folded)) else { return false }
        guard contentTwins[String(folded)] != nil else { return true }
        return spellings.contains(letters(of: written))
    }

    private static let foldedForms = Set(spellings.map { ArabicText.normalize($0) })
    private static let longestFolded = foldedForms.map(\.unicodeScalars.count).max() ?? 0

    /// The word without tashkeel, tatweel and invisible characters; presentation forms are folded
    /// to the letters they show (ﻋﻠﻰ is على).
    private static func letters(of written: Substring.UnicodeScalarView, composed: Bool = false) -> String {
        var result = String.UnicodeScalarView()
        var presentation = false
        for scalar in written {
            // A hamza or madda written as a combining mark (ا + ٔ) belongs to the letter: compose it first.
            if !composed, (0x0653...0x0655).contains(scalar.value) {
                let precomposed = Substring(written).precomposedStringWithCanonicalMapping
                return letters(of: precomposed.unicodeScalars[...], composed: true)
            }
            if ArabicText.isMarkInWord(scalar) { continue }
            if (0xFB50...0xFEFC).contains(scalar.value) { presentation = true }
            result.append(scalar)
        }
        let text = String(result)
        return presentation ? text.precomposedStringWithCompatibilityMapping : text
    }
}
