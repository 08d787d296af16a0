import Foundation

/// "Did you mean": for a query term the index does not know, the closest indexed term, the rule
/// every backend applies to the candidates it reads from its vocabulary.
public enum SpellingSuggestion {
    /// Terms shorter than this get no suggestion (too many short words are one letter apart).
    public static let minimumLength = 4
    /// How many letters a suggestion may differ by.
    public static let maximumDistance = 2

    /// Where a backend looks for candidates: terms starting with the same letter (spelling variants
    /// rarely differ there), from `lowerBound` up to but not including `upperBound`, whose length
    /// is within ``maximumDistance`` of the term's. Nil when the term gets no suggestion.
    public static func candidateRange(for term: String) -> (
        lowerBound: String, upperBound: String, lengths: ClosedRange<Int>
    )? {
        guard term.count >= minimumLength, let first = term.first else { return nil }
        return (
            String(first), String(first) + "\u{10FFFF}", (term.count - maximumDistance)...(term.count + maximumDistance)
        )
    }

    /// The candidate closest to `term` within ``maximumDistance``; among equally close ones, the
    /// one in the most documents.
    public static func best(for term: String, among candidates: [(term: String, documents: Int)]) -> String? {
        var best: (term: String, distance: Int, documents: Int)?
        for candidate in candidates {
            let distance = EditDistance.between(term, candidate.term, limit: maximumDistance)
            guard distance <= maximumDistance else { continue }
            if best == nil || (distance, -candidate.documents) < (best!.distance, -best!.documents) {
                best = (candidate.term, distance, candidate.documents)
            }
        }
        return best?.term
    }
}

extension SpellingSuggestion {
    /// How many of the best-matching articles holding a suggested term are read for its spelling.
    public static let articlesRead = 20
    /// How many query words get a suggestion, first ones first: each costs a search.
    public static let wordsCorrected = 3

    /// The spelling readers should see for an index term: its most frequent written form (tashkeel and
    /// tatweel removed) among words of `texts` whose index form it is; among equally frequent ones, the
    /// one met first. Nil when no word of the texts has that index form.
    public static func surfaceForm(of term: String, in texts: [String]) -> String? {
        var counts: [String: (count: Int, first: Int)] = [:]
        var seen = 0
        for text in texts {
            for token in ArabicAnalyzer.tokens(text) where token.term == term && !token.isStopword {
                let written = String(
                    String.UnicodeScalarView(text[token.range].unicodeScalars.filter { !ArabicText.isMarkInWord($0) }))
                let known = counts[written]
                counts[written] = ((known?.count ?? 0) + 1, known?.first ?? seen)
                seen += 1
            }
        }
        return counts.min { ($0.value.count, -$0.value.first) > ($1.value.count, -$1.value.first) }?.key
    }
}

extension ContentSearching {
    /// "Did you mean" as readers read it: for each of the first ``SpellingSuggestion/wordsCorrected``
    /// query words the index does not know, the closest indexed word spelled as the best-matching
    /// articles holding it spell it most often (never a bare stem). A suggestion with no visible
    /// article to read it from is left out.
    public func readableSuggestions(for query: SearchQuery, now: Date) async throws -> [String: String] {
        var result: [String: String] = [:]
        var considered = query
        considered.words = Array(query.words.prefix(SpellingSuggestion.wordsCorrected * 2))
        let suggestions = try await suggestions(for: considered)
        let corrections = considered.words.compactMap(\.forms.first).compactMap { term in
            suggestions[term].map { (term, $0) }
        }
        for (term, suggested) in corrections.prefix(SpellingSuggestion.wordsCorrected) {
            let holding = try await search(
                SearchQuery(terms: [suggested]), limit: SpellingSuggestion.articlesRead, offset: 0, now: now)
            let texts = holding.items.map { $0.article.title + "\n" + $0.article.summary + "\n" + $0.plainText }
            if let written = SpellingSuggestion.surfaceForm(of: suggested, in: texts) { result[term] = written }
        }
        return result
    }
}
