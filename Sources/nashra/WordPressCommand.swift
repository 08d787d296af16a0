import ArgumentParser
import Foundation
import NashraCore
import NashraWeb

/// `nashra wordpress …`: moving a WordPress site in.
struct WordPressCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wordpress",
        abstract: "Move a WordPress site in (WXR export files).",
        subcommands: [WordPressImportCommand.self, WordPressExportCommand.self]
    )
}

/// `nashra wordpress import FILE.xml`.
struct WordPressImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a WordPress export (Tools → Export → All content; WXR 1.0 to 1.2).",
        discussion: """
            Posts become articles (with their state, dates, slug, excerpt, comment status), categories become \
            sections with their parents, tags stay tags, authors become bylines, comments keep their threads and \
            states (the email is kept for moderation, never shown; the IP is not kept). Every old address \
            (permalink, ?p=ID, dated permalinks, /category/, /tag/, /author/, /feed/, attachment pages) answers \
            301 to the new one. The file is read twice, streaming: first checked whole (a broken file is refused \
            with its line and column before anything is written), then imported in batches. A re-run updates by \
            WordPress id instead of duplicating; a run that was stopped goes on where it stopped.
            """
    )

    @OptionGroup var options: DataOptions
    @Argument(help: "The WXR (.xml) export.") var file: String
    @Option(
        help:
            "A copy of the old site's wp-content/uploads folder: its pictures become ours (featured images, bodies, galleries)."
    )
    var uploads: String?
    @Flag(
        help:
            "Also make a newsroom account (role author, no password until nashra user passwd) for each author with an email."
    )
    var accounts = false
    @Flag(help: "Read and convert everything, write nothing, and report what would be imported.") var dryRun = false
    @Option(help: "Also write the report to this file.") var report: String?
    @Option(help: "Posts per transaction.") var batch = 200

    func run() async throws {
        guard FileManager.default.isReadableFile(atPath: file) else { throw ValidationError("cannot read \(file)") }
        var importer = WordPressImport(path: file, dryRun: dryRun)
        importer.batchSize = max(1, batch)
        if let uploads {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: uploads, isDirectory: &isFolder), isFolder.boolValue else {
                throw ValidationError("uploads: \(uploads) is not a folder (a copy of wp-content/uploads)")
            }
            importer.uploads = uploads
        }
        let backend = try await options.openBackend()
        let mediaFolder = (try options.settings().dataDirectory(options.data) as NSString).appendingPathComponent(
            "media")
        importer.mediaFiles = MediaFiles(directory: mediaFolder, shared: backend.media)
        defer { backend.close() }
        let started = Date()
        let interactive = isatty(STDERR_FILENO) == 1
        var result: WordPressImportReport
        do {
            let site = try importer.scan()
            result = try await importer.run(into: backend.store, now: Date(), site: site) { done, total in
                if interactive { FileHandle.standardError.write(Data("\rimporting: \(done) of \(total) items".utf8)) }
            }
            if accounts, !dryRun {
                try await WordPressAccounts.create(
                    for: try importer.scan(), in: backend.store, now: Date(), report: &result)
            }
        } catch let error as WXRError {
            throw ImportRefused(description: "\(file): \(error)")
        }
        if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
        if !dryRun, (result.counts["articles"].map { $0.imported + $0.updated } ?? 0) > 0 {
            try await backend.store.optimizeSearchIndex()
        }
        let seconds = max(Date().timeIntervalSince(started), 0.001)
        let posts = result.counts["articles"].map { $0.imported + $0.updated } ?? 0
        let text =
            result.text + "\n"
            + "\(posts) posts in \(String(format: "%.1f", seconds)) s (\(Int(Double(posts) / seconds)) posts/s)"
        print(text)
        if !dryRun, (result.counts["attachments"]?.imported ?? 0) > 0 {
            print(
                "pictures' resized copies are made when the site next starts, or now with: nashra media regenerate --pending-only"
            )
        }
        if let report { try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: report)) }
    }
}

/// A file the importer cannot read, named with the place at fault.
struct ImportRefused: Error, CustomStringConvertible {
    let description: String
}

/// `nashra wordpress export FILE.xml`.
struct WordPressExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the whole site as a WordPress export (WXR 1.2).",
        discussion: """
            Every article in every state with its section (as a category, parents kept), tags, byline and comments \
            (threads and states, emails included: keep the file private), and the uploads as attachments by URL. \
            WordPress's importer reads it; `nashra wordpress import` reads it back without loss.
            """
    )

    @OptionGroup var options: DataOptions
    @Argument(help: "The .xml file to write.") var file: String
    @Option(help: "The site's public address, for links and attachment URLs (else NASHRA_BASE_URL or the config).")
    var baseURL: String?

    func run() async throws {
        let settings = try options.settings()
        let base = settings.value(baseURL, env: "NASHRA_BASE_URL", key: "baseURL", default: "http://127.0.0.1:8080")
        guard WebConfig.validateBaseURL(base) else {
            throw ValidationError("base-url: \(base) must be an absolute http(s) URL without query or fragment")
        }
        let backend = try await options.openBackend()
        defer { backend.close() }
        let summary = try await WordPressExport(baseURL: base).run(from: backend.store, to: file)
        print(
            "exported \(summary.articles) articles, \(summary.pages) pages, \(summary.comments) comments, "
                + "\(summary.sections) sections, \(summary.authors) authors, \(summary.attachments) attachments to \(file)"
        )
    }
}
