import Foundation

/// What an import did, per kind, and what it left out and why.
public struct WordPressImportReport: Sendable {
    public struct Count: Sendable, Hashable {
        public var imported = 0
        public var updated = 0
        public var skipped = 0
    }

    public var site = WXRChannel()
    public var dryRun = false
    /// Items a stopped run had already committed, passed over this time.
    public var resumedAfter = 0
    public var counts: [String: Count] = [:]
    /// Every item or comment left out, with its line and the reason.
    public var skipped: [ImportSkip] = []
    /// What was imported differently from WordPress (private posts kept as drafts…).
    public var notes: [ImportSkip] = []
    /// Shortcodes left as text, and how often.
    public var unknownShortcodes: [String: Int] = [:]

    public init() {}

    /// The kinds in the order the report prints them.
    public static let kinds = ["sections", "authors", "articles", "pages", "comments", "attachments", "redirects"]

    mutating func count(_ kind: String, _ change: (inout Count) -> Void) {
        change(&counts[kind, default: Count()])
    }

    /// The report as text: one line per kind, then what was left out.
    public var text: String {
        var lines = [
            "WordPress export: \(site.title) (WXR \(site.version ?? "?"))"
                + (dryRun ? " — dry run, nothing written" : "")
        ]
        if resumedAfter > 0 { lines.append("resumed after \(resumedAfter) items committed by a stopped run") }
        for kind in Self.kinds + counts.keys.filter({ !Self.kinds.contains($0) }).sorted() {
            let count = counts[kind] ?? Count()
            if kind == "redirects" {
                lines.append("redirects: \(count.imported) old addresses answer 301")
            } else {
                lines.append("\(kind): \(count.imported) imported, \(count.updated) updated, \(count.skipped) skipped")
            }
        }
        if !unknownShortcodes.isEmpty {
            lines.append(
                "shortcodes left as text: "
                    + unknownShortcodes.sorted { $0.key < $1.key }.map { "[\($0.key)] ×\($0.value)" }.joined(
                        separator: ", "))
        }
        for skip in skipped { lines.append("skipped: line \(skip.line): \(skip.kind): \(skip.reason)") }
        for note in notes { lines.append("note: line \(note.line): \(note.kind): \(note.reason)") }
        return lines.joined(separator: "\n")
    }
}

/// Imports a WordPress export (WXR 1.0–1.2) in two streaming readings of the file: the first checks
/// that the whole file is well-formed and learns its terms, authors and attachments (so a broken
/// file is refused before anything is written); the second converts and writes the posts in
/// batches, each one transaction with its checkpoint, so a stopped run goes on where it stopped and
/// a re-run updates instead of duplicating.
public struct WordPressImport: Sendable {
    public var path: String
    public var batchSize = 200
    public var dryRun = false
    /// A copy of the old site's `wp-content/uploads`: its pictures are imported when given.
    public var uploads: String?
    /// Where imported pictures' bytes go (the data folder's `media/`, the shared storage).
    public var mediaFiles: (any MediaFileWriting)?

    public init(path: String, dryRun: Bool = false) {
        self.path = path
        self.dryRun = dryRun
    }

    /// The first reading: the whole file, checked.
    /// - Throws: ``WXRError`` with the line and column of the first fault.
    public func scan() throws(WXRError) -> WordPressSite {
        let reader = try WXRReader(path: path)
        reader.skipsBodies = true
        var site = WordPressSite()
        // The version is checked once the first entry is read (it must come before), but a fault
        // in the XML anywhere is reported first: it is what a fixed file needs most.
        var versionProblem: WXRError?
        var versionChecked = false
        while let entry = try reader.next() {
            if !versionChecked {
                do { try Self.checkVersion(reader.channel, line: reader.line) } catch { versionProblem = error }
                versionChecked = true
            }
            site.learn(entry)
        }
        site.channel = reader.channel
        if let versionProblem { throw versionProblem }
        if !versionChecked { try Self.checkVersion(reader.channel, line: reader.line) }
        return site
    }

    static func checkVersion(_ channel: WXRChannel, line: Int) throws(WXRError) {
        guard let version = channel.version else {
            throw WXRError(
                line: line, column: 0,
                message: "no <wp:wxr_version> before the first entry: not a WordPress export (WXR 1.0 to 1.2 expected)")
        }
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2,
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            parts[0] == "1"
        else {
            throw WXRError(
                line: line, column: 0, message: "<wp:wxr_version> is \"\(version)\": WXR 1.0, 1.1 or 1.2 expected")
        }
    }

    /// A key naming this file: its size and a digest of its first megabyte.
    public func checkpointKey() throws -> String {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: 0)
        let start = try handle.read(upToCount: 1 << 20) ?? Data()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in start {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return "wordpress_import:\(size):" + String(hash, radix: 16)
    }

    /// Runs the import into `store`; `site` is this file's ``scan()`` when the caller has it already;
    /// `progress` hears (items done, items in the file).
    public func run(
        into store: some WordPressImporting, now: Date, sanitizer: HTMLSanitizer = HTMLSanitizer(),
        site scanned: WordPressSite? = nil, progress: @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws -> WordPressImportReport {
        // A caller that needs the site too (for accounts) scans once and hands it over.
        let site = try scanned ?? scan()
        var report = WordPressImportReport()
        report.site = site.channel
        report.dryRun = dryRun
        let taxonomy = WordPressMapping(site: site, sanitizer: sanitizer).taxonomy()
        let key = try checkpointKey()
        if dryRun {
            report.count("sections") { $0.imported = taxonomy.sections.count }
            report.count("authors") { $0.imported = taxonomy.authors.count }
        } else {
            let created = try await store.importTaxonomy(taxonomy)
            report.count("sections") {
                $0.imported = created.sections
                $0.updated = taxonomy.sections.count - created.sections
            }
            report.count("authors") {
                $0.imported = created.authors
                $0.updated = taxonomy.authors.count - created.authors
            }
            report.resumedAfter = try await store.importCheckpoint(key: key)
        }
        let redirects =
            taxonomy.sections.reduce(0) { $0 + $1.oldKeys.count }
            + taxonomy.authors.reduce(0) { $0 + $1.oldKeys.count } + taxonomy.tagKeys.count + taxonomy.pathKeys.count
        report.count("redirects") { $0.imported = redirects }
        var media = WordPressMedia()
        if let uploads {
            media = try await WordPressMedia.run(
                site: site, identity: site.identity, uploads: uploads, into: store, files: mediaFiles, dryRun: dryRun,
                now: now, report: &report)
        }
        let mapping = WordPressMapping(site: site, sanitizer: sanitizer, media: media)

        let reader = try WXRReader(path: path)
        var items = 0
        // Items are converted on every core, a chunk at a time, while the previous chunk's posts commit.
        var writing: (posts: [ImportedPost], task: Task<[ImportedPostOutcome], any Error>)?
        func collect() async throws {
            guard let (posts, task) = writing else { return }
            writing = nil
            for (post, outcome) in zip(posts, try await task.value) { record(post, outcome: outcome, into: &report) }
            progress(items, site.items)
        }
        var chunk: [WXRItem] = []
        func convertChunk() async throws {
            let converted = await Self.convert(chunk, with: mapping)
            chunk.removeAll(keepingCapacity: true)
            var posts: [ImportedPost] = []
            var pages: [ImportedPage] = []
            for item in converted {
                if let page = item.page { pages.append(page) }
                report.skipped += item.skips
                report.notes += item.notes
                report.unknownShortcodes.merge(item.unknownShortcodes, uniquingKeysWith: +)
                for skip in item.skips { report.count(Self.reportKind(skip.kind)) { $0.skipped += 1 } }
                if let post = item.post { posts.append(post) }
            }
            try await collect()
            // Pages are few: written at once, upserted again if a stopped run repeats their chunk.
            let createdPages = dryRun ? pages.map { _ in true } : try await store.importPages(pages, now: now)
            for (page, created) in zip(pages, createdPages) {
                report.count("pages") { if created { $0.imported += 1 } else { $0.updated += 1 } }
                report.count("redirects") { $0.imported += page.oldKeys.count }
            }
            if dryRun {
                for post in posts { record(post, outcome: nil, into: &report) }
            } else if !posts.isEmpty {
                let checkpoint = ImportCheckpoint(key: key, items: items)
                writing = (posts, Task { try await store.importPosts(posts, checkpoint: checkpoint, now: now) })
            }
        }
        while let entry = try reader.next() {
            guard case .item(let item) = entry else { continue }
            items += 1
            if items <= report.resumedAfter { continue }
            chunk.append(item)
            if chunk.count >= batchSize { try await convertChunk() }
        }
        try await convertChunk()
        try await collect()
        if !dryRun { try await store.clearImportCheckpoint(key: key) }
        return report
    }

    /// Converts items in as many slices as there are cores, keeping their order.
    static func convert(_ items: [WXRItem], with mapping: WordPressMapping) async -> [ConvertedItem] {
        let slices = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let size = max(1, (items.count + slices - 1) / slices)
        return await withTaskGroup(of: (Int, [ConvertedItem]).self) { group in
            for (index, start) in stride(from: 0, to: items.count, by: size).enumerated() {
                let slice = Array(items[start..<min(start + size, items.count)])
                group.addTask {
                    var converted: [ConvertedItem] = []
                    converted.reserveCapacity(slice.count)
                    for (number, item) in slice.enumerated() {
                        converted.append(mapping.convert(item))
                        // Long conversions give the shared threads back every few items: a server
                        // importing from the newsroom keeps answering.
                        if number % 8 == 7 { await Task.yield() }
                    }
                    return (index, converted)
                }
            }
            var results: [(Int, [ConvertedItem])] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }

    /// Posts are articles here; other item types keep WordPress's name.
    static func reportKind(_ kind: String) -> String {
        switch kind {
        case "post": "articles"
        case "comment": "comments"
        case "page": "pages"
        default: kind
        }
    }

    private func record(_ post: ImportedPost, outcome: ImportedPostOutcome?, into report: inout WordPressImportReport) {
        report.count("articles") { count in
            if outcome?.created ?? true { count.imported += 1 } else { count.updated += 1 }
        }
        report.count("comments") { count in
            count.imported += outcome?.commentsCreated ?? post.comments.count
            count.updated += outcome?.commentsUpdated ?? 0
        }
        report.count("redirects") { $0.imported += post.oldKeys.count }
    }
}
