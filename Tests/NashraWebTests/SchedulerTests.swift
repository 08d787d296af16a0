import Foundation
import NashraCore
import NashraSQLite
import NashraTestSupport
import Testing

extension RealBinaryTests {
    /// The scheduler publishes on time from inside the server, with no request arriving, and catches up
    /// after a restart. Runs the real binary, like the durability test.
    @Suite("Scheduled publishing", .serialized)
    struct SchedulerTests {
        static func schedule(_ title: String, at date: Date, in store: SQLiteStore) async throws -> Article {
            var section = try await store.sections().first
            if section == nil { section = try await store.createSection(NewSection(slug: "jadwala", name: "جدولة")) }
            guard let section else { throw CancellationError() }
            let author = try await store.createAuthor(
                NewAuthor(slug: "sched-\(UUID().uuidString.prefix(6).lowercased())", name: "كاتب"))
            let draft = ArticleDraft(
                title: title, bodyHTML: "<p>نص</p>", sectionID: section.id, authorID: author.id, status: .scheduled,
                publishedAt: date)
            return try await store.saveArticle(try draft.validated(), now: Date())
        }

        /// Waits up to `seconds` for the article to be published, reading the database only.
        static func waitPublished(_ id: Int64, in store: SQLiteStore, seconds: Double) async throws -> Date? {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if try await store.article(id: id)?.status == .published { return Date() }
                try await Task.sleep(for: .milliseconds(100))
            }
            return nil
        }

        @Test func aScheduledArticleGoesLiveOnTimeAndAfterARestart() async throws {
            let binary = try RealBinaryTests.binary()
            let data = FileManager.default.temporaryDirectory.appendingPathComponent(
                "nashra-sched-\(UUID().uuidString)"
            )
            .path
            defer { try? FileManager.default.removeItem(atPath: data) }
            let theme = DurabilityTests.root.appendingPathComponent("Themes/default").path
            var server = try DurabilityTests.Server(binary: binary, data: data, theme: theme)
            // Whichever server is running when the test ends is stopped, even when a check throws.
            defer { server.kill9() }
            let store = try SQLiteStore(directory: data)

            // Written by another process (as the editor would through the server), due in four seconds.
            let due = Date().addingTimeInterval(4)
            let article = try await Self.schedule("خبر مجدول", at: due, in: store)
            #expect(try await store.article(id: article.id)?.status == .scheduled)
            let live = try #require(try await Self.waitPublished(article.id, in: store, seconds: 10))
            #expect(live.timeIntervalSince(due) < 5, "live \(live.timeIntervalSince(due)) s after its time")
            let page = try DurabilityTests.run(
                "/usr/bin/env", ["curl", "-sf", server.base + "/news/" + encoded(article.slug)])
            #expect(HTMLDocument(page).first("//h1")?.text == "خبر مجدول")

            // Due while the server is down: published as soon as it is back.
            server.kill9()
            let missed = try await Self.schedule("خبر فات موعده", at: Date().addingTimeInterval(1), in: store)
            try await Task.sleep(for: .seconds(2))
            #expect(try await store.article(id: missed.id)?.status == .scheduled)
            server = try DurabilityTests.Server(binary: binary, data: data, theme: theme)
            #expect(try await Self.waitPublished(missed.id, in: store, seconds: 5) != nil)
        }
    }
}
