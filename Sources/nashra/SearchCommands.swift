import ArgumentParser
import Foundation
import NashraCore

/// `nashra analyze "TEXT"`: the index terms of a text, like Elasticsearch's `_analyze`.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze", abstract: "Print the search index terms of a text, space-separated on one line.")
    @Argument(help: "The text to analyze.") var text: String
    @Flag(help: "One line per word: its index term and second reading, or that it is a stop word.")
    var explain = false

    func run() {
        guard explain else {
            print(ArabicAnalyzer.terms(text).joined(separator: " "))
            return
        }
        for token in ArabicAnalyzer.tokens(text) {
            let word = text[token.range]
            if token.isStopword {
                print("\(word)\t(stop word)")
            } else {
                print("\(word)\t\(token.term)" + (token.variant.map { "\t\($0)" } ?? ""))
            }
        }
    }
}

/// `nashra reindex`: rebuild the search index from the articles.
struct ReindexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex", abstract: "Rebuild the search index (after an upgrade of the analyzer, say).")
    @OptionGroup var options: DataOptions

    func run() async throws {
        let backend = try await options.openBackend()
        defer { backend.close() }
        let count = try await SearchIndexUpgrade.rebuild(backend.store, shared: backend.shared)
        print("indexed \(count) articles")
    }
}
