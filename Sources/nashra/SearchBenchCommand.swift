import ArgumentParser
import Foundation
import NashraCore

/// `nashra search-bench`: search latency against a data folder, for `bench/search.sh`.
struct SearchBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search-bench", abstract: "Time searches (one query per line of a file); prints p50 and p95.",
        shouldDisplay: false)
    @OptionGroup var options: DataOptions
    @Option(help: "File with one query per line.") var queries: String
    @Option(help: "Results per query (the search page shows 10).") var limit = 10

    func run() async throws {
        let backend = try await options.openBackend()
        defer { backend.close() }
        let store = backend.store
        guard let text = try? String(contentsOfFile: queries, encoding: .utf8) else {
            throw ValidationError("cannot read \(queries)")
        }
        let lines = text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        var byWords: [Int: [Double]] = [:]
        var found = 0
        let now = Date()
        // One warm-up pass so the page cache holds the index, as on a running site.
        for line in lines.prefix(50) {
            _ = try await store.search(SearchQuery(line), limit: limit, offset: 0, now: now)
        }
        for line in lines {
            let query = SearchQuery(line)
            let start = DispatchTime.now().uptimeNanoseconds
            let result = try await store.search(query, limit: limit, offset: 0, now: now)
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
            byWords[line.split(separator: " ").count, default: []].append(elapsed)
            if result.total > 0 { found += 1 }
        }
        for words in byWords.keys.sorted() {
            let times = byWords[words]!.sorted()
            func percentile(_ p: Double) -> Double { times[min(times.count - 1, Int(Double(times.count) * p))] }
            print(
                String(
                    format: "%d-word queries: %d, p50 %.2f ms, p95 %.2f ms, max %.2f ms", words, times.count,
                    percentile(0.5),
                    percentile(0.95), times.last ?? 0))
        }
        print("queries with results: \(found) of \(lines.count)")
        if let size = try await store.searchIndexBytes() { print("search index: \(size / 1_048_576) MiB") }
    }
}
