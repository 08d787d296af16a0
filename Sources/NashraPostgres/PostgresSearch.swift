import Foundation
import NashraCore
import PostgresNIO

/// The search index on PostgreSQL: our analyzer's terms in a `simple` tsvector (PostgreSQL only splits
/// and weighs them), and a vocabulary of indexed terms for spelling suggestions.
enum PostgresSearch {
    /// A term as a tsquery operand. Terms are letters and digits only; quoting keeps them whole.
    static func quoted(_ term: String) -> String {
        "'" + term.replacingOccurrences(of: "'", with: "").replacingOccurrences(of: "\\", with: "") + "'"
    }

    /// The tsquery text of a query: every word (any of its forms), every phrase in order, no excluded word.
    static func expression(_ query: SearchQuery) -> String? {
        guard !query.isEmpty else { return nil }
        func phrase(_ terms: [String]) -> String { "(" + terms.map(quoted).joined(separator: " <-> ") + ")" }
        func anyOf(_ word: SearchQuery.Word) -> String {
            let alternatives = word.forms.map(quoted) + word.phrases.map(phrase)
            return alternatives.count == 1 ? alternatives[0] : "(" + alternatives.joined(separator: " | ") + ")"
        }
        var parts = query.words.map(anyOf)
        parts += query.phrases.map(phrase)
        guard !parts.isEmpty else { return nil }
        var expression = parts.joined(separator: " & ")
        for word in query.excluded {
            expression = "(\(expression)) & !\(anyOf(word))"
        }
        return expression
    }

    /// Rank weights for D (body, alternates), C (summary, author), B (tags), A (title).
    static let weights = "'{0.1, 0.3, 0.6, 1.0}'"

    /// The tsvector of a document, written out in tsvector syntax so that PostgreSQL's own parser (whose
    /// idea of a letter depends on the database's locale) never touches our terms. Fields follow one
    /// another with a gap, so a phrase never runs from one field into the next.
    static func vector(_ document: SearchDocument) -> String {
        let fields: [(String, Character)] = [
            (document.title, "A"), (document.tags, "B"), (document.summary, "C"), (document.author, "C"),
            (document.body, "D"), (document.alternates, "D"),
        ]
        var positions: [String: [String]] = [:]
        var order: [String] = []
        var position = 1
        for (text, weight) in fields {
            for term in text.split(separator: " ") {
                let term = String(term)
                if positions[term] == nil { order.append(term) }
                // PostgreSQL keeps at most 256 positions a lexeme, numbered up to 16383.
                if positions[term, default: []].count < 256 {
                    positions[term, default: []].append("\(min(position, 16383))\(weight)")
                }
                position += 1
            }
            position += 10
        }
        return order.map { quoted($0) + ":" + positions[$0]!.joined(separator: ",") }.joined(separator: " ")
    }

    /// Writes (or rewrites) an article's index row and keeps the vocabulary's counts; inside the
    /// article's own transaction.
    static func index(_ document: SearchDocument, articleID: Int64, in db: some QueryRunner) async throws {
        try await index([(articleID, document)], in: db)
    }

    /// Writes (or rewrites) the index rows of many articles, with one change of the vocabulary's
    /// counts for all of them: a common word is updated once per batch, not once per article.
    static func index(_ documents: [(id: Int64, document: SearchDocument)], in db: some QueryRunner) async throws {
        guard !documents.isEmpty else { return }
        // An article twice in a batch (a file that repeats an id) is indexed as it was last given.
        var latest: [Int64: SearchDocument] = [:]
        for (id, document) in documents { latest[id] = document }
        try await unindex(articleIDs: Array(latest.keys), in: db)
        var counts: [String: Int] = [:]
        for (id, document) in latest.sorted(by: { $0.key < $1.key }) {
            let fields = [
                document.title, document.tags, document.summary, document.author, document.body,
                document.alternates,
            ]
            let terms = Array(Set(fields.flatMap { $0.split(separator: " ").map(String.init) })).sorted()
            for term in terms { counts[term, default: 0] += 1 }
            try await db.exec(
                """
                INSERT INTO article_search (article_id, document, terms)
                VALUES (\(id), \(vector(document))::tsvector, \(terms))
                """)
        }
        try await changeVocabulary(counts, by: 1, in: db)
    }

    /// Takes an article out of the index (and its terms out of the vocabulary's counts).
    static func unindex(articleID: Int64, in db: some QueryRunner) async throws {
        try await unindex(articleIDs: [articleID], in: db)
    }

    static func unindex(articleIDs: [Int64], in db: some QueryRunner) async throws {
        var counts: [String: Int] = [:]
        for row in try await db.all("DELETE FROM article_search WHERE article_id = ANY(\(articleIDs)) RETURNING terms")
        {
            for term in try row["terms"] as [String] { counts[term, default: 0] += 1 }
        }
        try await changeVocabulary(counts, by: -1, in: db)
    }

    /// Adds (`sign` 1) or takes away (-1) each term's count of documents, in one statement; terms in
    /// no document any more leave the vocabulary.
    private static func changeVocabulary(_ counts: [String: Int], by sign: Int, in db: some QueryRunner) async throws {
        guard !counts.isEmpty else { return }
        // Sorted, so concurrent writers take the rows' locks in one order.
        let terms = counts.keys.sorted()
        let amounts = terms.map { counts[$0]! * sign }
        if sign > 0 {
            try await db.exec(
                """
                INSERT INTO search_vocabulary (term, documents)
                SELECT term, amount FROM unnest(\(terms)::text[], \(amounts)::bigint[]) AS change(term, amount)
                ON CONFLICT (term) DO UPDATE SET documents = search_vocabulary.documents + EXCLUDED.documents
                """)
        } else {
            try await db.exec(
                """
                UPDATE search_vocabulary SET documents = documents + change.amount
                FROM unnest(\(terms)::text[], \(amounts)::bigint[]) AS change(term, amount)
                WHERE search_vocabulary.term = change.term
                """)
            try await db.exec("DELETE FROM search_vocabulary WHERE documents <= 0 AND term = ANY(\(terms)::text[])")
        }
    }

    /// Rewrites the index rows of these articles (the published ones): the index holds tag and author
    /// names, so renaming one must reach it.
    static func reindex(_ ids: [Int64], in db: some QueryRunner) async throws {
        let articles = try await PostgresRows.articles(ids: ids, in: db).filter { StorageRules.isIndexed($0.status) }
        try await index(articles.map { ($0.id, StorageRules.searchDocument(for: $0)) }, in: db)
    }
}
