import Foundation
import HummingbirdTesting
import NashraBackup
import NashraCore
import NashraDemo
import NashraSQLite
import NashraTestSupport
import Testing

/// Backups taken while the site runs, restored into a new place, as an administrator would.
@Suite("Backup and restore (SQLite)")
struct BackupRestoreTests {
    static func homePage(_ harness: WebHarness) async throws -> String {
        try await harness.withClient { client in String(buffer: try await client.get("/").body) }
    }

    @Test("a backup taken while the site serves and writes, restored into a new folder, serves the same home page")
    func restoredSiteServesTheSameHome() async throws {
        let harness = try WebHarness(onDisk: true)
        _ = try await DemoContent.seed(into: harness.store, now: harness.clock.now)
        let media = URL(fileURLWithPath: harness.directory).appendingPathComponent("media")
        try FileManager.default.createDirectory(at: media, withIntermediateDirectories: true)
        try Data("not really a picture".utf8).write(to: media.appendingPathComponent("kept.png"))
        let archive = harness.directory + "-backup.tar"
        defer { try? FileManager.default.removeItem(atPath: archive) }
        // Writes keep landing while the backup runs; the snapshot is consistent whatever it caught.
        let writer = Task {
            let given = harness.given
            let section = try await given.section("أثناء النسخ")
            let author = try await given.author("كاتب")
            for number in 0..<20 { _ = try await given.article("خبر \(number)", section: section, author: author) }
        }
        let manifest = try await SiteBackup.backup(store: harness.store, dataDirectory: harness.directory, to: archive)
        try await writer.value
        #expect(manifest.files.map(\.name).contains("media/kept.png"))
        #expect(manifest.files.allSatisfy { $0.sha256.count == 64 })

        let restoredFolder = harness.directory + "-restored"
        defer { try? FileManager.default.removeItem(atPath: restoredFolder) }
        try await SiteBackup.restore(archive, into: restoredFolder)
        #expect(
            FileManager.default.contents(atPath: restoredFolder + "/media/kept.png")
                == Data("not really a picture".utf8))
        let restored = try SQLiteStore(directory: restoredFolder)
        #expect(try await restored.integrityProblem() == nil)
        let copy = try WebHarness(store: restored, directory: restoredFolder)
        let home = try await copy.withClient { client in try await client.get("/") }
        #expect(home.status == .ok)
        let total = try await restored.articles(ArticleQuery(limit: 1), now: harness.clock.now).total
        let demo = try await harness.store.articles(ArticleQuery(limit: 1), now: harness.clock.now).total - 20
        #expect(total >= demo && total <= demo + 20, "the snapshot holds the demo and some of the writes")
    }

    @Test("an idle site restores to exactly the same home page")
    func idleSiteSameBytes() async throws {
        let harness = try WebHarness(onDisk: true)
        _ = try await DemoContent.seed(into: harness.store, now: harness.clock.now)
        let archive = harness.directory + "-backup.tar"
        let restoredFolder = harness.directory + "-restored"
        defer {
            try? FileManager.default.removeItem(atPath: archive)
            try? FileManager.default.removeItem(atPath: restoredFolder)
        }
        try await SiteBackup.backup(store: harness.store, dataDirectory: harness.directory, to: archive)
        try await SiteBackup.restore(archive, into: restoredFolder)
        let copy = try WebHarness(store: try SQLiteStore(directory: restoredFolder), directory: restoredFolder)
        #expect(try await Self.homePage(copy) == (try await Self.homePage(harness)))
    }

    @Test("a restore refuses a live site, a folder in use and a damaged archive, and leaves nothing behind")
    func refusals() async throws {
        let harness = try WebHarness(onDisk: true)
        _ = try await DemoContent.seed(into: harness.store, now: harness.clock.now)
        let archive = harness.directory + "-backup.tar"
        defer { try? FileManager.default.removeItem(atPath: archive) }
        try await SiteBackup.backup(store: harness.store, dataDirectory: harness.directory, to: archive)
        await #expect { try await SiteBackup.restore(archive, into: harness.directory) } throws: { error in
            "\(error)".contains("refusing to restore over a site")
        }
        let busy = harness.directory + "-busy"
        try FileManager.default.createDirectory(atPath: busy, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: busy + "/notes.txt"))
        defer { try? FileManager.default.removeItem(atPath: busy) }
        await #expect { try await SiteBackup.restore(archive, into: busy) } throws: { "\($0)".contains("not empty") }
        // One byte of the database changed in the archive: its checksum no longer matches.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: archive))
        bytes[512 + 4096] ^= 0xFF
        let damaged = archive + "-damaged.tar"
        try bytes.write(to: URL(fileURLWithPath: damaged))
        defer { try? FileManager.default.removeItem(atPath: damaged) }
        let target = harness.directory + "-from-damaged"
        await #expect { try await SiteBackup.restore(damaged, into: target) } throws: { "\($0)".contains("checksum") }
        #expect(!FileManager.default.fileExists(atPath: target))
        let parent = (target as NSString).deletingLastPathComponent
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: parent).filter {
            $0.contains(".restoring-")
        }
        #expect(leftovers.filter { $0.contains((target as NSString).lastPathComponent) }.isEmpty)
    }
}
