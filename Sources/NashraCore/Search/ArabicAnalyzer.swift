/// The search analyzer: splits text into words and turns each into the form the index holds.
///
/// Index and queries go through the same rules (see the project's Arabic guide): search
/// normalization via ``ArabicText/normalize(_:foldTehMarbuta:)``, then light stemming — at most
/// one definite prefix (when two letters remain) and suffixes (while three letters remain).
/// Words made of Latin letters or digits are only normalized. Works on Unicode scalars, in
/// time linear in the text, without regular expressions.
public enum ArabicAnalyzer {
    /// One word of the original text.
    public struct Token: Sendable, Hashable {
        /// The index form: normalized (search normalization, ة→ه), one definite prefix and stacked suffixes removed.
        public let term: String
        /// A second index form for words that start with a one-letter prefix (و ب ك ف ل) that may or may not
        /// be a prefix: the term computed as if that letter were not there; nil when not applicable.
        public let variant: String?
        /// Where the word is in the original text (so callers can highlight the original, with its diacritics).
        public let range: Range<String.Index>
        public let isStopword: Bool
    }

    /// Splits text into words (maximal runs of letters and digits in any script; tashkeel, tatweel and
    /// zero-width/bidi controls inside a word do not split it; Arabic and Latin punctuation, spaces, « » ، ؛ ؟ do).
    ///
    /// A range covers the word's combining marks and joiners but not a trailing bidi control.
    public static func tokens(_ text: String) -> [Token] {
        let scalars = text.unicodeScalars
        let words = wordRanges(scalars)
        let normalized = normalize(words.map { scalars[$0] })
        return zip(words, normalized).compactMap { makeToken(range: $0, normalized: $1) }
    }

    /// The ranges of the words: letters and digits, with the marks and controls inside them.
    private static func wordRanges(_ scalars: String.UnicodeScalarView) -> [Range<String.Index>] {
        var words: [Range<String.Index>] = []
        var start: String.Index?
        var end = scalars.startIndex
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let next = scalars.index(after: index)
            switch kind(of: scalars[index]) {
            case .letter:
                if start == nil { start = index }
                end = next
            case .mark where start != nil:
                end = next
            case .control where start != nil:
                break
            default:
                if let wordStart = start { words.append(wordStart..<end) }
                start = nil
            }
            index = next
        }
        if let wordStart = start { words.append(wordStart..<end) }
        return words
    }

    /// The index terms of a text, in order, stopwords left out: `tokens(text).filter { !$0.isStopword }.map(\.term)`.
    public static func terms(_ text: String) -> [String] {
        tokens(text).compactMap { $0.isStopword ? nil : $0.term }
    }

    /// The variants of the text's words (non-nil `variant`s of non-stopwords), in order.
    public static func variants(_ text: String) -> [String] {
        tokens(text).compactMap { $0.isStopword ? nil : $0.variant }
    }

    /// The index form of one already-normalized word (prefix and suffix rules only).
    public static func stem(_ normalizedWord: String) -> String {
        let letters = normalizedWord.unicodeScalars[...]
        return string(stemmed(letters, count: letters.count), of: normalizedWord)
    }

    /// Normalized stopwords.
    public static let stopwords: Set<String> = [
        // The required list.
        "في", "من", "علي", "الي", "عن", "ان", "او", "ثم", "قد", "لقد", "كان", "كانت", "هذا", "هذه", "ذلك", "تلك",
        "التي", "الذي", "الذين", "اللذين", "هو", "هي", "هم", "نحن", "انت", "انا", "مع", "عند", "بين", "حتي", "كل",
        "بعض", "غير", "لا", "لم", "لن", "ما", "ماذا", "متي", "اين", "كيف", "اذا", "و", "ف", "ب", "ك", "ل", "يا",
        "منذ", "خلال", "حول", "ضد", "عبر", "لدي", "قبل", "بعد", "امام", "وراء", "فوق", "تحت",
        // Other function words frequent in news prose, and the commonest ones with و or ف attached.
        "لكن", "ولكن", "كما", "ايضا", "هناك", "هنا", "الا", "اي", "اذ", "لان", "انه", "انها", "له", "لها", "به",
        "بها", "فيه", "فيها", "منه", "منها", "عليه", "عليها", "وفي", "ومن", "وعلي", "والي", "وعن", "وان", "وقد",
        "فقد", "ولا", "ولم", "وهو", "وهي", "فان", "وكان", "وكانت", "وهذا", "وهذه", "وذلك",
    ]

    // MARK: - Words

    private enum ScalarKind { case letter, mark, control, separator }

    /// Letters and digits start and continue a word; marks (tashkeel, tatweel, combining marks, ZWNJ, ZWJ) and other
    /// invisible controls only continue one, and only marks widen its range (so it ends on a character boundary).
    private static func kind(of scalar: Unicode.Scalar) -> ScalarKind {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x0621...0x063A, 0x0641...0x064A: return .letter
        case 0...0x7F: return .separator
        case 0x200C, 0x200D: return .mark
        default: break
        }
        if ArabicText.isTashkeelOrTatweel(scalar) { return .mark }
        if ArabicText.isInvisibleControl(scalar) { return .control }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .mark
        default: return ArabicText.isWordScalar(scalar) ? .letter : .separator
        }
    }

    private static func makeToken(range: Range<String.Index>, normalized: String) -> Token? {
        let letters = normalized.unicodeScalars[...]
        guard let first = letters.first else { return nil }
        let count = letters.count
        let term = string(stemmed(letters, count: count), of: normalized)
        var variant: String?
        if count > minimumStemLength, isOneLetterPrefix(first),
            !definitePrefixes.contains(where: { letters.starts(with: $0) })
        {
            let rest = letters.dropFirst()
            let candidate = String(Substring(stemmed(rest, count: count - 1)))
            // A stopword behind the letter (وهذا) is not a word worth a second form.
            if candidate != term, !isStopword(rest, count: count - 1) { variant = candidate }
        }
        return Token(
            term: term, variant: variant, range: range,
            isStopword: isStopword(letters, count: count))
    }

    /// `ArabicText.normalize` of each word, with anything that is not a letter or digit dropped from the result
    /// (NFKC turns ﷺ into several words). Words it would leave unchanged (most Arabic and lower-case Latin words)
    /// skip it; the others go through it together, one per line, as one call per word costs far more.
    private static func normalize(_ words: [Substring.UnicodeScalarView]) -> [String] {
        var result = words.map { $0.allSatisfy(isFixedByNormalize) ? String(Substring($0)) : "" }
        let pending = words.indices.filter { result[$0].isEmpty }
        guard !pending.isEmpty else { return result }
        var batch = ""
        for index in pending {
            if !batch.isEmpty { batch += "\n" }
            batch += Substring(words[index])  // not UnicodeScalarView.append: it recopied the buffer each time
        }
        let lines = ArabicText.normalize(batch).unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        // Line breaks survive normalization; should the count ever differ, go word by word.
        let batched = lines.count == pending.count
        for (position, index) in pending.enumerated() {
            let word =
                batched ? lines[position] : ArabicText.normalize(String(Substring(words[index]))).unicodeScalars[...]
            result[index] = lettersAndDigits(word)
        }
        return result
    }

    private static func lettersAndDigits(_ word: Substring.UnicodeScalarView) -> String {
        if word.allSatisfy({ isFixedByNormalize($0) || ArabicText.isWordScalar($0) }) { return String(Substring(word)) }
        return String(String.UnicodeScalarView(word.filter(ArabicText.isWordScalar)))
    }

    private static let longestStopword = stopwords.map(\.unicodeScalars.count).max() ?? 0

    private static func isStopword(_ word: Substring.UnicodeScalarView, count: Int) -> Bool {
        count <= longestStopword && stopwords.contains(String(Substring(word)))
    }

    /// Scalars that `ArabicText.normalize` maps to themselves whatever surrounds them (the tests compare).
    private static func isFixedByNormalize(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x61...0x7A: return true
        // Arabic letters except the alef forms آ أ إ, teh marbuta ة and alef maksura ى.
        case 0x0621, 0x0624, 0x0626...0x0628, 0x062A...0x063A, 0x0641...0x0648, 0x064A: return true
        default: return false
        }
    }

    // MARK: - Stemming

    private static func scalars(_ words: [String]) -> [[Unicode.Scalar]] { words.map { Array($0.unicodeScalars) } }

    /// Longest first; at most one is removed.
    private static let definitePrefixes = scalars(["وال", "بال", "كال", "فال", "لل", "ال"])
    /// Longest first; at most one is removed. Normalized, so ية is يه and ة is ه.
    private static let suffixes = scalars(["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"])
    private static let minimumStemLength = 3

    /// و ب ك ف ل: letters that may be a prefix or part of the word.
    private static func isOneLetterPrefix(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0648, 0x0628, 0x0643, 0x0641, 0x0644: return true
        default: return false
        }
    }

    /// Removes the longest definite prefix that leaves at least two letters (الحر → حر), then suffixes,
    /// longest first, again and again while at least three letters remain. Stripping suffixes until none
    /// is left makes stacked forms meet their base: مستشفيات → مستشفي → مستشف as مستشفى does,
    /// البرلمانية → برلمان → برلم as البرلمان does, فلسطينيين → فلسط as فلسطين does.
    /// Affixes are Arabic letters, so words of Latin letters or digits never change.
    /// - Parameter count: the number of scalars in `word`.
    private static func stemmed(_ word: Substring.UnicodeScalarView, count: Int) -> Substring.UnicodeScalarView {
        var word = word
        var count = count
        if let prefix = definitePrefixes.first(where: {
            count - $0.count >= minimumPrefixRemainder && word.starts(with: $0)
        }) {
            word = word.dropFirst(prefix.count)
            count -= prefix.count
        }
        while let suffix = suffixes.first(where: {
            count - $0.count >= minimumStemLength && word.suffix($0.count).elementsEqual($0)
        }) {
            word = word.dropLast(suffix.count)
            count -= suffix.count
        }
        return word
    }

    /// Letters a definite prefix must leave: two, so short nouns (الحر، الغاز → حر، غاز) lose it too.
    private static let minimumPrefixRemainder = 2

    /// The stem as a string, reusing `whole` when nothing was removed.
    private static func string(_ stem: Substring.UnicodeScalarView, of whole: String) -> String {
        stem.startIndex == whole.startIndex && stem.endIndex == whole.endIndex ? whole : String(Substring(stem))
    }
}
