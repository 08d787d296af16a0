import Crypto
import Foundation
import NashraSQLite

/// One archive holding a whole SQLite site: the database (copied with SQLite's online backup API,
/// so the site keeps running), the uploads and the rest of the data folder, and a manifest with the
/// SHA-256 of every file, checked before a restore puts anything in place.
public enum SiteBackup {
    public static let format = "nashra-backup/1"
    static let manifestName = "MANIFEST.json"
    static let databaseName = "nashra.sqlite"

    public struct Manifest: Codable, Sendable, Equatable {
        public struct File: Codable, Sendable, Equatable {
            public var name: String
            public var bytes: Int
            public var sha256: String
        }

        public var format: String
        public var backend: String
        public var created: Date
        public var files: [File]
    }

    /// Writes the archive of the site in `dataDirectory` to `archive`.
    @discardableResult
    public static func backup(store: SQLiteStore, dataDirectory: String, to archive: String) async throws -> Manifest {
        try await backup(backend: "sqlite", databaseFile: databaseName, dataDirectory: dataDirectory, to: archive) {
            try await store.backup(toPath: $0)
        }
    }

    /// Writes the archive: `snapshot` puts the database's copy at the path it is given.
    static func backup(
        backend: String, databaseFile: String, dataDirectory: String, to archive: String,
        snapshot write: (String) async throws -> Void
    ) async throws -> Manifest {
        let staging = FileManager.default.temporaryDirectory.appendingPathComponent(
            "nashra-backup-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: staging) }
        let snapshot = staging.appendingPathComponent(databaseFile).path
        try await write(snapshot)
        let partial = archive + ".partial"
        let writer = try TarWriter(path: partial)
        var files: [Manifest.File] = []
        func add(_ source: String, as name: String) throws {
            var hash = SHA256()
            let bytes = try writer.add(file: source, as: name) { hash.update(data: $0) }
            files.append(Manifest.File(name: name, bytes: bytes, sha256: hash.finalize().hexString))
        }
        try add(snapshot, as: databaseFile)
        for name in try otherFiles(in: dataDirectory) {
            try add((dataDirectory as NSString).appendingPathComponent(name), as: name)
        }
        let manifest = Manifest(format: format, backend: backend, created: Date(), files: files)
        try writer.add(data: try encoder.encode(manifest), as: manifestName)
        try writer.finish()
        // Only a complete archive takes the name: a failed backup never looks like a good one.
        if FileManager.default.fileExists(atPath: archive) { try FileManager.default.removeItem(atPath: archive) }
        try FileManager.default.moveItem(atPath: partial, toPath: archive)
        return manifest
    }

    /// Every file of the data folder but the live database's own, relative names, sorted.
    static func otherFiles(in directory: String) throws -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        var names: [String] = []
        while let name = walker.nextObject() as? String {
            let path = (directory as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                continue
            }
            // The live database is copied through the backup API; any other SQLite file is left out
            // rather than copied raw without its write-ahead log.
            let base = (name as NSString).lastPathComponent
            if base.hasPrefix(databaseName) || base.hasSuffix(".partial") || base.contains(".sqlite") { continue }
            names.append(name)
        }
        return names.sorted()
    }

    /// Unpacks `archive` into `dataDirectory`, which must not exist yet or be empty: a restore never
    /// overwrites a site. Every file is checked against the manifest, and the database opened and
    /// checked, in a folder beside the target before it takes the target's name.
    @discardableResult
    public static func restore(_ archive: String, into dataDirectory: String) async throws -> Manifest {
        try await restore(archive, into: dataDirectory, backend: "sqlite") { staging, _ in
            let store = try SQLiteStore(path: staging.appendingPathComponent(databaseName).path)
            if let problem = try await store.integrityProblem() {
                throw BackupError("the restored database is damaged: \(problem)")
            }
        }
    }

    /// The steps every restore shares: the target checked, the archive unpacked beside it and
    /// verified, `install` run on the unpacked folder, then the folder put in place.
    static func restore(
        _ archive: String, into dataDirectory: String, backend: String,
        install: (URL, Manifest) async throws -> Void
    ) async throws -> Manifest {
        let manager = FileManager.default
        try checkEmpty(dataDirectory)
        let target = URL(fileURLWithPath: dataDirectory).standardizedFileURL
        let staging = target.deletingLastPathComponent().appendingPathComponent(
            "." + target.lastPathComponent + ".restoring-" + UUID().uuidString)
        try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        var placed = false
        defer { if !placed { try? manager.removeItem(at: staging) } }
        let manifest = try unpack(archive, into: staging)
        guard manifest.backend == backend else {
            throw BackupError(
                "\(archive) is a \(manifest.backend) backup; restore it with a \(manifest.backend) database")
        }
        try await install(staging, manifest)
        // rmdir only removes an empty folder: one that filled up during the unpack is never lost.
        if manager.fileExists(atPath: target.path), rmdir(target.path) != 0 {
            throw BackupError("refusing to restore into \(dataDirectory): it is no longer empty")
        }
        try manager.moveItem(at: staging, to: target)
        placed = true
        return manifest
    }

    static func checkEmpty(_ dataDirectory: String) throws {
        let manager = FileManager.default
        guard manager.fileExists(atPath: dataDirectory) else { return }
        let contents = try manager.contentsOfDirectory(atPath: dataDirectory)
        if contents.contains(databaseName) {
            throw BackupError("refusing to restore over a site: \(dataDirectory) holds \(databaseName)")
        }
        guard contents.isEmpty else { throw BackupError("refusing to restore into \(dataDirectory): it is not empty") }
    }

    /// Every member written into `staging` and checked against the manifest.
    static func unpack(_ archive: String, into staging: URL) throws -> Manifest {
        let manager = FileManager.default
        let reader = try TarReader(path: archive)
        var seen: [String: Manifest.File] = [:]
        var manifest: Manifest?
        while let (name, size) = try reader.next() {
            if name == manifestName {
                var data = Data()
                try reader.copy(size: size, to: nil) { data.append($0) }
                manifest = try? decoder.decode(Manifest.self, from: data)
                continue
            }
            guard isSafe(name) else { throw BackupError("the archive holds an unsafe name: \(name)") }
            let destination = staging.appendingPathComponent(name)
            try manager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard manager.createFile(atPath: destination.path, contents: nil, attributes: [.posixPermissions: 0o600])
            else { throw BackupError("cannot write \(destination.path)") }
            let output = try FileHandle(forWritingTo: destination)
            var hash = SHA256()
            try reader.copy(size: size, to: output) { hash.update(data: $0) }
            try output.synchronize()
            try output.close()
            seen[name] = Manifest.File(name: name, bytes: size, sha256: hash.finalize().hexString)
        }
        guard let manifest, manifest.format == format else {
            throw BackupError("\(archive) is not a Nashra backup (no manifest of format \(format))")
        }
        for file in manifest.files where seen[file.name] != file {
            throw BackupError("\(file.name) does not match its checksum in the manifest: the archive is damaged")
        }
        guard seen.count == manifest.files.count else {
            throw BackupError("the archive holds files its manifest does not list")
        }
        return manifest
    }

    /// A relative name inside the folder: no absolute path, no `..`.
    static func isSafe(_ name: String) -> Bool {
        !name.hasPrefix("/") && !name.split(separator: "/").contains("..") && !name.contains("\0")
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

extension Digest {
    var hexString: String { map { String(format: "%02x", $0) }.joined() }
}
