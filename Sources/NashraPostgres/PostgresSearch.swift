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
        var counts = try await deleteRows(articleIDs: Array(latest.keys), in: db)
        for (id, document) in latest.sorted(by: { $0.key < $1.key }) {
            // The vocabulary (for "did you mean") holds the words of the fields, not the second readings.
            let fields = [document.title, document.tags, document.summary, document.author, document.body]
            let terms = Array(Set(fields.flatMap { $0.split(separator: " ").map(String.init) })).sorted()
            for term in terms { counts[term, default: 0] += 1 }
            try await db.exec(
                """
                INSERT INTO article_search (article_id, document, terms)
                VALUES (\(id), \(vector(document))::tsvector, \(terms))
                """)
        }
        try await changeVocabulary(counts, in: db)
    }

    /// Takes an article out of the index (and its terms out of the vocabulary's counts).
    static func unindex(articleID: Int64, in db: some QueryRunner) async throws {
        try await unindex(articleIDs: [articleID], in: db)
    }

    static func unindex(articleIDs: [Int64], in db: some QueryRunner) async throws {
        try await changeVocabulary(try await deleteRows(articleIDs: articleIDs, in: db), in: db)
    }

    /// Deletes the articles' index rows; returns the vocabulary change that takes their terms out.
    private static func deleteRows(articleIDs: [Int64], in db: some QueryRunner) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await db.all("DELETE FROM article_search WHERE article_id = ANY(\(articleIDs)) RETURNING terms")
        {
            for term in try row["terms"] as [String] { counts[term, default: 0] -= 1 }
        }
        return counts
    }

    /// Applies each term's net change of its count of documents in one statement (so two writers take
    /// the rows' locks in one sorted order and cannot deadlock); terms in no document any more leave
    /// the vocabulary.
    private static func changeVocabulary(_ counts: [String: Int], in db: some QueryRunner) async throws {
        let changed = counts.filter { $0.value != 0 }
        guard !changed.isEmpty else { return }
        let terms = changed.keys.sorted()
        let amounts = terms.map { changed[$0]! }
        try await db.exec(
            """
            INSERT INTO search_vocabulary (term, documents)
            SELECT term, amount FROM unnest(\(terms)::text[], \(amounts)::bigint[]) AS change(term, amount)
            ON CONFLICT (term) DO UPDATE SET documents = search_vocabulary.documents + EXCLUDED.documents
            """)
        if amounts.contains(where: { $0 < 0 }) {
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
