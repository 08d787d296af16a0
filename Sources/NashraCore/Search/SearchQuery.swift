import Foundation

/// A reader's search, parsed: words (each with its alternative index forms), quoted phrases and
/// `-excluded` words, all analyzed like the index so both follow the same rules.
public struct SearchQuery: Sendable, Hashable {
    /// The longest query accepted, in characters.
    public static let maxLength = 200

    public enum Sort: String, Sendable, CaseIterable {
        case relevance
        case date
    }

    /// One word of the query: any of its forms may match, or any of its phrases (the several-word
    /// spellings of a synonym).
    public struct Word: Sendable, Hashable {
        public var forms: [String]
        public var phrases: [[String]]

        public init(forms: [String], phrases: [[String]] = []) {
            self.forms = forms
            self.phrases = phrases
        }
    }

    public var words: [Word]
    /// Each phrase as its index terms in order.
    public var phrases: [[String]]
    public var excluded: [Word]
    public var sectionID: Int64?
    public var from: Date?
    public var to: Date?
    public var sort: Sort

    /// The terms a result may contain, for highlighting.
    public var highlightTerms: Set<String> {
        Set(words.flatMap { $0.forms + $0.phrases.joined() } + phrases.joined())
    }

    /// Whether the query can match anything (exclusions alone cannot).
    public var isEmpty: Bool { words.isEmpty && phrases.isEmpty }

    /// Parses raw text: `"…"` is a phrase, a leading `-` excludes a word, stopwords are dropped; a word
    /// that is one of the newsroom's synonyms matches every spelling of its group.
    public init(
        _ raw: String, sectionID: Int64? = nil, from: Date? = nil, to: Date? = nil, sort: Sort = .relevance,
        synonyms: SearchSynonyms = .none
    ) {
        var words: [Word] = []
        var phrases: [[String]] = []
        var excluded: [Word] = []
        var rest = Substring(raw.prefix(Self.maxLength))
        while !rest.isEmpty {
            if rest.first == "\"" || rest.first == "«" {
                let closing: Character = rest.first == "\"" ? "\"" : "»"
                rest = rest.dropFirst()
                let end = rest.firstIndex(of: closing) ?? rest.endIndex
                let terms = ArabicAnalyzer.terms(String(rest[..<end]))
                if terms.count == 1 {
                    words.append(Word(forms: terms))
                } else if !terms.isEmpty {
                    phrases.append(terms)
                }
                rest = end < rest.endIndex ? rest[rest.index(after: end)...] : ""
                continue
            }
            let end = rest.firstIndex(where: { $0.isWhitespace || $0 == "\"" || $0 == "«" }) ?? rest.endIndex
            var chunk = rest[..<end]
            rest = rest[end...].drop { $0.isWhitespace }
            let negative = chunk.first == "-" && chunk.count > 1
            if negative { chunk = chunk.dropFirst() }
            for token in ArabicAnalyzer.tokens(String(chunk)) where !token.isStopword {
                let word = Word(forms: [token.term] + (token.variant.map { [$0] } ?? []))
                if negative { excluded.append(word) } else { words.append(word) }
            }
        }
        self.words = synonyms.expanding(words)
        self.phrases = phrases
        // Each excluded word on its own: -تنظيم -الدولة excludes both words, not the phrase.
        self.excluded = excluded.flatMap { synonyms.expanding([$0]) }
        self.sectionID = sectionID
        self.from = from
        self.to = to
        self.sort = sort
    }
}

extension SearchQuery {
    /// A query for index terms as they are (no analysis): every term must match.
    public init(terms: [String], sort: Sort = .relevance) {
        self.init("", sort: sort)
        words = terms.map { Word(forms: [$0]) }
    }
}

/// A search result: the article as lists show it, and its plain text for the snippet.
public struct SearchHit: Sendable, Hashable {
    public var article: ArticleSummary
    public var plainText: String

    public init(article: ArticleSummary, plainText: String) {
        self.article = article
        self.plainText = plainText
    }
}

/// Searching what readers see. Backends index with ``SearchDocument`` so index and query follow
/// the same analysis.
public protocol ContentSearching: Sendable {
    func search(_ query: SearchQuery, limit: Int, offset: Int, now: Date) async throws -> ResultPage<SearchHit>
    /// For each query word that the index does not know, the closest indexed word (spelling
    /// variants of names: مايكرسوفت / مايكروسوفت), if any.
    func suggestions(for query: SearchQuery) async throws -> [String: String]
    /// Rewrites every article's index row with the current analyzer, in place (searches keep working;
    /// until its row is rewritten an article keeps the old analyzer's terms, so a word whose form changed
    /// may miss it), drops rows of articles no longer published, and drops cached search pages; returns
    /// how many articles were indexed.
    func reindex() async throws -> Int
    /// The ``ArabicAnalyzer/version`` the index was last built with (1: before versions were recorded).
    func searchAnalyzerVersion() async throws -> Int
    /// Records the analyzer version the index now holds.
    func recordSearchAnalyzerVersion(_ version: Int) async throws
    /// Tidies the index after many changes (a large import, a reindex).
    func optimizeSearchIndex() async throws
    /// The index's size on disk, when the backend can tell.
    func searchIndexBytes() async throws -> Int?
}
