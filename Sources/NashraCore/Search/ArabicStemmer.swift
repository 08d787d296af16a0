/// Light stemming of one folded word: at most one definite prefix, then suffixes while three letters
/// remain; Latin words lose a plural -s. See ``ArabicAnalyzer`` for where it sits in the analysis.
enum ArabicStemmer {
    /// The index forms of a word.
    struct Forms: Equatable {
        /// The form the index holds for the word.
        var term: String
        /// A second reading of the word, indexed beside the term, when its first letters may or may not
        /// be a prefix; nil when there is none.
        var variant: String?
        /// The variant reads the first letter (و ب ك ف ل) as a prefix; the analyzer drops it when what
        /// follows the letter is a stop word (وهذا).
        var variantDropsFirstLetter = false
    }

    /// ``forms(of:startsWithHamza:readsOneLetterPrefix:)`` through the process's ``StemCache``: the same
    /// answer, without working it out again for a word seen lately.
    static func cachedForms(of word: String, startsWithHamza: Bool) -> Forms {
        StemCache.shared.forms(of: word, startsWithHamza: startsWithHamza) { forms(of: $0, startsWithHamza: $1) }
    }

    /// The forms of a folded word.
    /// - Parameter startsWithHamza: the word as written begins with أ, إ or آ; the article ال is
    ///   only ever written with a bare alef, so إلهام is read first as a word of its own.
    /// - Parameter readsOneLetterPrefix: whether a first و ب ك ف ل gets a second reading (off for that
    ///   reading itself, so a word is never read letter by letter).
    static func forms(of word: String, startsWithHamza: Bool, readsOneLetterPrefix: Bool = true) -> Forms {
        let letters = word.unicodeScalars[...]
        let count = letters.count
        if (3...5).contains(count), letters.last == "\u{0647}", unstemmed.contains(word) { return Forms(term: word) }
        if letters.allSatisfy({ (0x61...0x7A).contains($0.value) }) { return Forms(term: EnglishStemmer.stem(word)) }
        if let prefix = definitePrefix(of: letters, count: count), !unprefixed.contains(word),
            !(prefix.count == 3 && unprefixed.contains(String(Substring(letters.dropFirst()))))
        {
            let rest = letters.dropFirst(prefix.count)
            let stripped = string(suffixes(rest, count: count - prefix.count), of: word)
            if startsWithHamza {
                return Forms(term: string(suffixes(letters, count: count), of: word), variant: stripped)
            }
            if prefix.count >= 2, prefix.suffix(2).elementsEqual(lamLam) {
                // ل + ال before a word that begins with ل loses the alef and one lam: للجنة is ل + اللجنة.
                var restored = String.UnicodeScalarView(["\u{0644}"])
                restored.append(contentsOf: rest)
                let reading = String(Substring(suffixes(restored[...], count: count - prefix.count + 1)))
                return Forms(term: stripped, variant: reading == stripped ? nil : reading)
            }
            return Forms(term: stripped)
        }
        let term = string(suffixes(letters, count: count), of: word)
        // A word that begins like a definite prefix but keeps it (والد) has no one-letter reading either,
        // unless what follows the letter is a word that only looks prefixed (بألمانيا: ب + ألمانيا).
        guard readsOneLetterPrefix, count > minimumStemLength, let first = letters.first, isOneLetterPrefix(first),
            !definitePrefixes.contains(where: { letters.starts(with: $0) })
                || unprefixed.contains(String(Substring(letters.dropFirst())))
        else {
            return Forms(term: term)
        }
        let reading = forms(
            of: String(Substring(letters.dropFirst())), startsWithHamza: false, readsOneLetterPrefix: false
        ).term
        return reading == term ? Forms(term: term) : Forms(term: term, variant: reading, variantDropsFirstLetter: true)
    }

    // MARK: - Prefixes

    private static func scalars(_ words: [String]) -> [[Unicode.Scalar]] { words.map { Array($0.unicodeScalars) } }

    /// Longest first; at most one is removed.
    private static let definitePrefixes = scalars(["وال", "بال", "كال", "فال", "ولل", "فلل", "لل", "ال"])
    private static let lamLam = Array("لل".unicodeScalars)

    /// The longest definite prefix the word starts with that leaves enough of it: three letters, or two
    /// that do not end in ه or ا (الحر، الحي → حر، حي; but والده stays a word, and الله is not ال + له).
    /// After لل any two letters will do, as the second reading keeps the lam (للغة: غة or لغة).
    private static func definitePrefix(of word: Substring.UnicodeScalarView, count: Int) -> [Unicode.Scalar]? {
        definitePrefixes.first { prefix in
            let remainder = count - prefix.count
            guard remainder >= 2, word.starts(with: prefix) else { return false }
            guard remainder == 2, !prefix.suffix(2).elementsEqual(lamLam), let last = word.last else { return true }
            return last != "\u{0647}" && last != "\u{0627}"
        }
    }

    /// Folded words that begin like a definite prefix but do not have one.
    static let unprefixed: Set<String> = [
        "بالون", "بالونات", "فالنسيا", "كالسيوم", "المانيا", "الماني", "المانيه", "البانيا", "الباني", "البانيه",
    ]

    /// Words no rule touches (الله is not ال + له, nor لله ل + له); all end in ه, three to five letters.
    static let unstemmed: Set<String> = ["الله", "لله", "بالله", "والله", "تالله"]

    /// و ب ك ف ل: letters that may be a prefix or part of the word.
    private static func isOneLetterPrefix(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0648, 0x0628, 0x0643, 0x0641, 0x0644: return true
        default: return false
        }
    }

    // MARK: - Suffixes

    /// Longest first; several may come off one after another. Normalized, so ية is يه and ة is ه. يا and ا
    /// make the nisba adjective meet its noun (أفريقي / أفريقيا, أمريكي / أمريكا) and drop the alef of
    /// tanween (عاماً).
    private static let suffixes = scalars(["ها", "ان", "ات", "ون", "ين", "يه", "يا", "ه", "ي", "ا"])
    static let minimumStemLength = 3
    private static let nisbaYa = Array("يا".unicodeScalars)
    private static let alef = Array("ا".unicodeScalars)

    /// Stems the suffix rules must not cut into: names whose ending only looks like a suffix, where the cut
    /// would meet another word (لبنان → لبن "milk", البحرين → بحر "sea").
    static let protectedStems: Set<String> = [
        "لبنان", "ايران", "يابان", "سودان", "طهران", "عدنان", "سليمان", "عثمان", "رمضان", "بحرين", "المان", "البان",
        "بالون",
    ]
    private static let protectedLengths = Set(protectedStems.map(\.unicodeScalars.count))
    private static let protectedEndings = Set(protectedStems.compactMap(\.unicodeScalars.last))

    /// Whether the word is a protected stem, without making a string for most words.
    private static func isProtected(_ word: Substring.UnicodeScalarView, count: Int) -> Bool {
        guard protectedLengths.contains(count), let last = word.last, protectedEndings.contains(last) else {
            return false
        }
        return protectedStems.contains(String(Substring(word)))
    }

    /// Removes suffixes, longest first, again and again while at least three letters remain. Stripping
    /// until none is left makes stacked forms meet their base: مستشفيات → مستشفي → مستشف as مستشفى does,
    /// البرلمانية → برلمان → برلم as البرلمان does. يا does not come off after ا (قضايا is a plural), nor ا after ي
    /// (العليا, الدنيا).
    private static func suffixes(_ word: Substring.UnicodeScalarView, count: Int) -> Substring.UnicodeScalarView {
        var word = word
        var count = count
        while !isProtected(word, count: count),
            let suffix = suffixes.first(where: { suffix in
                guard count - suffix.count >= minimumStemLength, word.suffix(suffix.count).elementsEqual(suffix)
                else { return false }
                let before = word.dropLast(suffix.count).last
                if suffix == nisbaYa { return before != "\u{0627}" }
                if suffix == alef { return before != "\u{064A}" && before != "\u{0627}" }
                return true
            })
        {
            word = word.dropLast(suffix.count)
            count -= suffix.count
        }
        return word
    }

    /// The stem as a string, reusing `whole` when nothing was removed.
    private static func string(_ stem: Substring.UnicodeScalarView, of whole: String) -> String {
        stem.startIndex == whole.startIndex && stem.endIndex == whole.endIndex ? whole : String(Substring(stem))
    }
}

/// The English plural rule of Lucene's EnglishMinimalStemmer (after Harman's S-stemmer), for Latin words
/// inside Arabic text: exchanges and exchange meet, parties and party; bus, class, goes and agrees stay.
/// Words of three letters or fewer stay too (its, gas), and a few frequent ones whose s is not a plural (news).
enum EnglishStemmer {
    /// Words whose final s is not a plural, frequent in news (news must not meet new).
    static let invariant: Set<String> = [
        "news", "series", "species", "means", "physics", "politics", "economics", "athletics", "mathematics",
        "diabetes", "this", "his", "has", "was", "does", "yes", "always", "perhaps", "whereas", "thus",
    ]

    static func stem(_ word: String) -> String {
        guard !invariant.contains(word) else { return word }
        let letters = Array(word.utf8)
        let count = letters.count
        guard count > 3, letters[count - 1] == UInt8(ascii: "s") else { return word }
        switch letters[count - 2] {
        case UInt8(ascii: "u"), UInt8(ascii: "s"):
            return word
        case UInt8(ascii: "e"):
            let third = letters[count - 3]
            if third == UInt8(ascii: "i"), letters[count - 4] != UInt8(ascii: "a"),
                letters[count - 4] != UInt8(ascii: "e")
            {
                return String(decoding: letters[..<(count - 3)], as: UTF8.self) + "y"
            }
            if [UInt8(ascii: "i"), UInt8(ascii: "a"), UInt8(ascii: "o"), UInt8(ascii: "e")].contains(third) {
                return word
            }
            return String(word.dropLast())
        default:
            return String(word.dropLast())
        }
    }
}
