import Foundation

/// One article of an import file, checked and ready for a store: `nashra import` reads JSON lines
/// with `title`, `text` (plain, paragraphs split by newlines) or `html`, `section` or `category_ar`,
/// `tags`, `author`, `abstract`, `published_at` or `date`, `url`, and an optional `id`.
public struct ImportedArticle: Sendable {
    /// What makes a re-run update instead of duplicate: `id`, else `url`, else title and date.
    public var externalID: String
    public var sectionName: String
    public var authorName: String
    public var title: String
    public var summary: String
    public var body: SafeHTML
    public var tags: [String]
    public var source: SourceCredit?
    public var publishedAt: Date
    public var readingMinutes: Int
    public var search: SearchDocument
}

/// Why a line was skipped.
public struct ImportProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var field: String
    public var reason: String

    public var description: String { "line \(line): \(field): \(reason)" }
}

/// What the store did with an imported article.
public enum ImportOutcome: Sendable, Hashable {
    case created(Int64)
    case updated(Int64)
}

/// Writing imported articles in batches, each batch one transaction.
public protocol ContentImporting: Sendable {
    /// Sections and authors are found by slug or created; an article whose external id exists is updated.
    func importArticles(_ batch: [ImportedArticle], now: Date) async throws -> [ImportOutcome]
}

/// Reads one import line.
public enum ImportLine {
    /// The author credited when a line names none.
    public static let defaultAuthor = "فريق التحرير"
    /// The section used when a line names none.
    public static let defaultSection = "متفرقات"

    public static func parse(
        _ line: Data, number: Int, dates: ImportDates, sanitizer: HTMLSanitizer = HTMLSanitizer()
    ) throws(ImportProblem) -> ImportedArticle {
        func problem(_ field: String, _ reason: String) -> ImportProblem {
            ImportProblem(line: number, field: field, reason: reason)
        }
        guard let object = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any] else {
            throw problem("line", "not a JSON object")
        }
        func text(_ key: String) -> String? {
            (object[key] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        }
        guard let title = text("title") else { throw problem("title", object["title"] == nil ? "missing" : "empty") }
        guard title.count <= 300 else { throw problem("title", "longer than 300 characters") }
        let body: SafeHTML
        if let html = text("html") {
            body = sanitizer.sanitize(html)
        } else if let plain = text("text") {
            body = sanitizer.sanitize(
                plain.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }.map { "<p>" + HTMLEscaping.escape($0) + "</p>" }.joined())
        } else if object["text"] != nil || object["html"] != nil {
            throw problem(object["html"] != nil ? "html" : "text", "empty")
        } else {
            throw problem("text", "missing (text or html)")
        }
        guard !body.isEmpty else { throw problem("text", "empty after cleaning") }
        let dateText = text("published_at") ?? text("date")
        guard let dateText else { throw problem("date", "missing (published_at or date)") }
        guard let published = dates.parse(dateText) ?? text("date").flatMap(dates.parse) else {
            throw problem("date", "unreadable date \"\(dateText)\" (ISO 8601, DD/MM/YYYY or RFC 822)")
        }
        let tags = (object["tags"] as? [Any])?.compactMap { ($0 as? String)?.nilIfEmpty } ?? []
        let section = text("section") ?? text("category_ar") ?? defaultSection
        guard !Slug.make(from: section).isEmpty else { throw problem("section", "no letters in \"\(section)\"") }
        let author = text("author") ?? defaultAuthor
        let url = text("url").flatMap(ImportLine.webURL)
        let sourceName = text("source") ?? url.flatMap { URLPolicy.host(of: $0) }
        let summary = text("abstract") ?? ""
        let externalID = text("id") ?? url ?? (title + "|" + dateText)
        return ImportedArticle(
            externalID: externalID, sectionName: section, authorName: author, title: title, summary: summary,
            body: body,
            tags: tags, source: sourceName.map { SourceCredit(name: $0, url: url) }, publishedAt: published,
            readingMinutes: ReadingTime.minutes(for: body),
            search: SearchDocument(title: title, summary: summary, bodyHTML: body.markup, tags: tags, author: author))
    }

    /// An http(s) URL with unsafe characters percent-encoded (corpus URLs often carry raw Arabic).
    static func webURL(_ raw: String) -> String? {
        let allowed = CharacterSet.urlQueryAllowed.union(.urlPathAllowed).union(CharacterSet(charactersIn: "%#"))
        guard let encoded = raw.addingPercentEncoding(withAllowedCharacters: allowed), URLPolicy.isWebLink(encoded)
        else {
            return nil
        }
        return encoded
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

extension ImportLine {
    /// Parses numbered lines in as many slices as there are cores, keeping their order; the lines
    /// that cannot be imported come back as problems.
    public static func parse(_ lines: [(number: Int, line: Data)]) async -> ([ImportedArticle], [ImportProblem]) {
        let slices = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let size = max(1, (lines.count + slices - 1) / slices)
        let results = await withTaskGroup(of: (Int, [ImportedArticle], [ImportProblem]).self) { group in
            for (index, start) in stride(from: 0, to: lines.count, by: size).enumerated() {
                let slice = Array(lines[start..<min(start + size, lines.count)])
                group.addTask {
                    let dates = ImportDates()
                    let sanitizer = HTMLSanitizer()
                    var articles: [ImportedArticle] = []
                    var problems: [ImportProblem] = []
                    for (number, line) in slice {
                        do throws(ImportProblem) {
                            articles.append(try parse(line, number: number, dates: dates, sanitizer: sanitizer))
                        } catch {
                            problems.append(error)
                        }
                        // Between lines the shared threads are free for others (a server, other tests).
                        await Task.yield()
                    }
                    return (index, articles, problems)
                }
            }
            var collected: [(Int, [ImportedArticle], [ImportProblem])] = []
            for await result in group { collected.append(result) }
            return collected.sorted { $0.0 < $1.0 }
        }
        return (results.flatMap(\.1), results.flatMap(\.2))
    }
}
