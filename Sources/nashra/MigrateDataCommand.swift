import ArgumentParser
import Foundation
import NashraCore
import NashraPostgres
import NashraSQLite

/// `nashra migrate-data`: moves a SQLite site into PostgreSQL with its ids, then checks the counts.
struct MigrateDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-data",
        abstract: "Copy a SQLite site into PostgreSQL: articles, revisions, comments, users, media, settings, audit.",
        discussion: """
            Example: nashra migrate-data --from sqlite:./nashra-data/nashra.sqlite \
            --to 'postgres://nashra:secret@db:5432/nashra?sslmode=require'
            Rows keep their ids and are matched by their keys, so a second run changes nothing and a run \
            after more writes to the source brings them over. Uploads are read from the media folder beside \
            the SQLite file. Copy into a new database (or one made by an earlier run): nodes started on an \
            empty database fill it with the demo, so start them after, or with --no-demo.
            """)

    @Option(help: "sqlite:PATH of the site to copy.") var from: String
    @Option(help: "postgres://user:password@host:port/name?sslmode=… to copy into.") var to: String
    @Flag(help: "Copy sign-in sessions too (without it, everyone signs in again).") var sessions = false

    func run() async throws {
        guard case .sqlite(let path) = try DatabaseLocation(from, dataDirectory: ".") else {
            throw ValidationError("--from: give the SQLite file as sqlite:PATH")
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("--from: \(path) does not exist")
        }
        let target = try DatabaseLocation(to, dataDirectory: ".")
        guard case .postgres = target else {
            throw ValidationError("--to: give the PostgreSQL database as postgres://user:password@host:port/name")
        }
        let source = SQLiteTransferSource(
            store: try SQLiteStore(path: path),
            mediaDirectory: ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("media"))
        let backend = try await target.open()
        defer { backend.close() }
        guard let store = backend.store as? PostgresStore else { throw ValidationError("--to: not PostgreSQL") }
        let interactive = isatty(STDERR_FILENO) == 1
        let report = try await DataTransfer.copy(from: source, to: store, sessions: sessions) { table, rows in
            if interactive { FileHandle.standardError.write(Data("\r\(table): \(rows) rows\u{1B}[K".utf8)) }
        }
        if interactive { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        for table in report.tables {
            let state = table.target >= table.source ? "ok" : "MISSING \(table.source - table.target)"
            print("\(table.table): \(table.source) in the source, \(table.target) in the target, \(state)")
        }
        print("media files: \(report.mediaFiles) copied")
        for name in report.missingMediaFiles { print("media file missing from the source folder: \(name)") }
        print("search index: \(report.indexed) articles")
        guard report.mismatches.isEmpty else {
            throw StartupProblem(
                description:
                    "the target has fewer rows than the source in \(report.mismatches.map(\.table).joined(separator: ", "))"
            )
        }
    }
}
