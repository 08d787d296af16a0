import Foundation
import NashraCore
import NashraPostgres
import NashraTestSupport
import Testing

/// What nodes on one database share: each check opens two stores on one database, as two nodes would.
@Suite("PostgreSQL shared state")
struct SharedStateTests {
    /// Two stores (two nodes) on one new database.
    func twoNodes(_ label: String = #function) async throws -> (PostgresStore, PostgresStore) {
        let url = try PostgresURL(try await PostgresTestCluster.shared.freshDatabaseURL(label))
        return (try await PostgresStore(url: url), try await PostgresStore(url: url))
    }

    @Test func theFirstSecretStoredIsEveryonesSecret() async throws {
        let (a, b) = try await twoNodes()
        defer {
            a.close()
            b.close()
        }
        let first = try await a.sharedSecret(named: "signing", proposal: Array(repeating: 1, count: 32))
        let second = try await b.sharedSecret(named: "signing", proposal: Array(repeating: 2, count: 32))
        #expect(first == Array(repeating: 1, count: 32))
        #expect(second == first)
    }

    @Test func rateLimitsHoldAcrossNodesUnderParallelAttempts() async throws {
        let (a, b) = try await twoNodes()
        defer {
            a.close()
            b.close()
        }
        let now = Date()
        let refused = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<20 {
                let node = index.isMultiple(of: 2) ? a : b
                group.addTask {
                    try await node.rateAttempt(
                        bucket: "comments-ip", key: "10.0.0.1", limit: 5, window: 600, record: true, now: now) != nil
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(refused == 15, "exactly five of twenty parallel attempts on two nodes pass")
        let wait = try await a.rateAttempt(
            bucket: "comments-ip", key: "10.0.0.1", limit: 5, window: 600, record: false,
            now: now.addingTimeInterval(100))
        #expect(wait == 500)
        #expect(
            try await b.rateAttempt(
                bucket: "comments-ip", key: "10.0.0.1", limit: 5, window: 600, record: false,
                now: now.addingTimeInterval(601)) == nil, "the window slides")
        #expect(
            try await b.rateAttempt(
                bucket: "comments-email", key: "10.0.0.1", limit: 5, window: 600, record: false, now: now)
                == nil, "buckets are apart")
    }

    @Test func aWriteOnOneNodeIsAnnouncedToTheOther() async throws {
        let (a, b) = try await twoNodes()
        defer {
            a.close()
            b.close()
        }
        let heard = Heard()
        let listening = Task {
            for await version in b.contentChanges() { heard.add(version) }
        }
        defer { listening.cancel() }
        // Listening starts on a connection of its own, at a moment nobody announces: writes go on
        // until one is heard, and what is heard is what was written.
        var written: [Int64] = []
        let deadline = Date().addingTimeInterval(30)
        while heard.versions.isEmpty, Date() < deadline {
            _ = try await a.createSection(NewSection(name: "قسم \(written.count)"))
            written.append(try await a.contentVersion())
            try await Task.sleep(for: .milliseconds(50))
        }
        let versions = heard.versions
        #expect(!versions.isEmpty, "no notice after \(written.count) writes")
        #expect(Set(versions).isSubset(of: Set(written)))
    }

    @Test func onlyOneRunsUnderALockAtATime() async throws {
        let (a, b) = try await twoNodes()
        defer {
            a.close()
            b.close()
        }
        let inside = Counter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<6 {
                let node = index.isMultiple(of: 2) ? a : b
                group.addTask {
                    try await node.exclusively("demo-seed") {
                        let now = inside.enter()
                        #expect(now == 1, "alone under the lock")
                        try await Task.sleep(for: .milliseconds(30))
                        inside.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(inside.most == 1)
    }

    @Test func ifFreeSkipsALockAnotherNodeHolds() async throws {
        let (a, b) = try await twoNodes()
        defer {
            a.close()
            b.close()
        }
        let (entered, enter) = AsyncStream.makeStream(of: Void.self)
        let (released, release) = AsyncStream.makeStream(of: Void.self)
        let holder = Task {
            try await a.exclusively("search-reindex") {
                enter.yield()
                for await _ in released { break }
            }
        }
        for await _ in entered { break }
        let skipped = try await b.ifFree("search-reindex") { "ran" }
        #expect(skipped == nil, "the other node holds the lock: no wait, no run")
        release.yield()
        try await holder.value
        #expect(try await b.ifFree("search-reindex") { "ran" } == "ran", "free again once released")
    }

    @Test func twoNodesStartingTogetherRebuildTheIndexOnce() async throws {
        let (a, b) = try await twoNodes()
        defer {
            a.close()
            b.close()
        }
        let given = Fixtures(store: a, now: FixedClock().now)
        let section = try await given.section("دولي")
        let author = try await given.author("كاتب")
        _ = try await given.article("قمة المناخ", section: section, author: author)
        try await a.recordSearchAnalyzerVersion(1)
        async let first = SearchIndexUpgrade.run(a, shared: a)
        async let second = SearchIndexUpgrade.run(b, shared: b)
        let results = [try await first, try await second]
        #expect(results.compactMap { $0 } == [SearchIndexUpgrade.Rebuilt(from: 1, articles: 1)])
        #expect(try await b.searchAnalyzerVersion() == ArabicAnalyzer.version)
    }

    @Test func mediaBytesAreReadByEveryNode() async throws {
        let (a, b) = try await twoNodes()
        defer {
            a.close()
            b.close()
        }
        let bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0, 1, 2]
        try await a.storeMedia(fileName: "abcdefgh.jpg", bytes: bytes)
        #expect(try await b.mediaBytes(fileName: "abcdefgh.jpg") == bytes)
        #expect(try await b.mediaBytes(fileName: "missing1.jpg") == nil)
    }
}

/// How many bodies run at once, and the most there ever were.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var now = 0
    private(set) var most = 0

    func enter() -> Int {
        lock.withLock {
            now += 1
            most = max(most, now)
            return now
        }
    }

    func leave() {
        lock.withLock { now -= 1 }
    }
}

/// Versions a listener heard.
final class Heard: @unchecked Sendable {
    private let lock = NSLock()
    private var heard: [Int64] = []

    func add(_ version: Int64) { lock.withLock { heard.append(version) } }
    var versions: [Int64] { lock.withLock { heard } }
}
