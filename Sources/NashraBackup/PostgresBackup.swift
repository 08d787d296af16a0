import Foundation
import NashraPostgres

/// Backups of a PostgreSQL site: the database through `pg_dump` (custom format) in the same archive
/// as the data folder, restored with `pg_restore` into a database that holds no tables yet.
public enum PostgresBackup {
    static let dumpName = "postgres.dump"

    public static func backup(url: PostgresURL, dataDirectory: String, to archive: String) async throws
        -> SiteBackup.Manifest
    {
        try await SiteBackup.backup(
            backend: "postgres", databaseFile: dumpName, dataDirectory: dataDirectory, to: archive
        ) { path in
            try run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file=\(path)"], url: url)
        }
    }

    public static func restore(_ archive: String, url: PostgresURL, into dataDirectory: String) async throws
        -> SiteBackup.Manifest
    {
        try SiteBackup.checkEmpty(dataDirectory)
        let tables = try run(
            "psql",
            [
                "--no-psqlrc", "--tuples-only", "--no-align", "--command",
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'",
            ], url: url)
        guard tables.trimmingCharacters(in: .whitespacesAndNewlines) == "0" else {
            throw BackupError("refusing to restore over a site: the database \(url.database) already holds tables")
        }
        return try await SiteBackup.restore(archive, into: dataDirectory, backend: "postgres") { staging, _ in
            let dump = staging.appendingPathComponent(dumpName)
            try run(
                "pg_restore", ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", dump.path],
                url: url)
            try FileManager.default.removeItem(at: dump)
        }
    }

    /// Runs a PostgreSQL client program against `url` (the password through the environment, never
    /// the command line); its output, or its error as a ``BackupError``.
    @discardableResult
    static func run(_ program: String, _ arguments: [String], url: PostgresURL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try locate(program))
        process.arguments =
            [
                "--host=\(url.host)", "--port=\(url.port)", "--username=\(url.username)",
                "--dbname=\(url.database)",
            ] + arguments
        var environment = ProcessInfo.processInfo.environment
        if let password = url.password { environment["PGPASSWORD"] = password }
        environment["PGSSLMODE"] = url.sslMode.rawValue
        environment["PGCONNECT_TIMEOUT"] = "10"
        process.environment = environment
        // Errors go to a file, not a second pipe: a program filling one pipe while we read the other
        // would wait forever.
        let errorsPath = FileManager.default.temporaryDirectory.appendingPathComponent(
            "nashra-\(program)-" + UUID().uuidString)
        guard FileManager.default.createFile(atPath: errorsPath.path, contents: nil) else {
            throw BackupError("cannot write \(errorsPath.path)")
        }
        defer { try? FileManager.default.removeItem(at: errorsPath) }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorsPath)
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let err = (try? Data(contentsOf: errorsPath)) ?? Data()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: err, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw BackupError(
                "\(program) failed: \(message.split(separator: "\n").first ?? "exit \(process.terminationStatus)")")
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The program on PATH, else in Debian's versioned PostgreSQL folders (newest first).
    static func locate(_ program: String) throws -> String {
        let manager = FileManager.default
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(folder)/\(program)"
            if manager.isExecutableFile(atPath: path) { return path }
        }
        let versions = (try? manager.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
            let path = "/usr/lib/postgresql/\(version)/bin/\(program)"
            if manager.isExecutableFile(atPath: path) { return path }
        }
        throw BackupError("\(program) not found (PostgreSQL's client programs: apt install postgresql-client)")
    }
}
