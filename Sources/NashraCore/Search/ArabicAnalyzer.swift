/// The search analyzer: splits text into words and turns each into the form the index holds.
///
/// Index and queries go through the same rules (see the project's Arabic guide): stop words are
/// decided on the word as written (``ArabicStopwords``: على is one, the name علي is not), then search
/// normalization via ``ArabicText/normalize(_:foldTehMarbuta:)``, then light stemming
/// (``ArabicStemmer``): at most one definite prefix and suffixes while three letters remain; Latin
/// words lose a plural -s. Works on Unicode scalars, in time linear in the text, without regular
/// expressions.
public enum ArabicAnalyzer {
    /// Changes whenever a rule change gives any text different terms, so stored indexes are rebuilt
    /// (see ``ContentSearching/searchAnalyzerVersion()``). 2: stop words on the written form, لل
    /// readings, nisba and tanween alef, protected names, English plurals.
    public static let version = 2

    /// One word of the original text.
    public struct Token: Sendable, Hashable {
        /// The index form: normalized (search normalization, ة→ه), one definite prefix and stacked suffixes removed.
        public let term: String
        /// A second index form for words whose first letters may or may not be a prefix: a one-letter
        /// prefix (و ب ك ف ل: وزير is a word, بمدرسة is ب + مدرسة), ل + ال before a word beginning with ل
        /// (للجنة is ل + اللجنة), or an alef with hamza that looks like the article (إلهام); nil when not applicable.
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
        return zip(words, normalized).compactMap { makeToken(range: $0, written: scalars[$0], normalized: $1) }
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
        ArabicStemmer.cachedForms(of: normalizedWord, startsWithHamza: false).term
    }

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

    private static func makeToken(
        range: Range<String.Index>, written: Substring.UnicodeScalarView, normalized: String
    ) -> Token? {
        guard !normalized.isEmpty else { return nil }
        let forms = ArabicStemmer.cachedForms(of: normalized, startsWithHamza: startsWithHamza(written))
        var variant = forms.variant
        if forms.variantDropsFirstLetter,
            let second = written.firstIndex(where: isLetter).map({ written.index(after: $0) }),
            ArabicStopwords.contains(folded: normalized.dropFirst(), written: written[second...])
        {
            variant = nil  // a stop word behind the letter (وهذا) is not a word worth a second form
        }
        return Token(
            term: forms.term, variant: variant, range: range,
            isStopword: ArabicStopwords.contains(folded: Substring(normalized), written: written))
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool { kind(of: scalar) == .letter }

    /// Whether the first letter as written is أ, إ, آ or an alef with a wavy hamza, precomposed or as
    /// ا followed by a combining hamza or madda.
    private static func startsWithHamza(_ written: Substring.UnicodeScalarView) -> Bool {
        guard let index = written.firstIndex(where: isLetter) else { return false }
        switch written[index].value {
        case 0x0622, 0x0623, 0x0625, 0x0672, 0x0673: return true
        case 0x0627:
            let next = written.index(after: index)
            return next < written.endIndex && (0x0653...0x0655).contains(written[next].value)
        default: return false
        }
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

    /// Scalars that `ArabicText.normalize` maps to themselves whatever surrounds them (the tests compare).
    private static func isFixedByNormalize(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x61...0x7A: return true
        // Arabic letters except the alef forms آ أ إ, teh marbuta ة and alef maksura ى.
        case 0x0621, 0x0624, 0x0626...0x0628, 0x062A...0x063A, 0x0641...0x0648, 0x064A: return true
        default: return false
        }
    }
}
