import Foundation

/// Spellings the newsroom counts as one name (فيسبوك، فايسبوك، Facebook), applied when a query is
/// parsed, so editing the list needs no reindex: a query word that is one of a group's spellings
/// matches any of them.
///
/// The text has one group per line, its spellings separated by commas (, or ،); a spelling may be
/// several words (تنظيم الدولة، داعش), matched as a phrase. Empty lines and lines starting with `#`
/// are ignored.
public struct SearchSynonyms: Sendable, Hashable {
    /// Each group's spellings, each spelling as its index terms in order.
    public let groups: [[[String]]]

    /// No synonyms.
    public static let none = SearchSynonyms(groups: [])

    /// The longest text accepted, in characters.
    public static let maxLength = 20_000

    init(groups: [[[String]]]) {
        self.groups = groups
        var byFirst: [String: [(group: Int, terms: [String])]] = [:]
        for (index, group) in groups.enumerated() {
            for spelling in group { byFirst[spelling[0], default: []].append((index, spelling)) }
        }
        // Longest spelling first, so تنظيم الدولة wins over a group that lists تنظيم alone.
        spellingsByFirstTerm = byFirst.mapValues { $0.sorted { $0.terms.count > $1.terms.count } }
    }

    /// Parses the newsroom's text.
    /// - Throws: ``ValidationError`` with `.invalidLine` naming the first line that is not a group of
    ///   at least two spellings with searchable words.
    public init(parsing text: String, field: String = "searchSynonyms") throws {
        guard text.count <= Self.maxLength else {
            throw ValidationError(field: field, problem: .tooLong(max: Self.maxLength))
        }
        var groups: [[[String]]] = []
        // Browsers send a textarea's lines with CRLF, one Character in Swift, so split on any line break.
        for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let spellings = trimmed.split(whereSeparator: { $0 == "," || $0 == "،" }).map {
                ArabicAnalyzer.terms(String($0))
            }
            var distinct: [[String]] = []
            for spelling in spellings where !distinct.contains(spelling) { distinct.append(spelling) }
            guard distinct.count >= 2, spellings.allSatisfy({ !$0.isEmpty }) else {
                throw ValidationError(field: field, problem: .invalidLine(number + 1))
            }
            groups.append(distinct)
        }
        self.init(groups: groups)
    }

    /// For each term that starts a spelling, the spellings it starts (longest first).
    private let spellingsByFirstTerm: [String: [(group: Int, terms: [String])]]

    public static func == (left: SearchSynonyms, right: SearchSynonyms) -> Bool { left.groups == right.groups }
    public func hash(into hasher: inout Hasher) { hasher.combine(groups) }

    /// The query's words with each run that spells a group member replaced by one word that matches
    /// every spelling of the group.
    func expanding(_ words: [SearchQuery.Word]) -> [SearchQuery.Word] {
        guard !groups.isEmpty else { return words }
        var result: [SearchQuery.Word] = []
        var index = 0
        while index < words.count {
            let match = words[index].forms.lazy.compactMap { form in
                spellingsByFirstTerm[form]?.first { spelling in
                    index + spelling.terms.count <= words.count
                        && spelling.terms.indices.allSatisfy { words[index + $0].forms.contains(spelling.terms[$0]) }
                }
            }.first
            guard let match else {
                result.append(words[index])
                index += 1
                continue
            }
            var word = match.terms.count == 1 ? words[index] : SearchQuery.Word(forms: [])
            for spelling in groups[match.group] {
                if spelling.count == 1 {
                    if !word.forms.contains(spelling[0]) { word.forms.append(spelling[0]) }
                } else if !word.phrases.contains(spelling) {
                    word.phrases.append(spelling)
                }
            }
            result.append(word)
            index += match.terms.count
        }
        return result
    }
}
