import ArgumentParser
import Foundation
import NashraBackup
import NashraCore
import NashraPostgres
import NashraSQLite

/// `nashra backup OUT`: the whole site in one checksummed archive, while it runs.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write the whole site (database, uploads, data folder) into one checksummed archive.",
        discussion: """
            SQLite: the database is copied with SQLite's online backup API, so the site keeps serving and writing; \
            the uploads and the rest of the data folder follow, and a manifest with the SHA-256 of every file ends \
            the archive (a tar file). PostgreSQL: the database goes through pg_dump (custom format) instead. The \
            archive holds readers' emails and password hashes: keep it private.
            """
    )

    @OptionGroup var options: DataOptions
    @Argument(help: "The archive to write (.tar).") var output: String

    func run() async throws {
        let settings = try options.settings()
        let directory = settings.dataDirectory(options.data)
        let started = Date()
        let manifest: SiteBackup.Manifest
        switch try options.databaseLocation() {
        case .sqlite(let path):
            let store = try SQLiteStore(path: path)
            manifest = try await SiteBackup.backup(store: store, dataDirectory: directory, to: output)
        case .postgres(let url):
            manifest = try await PostgresBackup.backup(url: url, dataDirectory: directory, to: output)
        }
        let bytes = manifest.files.reduce(0) { $0 + $1.bytes }
        print(
            "backed up \(manifest.files.count) files (\(bytes) bytes, \(manifest.backend)) to \(output) in "
                + String(format: "%.1f s", Date().timeIntervalSince(started)))
    }
}

/// `nashra restore IN --data DIR`: a backup unpacked into a new place, checked before it is used.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup into an empty data folder (and, for PostgreSQL, an empty database).",
        discussion: """
            Refuses to write over a site: the data folder must not exist or be empty, and a PostgreSQL database \
            must hold no tables. Every file is checked against the archive's SHA-256 manifest and the database is \
            opened and checked before the folder takes its name.
            """
    )

    @OptionGroup var options: DataOptions
    @Argument(help: "The archive written by nashra backup.") var input: String

    func run() async throws {
        guard options.data != nil else { throw ValidationError("restore needs --data DIR: the new site's folder") }
        let settings = try options.settings()
        let directory = settings.dataDirectory(options.data)
        let manifest: SiteBackup.Manifest
        switch try options.databaseLocation() {
        case .sqlite:
            manifest = try await SiteBackup.restore(input, into: directory)
        case .postgres(let url):
            manifest = try await PostgresBackup.restore(input, url: url, into: directory)
        }
        print(
            "restored \(manifest.files.count) files (\(manifest.backend), made \(manifest.created)) into \(directory)")
    }
}
