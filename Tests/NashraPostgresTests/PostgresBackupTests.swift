import Foundation
import NashraBackup
import NashraCore
import NashraDemo
import NashraPostgres
import NashraTestSupport
import Testing

/// `nashra backup` and `nashra restore` on PostgreSQL: pg_dump and pg_restore inside our archive.
@Suite("PostgreSQL backup and restore")
struct PostgresBackupTests {
    @Test("a backup restored into an empty database holds the same site; a database with tables is refused")
    func backupAndRestore() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "nashra-pg-backup-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("site").path
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        try Data(repeating: 7, count: 32).write(to: URL(fileURLWithPath: data + "/secret.key"))
        let archive = folder.appendingPathComponent("site.tar").path
        let now = FixedClock().now
        let sourceURL = try PostgresURL(try await PostgresTestCluster.shared.freshDatabaseURL("backup source"))
        let source = try await PostgresStore(url: sourceURL)
        defer { source.close() }
        _ = try await DemoContent.seed(into: source, now: now)
        let manifest = try await PostgresBackup.backup(url: sourceURL, dataDirectory: data, to: archive)
        #expect(manifest.backend == "postgres")
        #expect(Set(manifest.files.map(\.name)) == ["postgres.dump", "secret.key"])

        let targetURL = try PostgresURL(try await PostgresTestCluster.shared.freshDatabaseURL("backup target"))
        let restoredData = folder.appendingPathComponent("restored").path
        try await PostgresBackup.restore(archive, url: targetURL, into: restoredData)
        #expect(FileManager.default.contents(atPath: restoredData + "/secret.key") == Data(repeating: 7, count: 32))
        #expect(!FileManager.default.fileExists(atPath: restoredData + "/postgres.dump"))
        let target = try await PostgresStore(url: targetURL)
        defer { target.close() }
        let before = try await source.articles(ArticleQuery(limit: 100), now: now)
        let after = try await target.articles(ArticleQuery(limit: 100), now: now)
        #expect(after.total == before.total)
        #expect(after.items == before.items)
        #expect(try await target.sections() == (try await source.sections()))
        #expect(try await target.settings() == (try await source.settings()))

        let again = folder.appendingPathComponent("again").path
        await #expect { try await PostgresBackup.restore(archive, url: targetURL, into: again) } throws: {
            "\($0)".contains("already holds tables")
        }
        #expect(!FileManager.default.fileExists(atPath: again))
    }
}
