import Foundation
import NashraCore
import Testing

/// Judged relevance sets for search, scored by recall@10 (the share of an answer's relevant articles in the
/// first ten results, out of at most ten) and mean reciprocal rank. Two sets: our own queries over the demo
/// newsroom (``DemoRelevance``) and over the Arabic news corpus (``CorpusRelevance``). Judgments were made by
/// reading the articles, not the search results; an article is relevant when it is about, or clearly contains,
/// what the query asks for.
public enum SearchRelevance {
    /// What a query exercises.
    enum Category: String, CaseIterable, Sendable {
        case variantSpelling = "variant spelling"
        case diacritics
        case prefixes
        case suffixes
        case digits
        /// Content words that fold onto a stop word (the name علي and the preposition على).
        case stopwordTwins = "stop word twins"
        /// The nisba adjective and its noun (أفريقي / أفريقيا).
        case nisba
        /// Names with several spellings, met through the newsroom's synonym list.
        case synonyms
        /// Latin words inside Arabic text.
        case latin
        /// Several words, phrases, exclusions, specific events.
        case other
    }

    struct Judgment: Sendable {
        var category: Category
        var query: String
        /// The relevant articles: titles in the demo set, corpus ids in the corpus set.
        var relevant: Set<String>

        init(_ category: Category, _ query: String, _ relevant: Set<String>) {
            self.category = category
            self.query = query
            self.relevant = relevant
        }
    }

    struct Score: Sendable {
        var judgment: Judgment
        /// The keys of the first ten results, in order.
        var returned: [String]
        var recall: Double
        var reciprocalRank: Double
    }

    /// Runs each judged query (with the given synonyms) and scores its first ten results; `key` names a
    /// result as the judgments do.
    static func score<Store: ContentStore>(
        _ judgments: [Judgment], in store: Store, now: Date, synonyms: SearchSynonyms,
        key: (ArticleSummary) -> String
    ) async throws -> [Score] {
        var scores: [Score] = []
        for judgment in judgments {
            let query = SearchQuery(judgment.query, synonyms: synonyms)
            let page = try await store.search(query, limit: 10, offset: 0, now: now)
            let returned = page.items.prefix(10).map { key($0.article) }
            let found = judgment.relevant.intersection(returned).count
            let firstRelevant = returned.firstIndex { judgment.relevant.contains($0) }
            let wanted = min(judgment.relevant.count, 10)
            scores.append(
                Score(
                    judgment: judgment, returned: returned,
                    recall: wanted == 0 ? 0 : Double(found) / Double(wanted),
                    reciprocalRank: firstRelevant.map { 1 / Double($0 + 1) } ?? 0))
        }
        return scores
    }

    /// Prints the set's figures, overall, by category and for each query short of full recall or of a
    /// relevant first result; returns
    /// the mean recall@10 and MRR, and each category's mean recall@10.
    static func report(_ name: String, _ scores: [Score], details: Bool = true) -> (
        recall: Double, mrr: Double, byCategory: [Category: Double]
    ) {
        let recall = mean(scores.map(\.recall))
        let mrr = mean(scores.map(\.reciprocalRank))
        print("Search relevance (\(name)): \(scores.count) queries, recall@10 \(format(recall)), MRR \(format(mrr))")
        var byCategory: [Category: Double] = [:]
        for category in Category.allCases {
            let inCategory = scores.filter { $0.judgment.category == category }
            guard !inCategory.isEmpty else { continue }
            byCategory[category] = mean(inCategory.map(\.recall))
            print(
                "Search relevance (\(name)): \(category.rawValue): \(inCategory.count) queries, "
                    + "recall@10 \(format(byCategory[category]!)), MRR \(format(mean(inCategory.map(\.reciprocalRank))))"
            )
        }
        for score in scores where details && (score.recall < 1 || score.reciprocalRank < 1) {
            let judgment = score.judgment
            print(
                """
                Search relevance (\(name)): [\(judgment.category.rawValue)] \(judgment.query) \
                terms \(ArabicAnalyzer.terms(judgment.query)) recall \(format(score.recall)) \
                RR \(format(score.reciprocalRank))
                  missing:  \(judgment.relevant.subtracting(score.returned).sorted())
                  returned: \(score.returned)
                """)
        }
        return (recall, mrr, byCategory)
    }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    static func format(_ value: Double) -> String { String(format: "%.3f", value) }
}
