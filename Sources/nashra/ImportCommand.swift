import ArgumentParser
import Foundation
import NashraCore

/// `nashra import FILE.jsonl`: bulk import, streamed, in batches, with a report.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import articles from a JSON-lines file.",
        discussion: """
            One article per line: title, text (paragraphs split by newlines) or html, section or category_ar, tags, \
            author, abstract, published_at or date (ISO 8601, DD/MM/YYYY or RFC 822), url (kept as the source link), \
            id. Lines that cannot be imported are reported with their number and reason; the rest go in. A re-run \
            updates the articles it made (matched by id, else url) instead of adding them again.
            """
    )

    @OptionGroup var options: DataOptions
    @Argument(help: "The .jsonl file.") var file: String
    @Option(help: "Articles per transaction.") var batch = 500

    func run() async throws {
        guard let reader = LineReader(path: file) else { throw ValidationError("cannot open \(file)") }
        let backend = try await options.openBackend()
        defer { backend.close() }
        let store = backend.store
        let progress = Progress(interactive: isatty(STDERR_FILENO) == 1)
        var problems: [ImportProblem] = []
        var created = 0
        var updated = 0
        var number = 0
        let started = Date()
        // Lines are parsed and analyzed on every core while the previous batch is being written.
        var writing: Task<[ImportOutcome], any Error>?
        func collect() async throws {
            guard let task = writing else { return }
            for outcome in try await task.value {
                if case .created = outcome { created += 1 } else { updated += 1 }
            }
            writing = nil
            progress.show(lines: number, imported: created + updated, skipped: problems.count)
        }
        while true {
            var lines: [(Int, Data)] = []
            while lines.count < batch, let line = reader.next() {
                number += 1
                if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { lines.append((number, line)) }
            }
            if lines.isEmpty { break }
            let (articles, failures) = await ImportLine.parse(lines)
            problems += failures
            try await collect()
            writing = Task { try await store.importArticles(articles, now: Date()) }
        }
        try await collect()
        progress.finish()
        if created + updated > 0 { try await store.optimizeSearchIndex() }
        let seconds = max(Date().timeIntervalSince(started), 0.001)
        for problem in problems.sorted(by: { $0.line < $1.line }) { print("skipped \(problem)") }
        print(
            "imported \(created + updated) (\(created) new, \(updated) updated), skipped \(problems.count), "
                + "\(number) lines in \(String(format: "%.1f", seconds)) s (\(Int(Double(created + updated) / seconds)) articles/s)"
        )
    }
}

/// Reads a file line by line through a fixed buffer, so memory stays flat whatever its size.
final class LineReader {
    private let handle: FileHandle
    private var buffer = Data()
    private var finished = false
    private let chunk = 1 << 16

    init?(path: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        self.handle = handle
    }

    deinit { try? handle.close() }

    func next() -> Data? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = Data(buffer[buffer.index(after: newline)...])
                return Data(line)
            }
            if finished {
                guard !buffer.isEmpty else { return nil }
                defer { buffer = Data() }
                return buffer
            }
            let data = (try? handle.read(upToCount: chunk)) ?? nil
            if let data, !data.isEmpty { buffer.append(data) } else { finished = true }
        }
    }
}

/// A progress line on a terminal, redrawn in place; silent when output is not a terminal.
struct Progress {
    let interactive: Bool

    func show(lines: Int, imported: Int, skipped: Int) {
        guard interactive else { return }
        FileHandle.standardError.write(Data("\r\(lines) lines read, \(imported) imported, \(skipped) skipped".utf8))
    }

    func finish() {
        if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
