import Foundation
import Hummingbird
import HummingbirdTesting
import NashraCore
import NashraSQLite
import NashraTestSupport
import NashraWeb
import Testing

/// A real Nashra app over a fresh SQLite database (in memory unless the file is the point), with a
/// fixed clock, for route tests. Its folder (uploads, the file) is removed when the harness goes.
final class WebHarness: Sendable {
    static let baseURL = "https://news.example.com"
    static var themeDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Themes/default").path
    }

    let store: SQLiteStore
    let clock: FixedClock
    /// The data folder: the database, and `media/` for uploads.
    let directory: String
    static let setupToken = "test-setup-token-0123"
    /// bcrypt at its lowest cost, so signing in does not slow the suite.
    static let passwords = Passwords(cost: 4)
    var given: Fixtures<SQLiteStore> { Fixtures(store: store, now: clock.now) }

    init(onDisk: Bool = false) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-web-\(UUID().uuidString)")
            .path
        self.directory = directory
        store = onDisk ? try SQLiteStore(directory: directory) : try SQLiteStore.inMemory()
        clock = FixedClock()
    }

    /// A harness over a store someone else opened (a restored site); its folder goes with it.
    init(store: SQLiteStore, directory: String) {
        self.store = store
        self.directory = directory
        clock = FixedClock()
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs `test` against the app built exactly as `nashra serve` builds it.
    /// `trustProxy` reads client addresses from `X-Forwarded-For`, so a test can play several addresses.
    /// Runs `test` against the app; `.live` starts it on a free port, with its channel handlers.
    /// `cache` and `connections` replace the defaults (to read the cache's counters, or shorten the
    /// connection guard's clocks). Pictures get no copies unless a `resizer` is given (the picture
    /// tests), so the other suites start no libvips process.
    func withClient<T: Sendable>(
        trustProxy: Bool = false, baseURL: String = WebHarness.baseURL, mode: TestingSetup = .router,
        cache: PageCache? = nil, connections: ConnectionLimits? = nil, resizer: VipsResizer? = nil,
        _ test: @Sendable (any TestClientProtocol) async throws -> T
    ) async throws -> T {
        var config = WebConfig(
            baseURL: baseURL, themeDirectory: Self.themeDirectory,
            secret: Array("test-secret-0123456789abcdef-0123".utf8), trustProxy: trustProxy)
        config.passwordCost = 4
        config.port = 0
        config.mediaDirectory = directory + "/media"
        config.setupToken = Self.setupToken
        config.imageResizer = resizer
        if let connections { config.connections = connections }
        let app = try await buildApplication(config: config, store: store, clock: clock, cache: cache)
        return try await app.test(mode) { client in try await test(client) }
    }
}

extension TestClientProtocol {
    /// GET a path and return the response.
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await executeRequest(uri: uri, method: .get, headers: headers, body: nil)
    }

    /// GET a page and parse it.
    func page(_ uri: String) async throws -> (TestResponse, HTMLDocument) {
        let response = try await get(uri)
        return (response, HTMLDocument(String(buffer: response.body)))
    }
}

extension WebHarness {
    /// Waits until no picture is pending (their copies made or refused), up to `seconds`.
    func picturesSettled(within seconds: Double = 120) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while try await !store.mediaAwaitingVariants(limit: 1).isEmpty {
            guard Date() < deadline else {
                Issue.record("pictures still pending after \(Int(seconds)) s")
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// A newsroom user with `password`, made directly in the store.
    @discardableResult
    func user(_ email: String, role: Role, name: String? = nil, password: String = "correct-horse-battery")
        async throws -> User
    {
        try await store.createUser(
            NewUser(email: email, name: name ?? email, role: role, passwordHash: Self.passwords.hash(password)),
            now: clock.now)
    }
}

/// Percent-encodes a path segment as the site does.
func encoded(_ slug: String) -> String { SiteURLs.encode(slug) }
