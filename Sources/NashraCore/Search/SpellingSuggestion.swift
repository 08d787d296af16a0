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
