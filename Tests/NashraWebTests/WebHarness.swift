import Foundation
import Hummingbird
import HummingbirdTesting
import NashraCore
import NashraSQLite
import NashraTestSupport
import NashraWeb

/// A real Nashra app over a fresh SQLite file, with a fixed clock, for route tests.
struct WebHarness {
    static let baseURL = "https://news.example.com"
    static var themeDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Themes/default").path
    }

    let store: SQLiteStore
    let clock: FixedClock
    var given: Fixtures<SQLiteStore> { Fixtures(store: store, now: clock.now) }

    init() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-web-\(UUID().uuidString)")
            .path
        store = try SQLiteStore(directory: directory)
        clock = FixedClock()
    }

    /// Runs `test` against the app built exactly as `nashra serve` builds it.
    func withClient<T: Sendable>(_ test: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let config = WebConfig(
            baseURL: Self.baseURL, themeDirectory: Self.themeDirectory,
            secret: Array("test-secret-0123456789abcdef-0123".utf8))
        let app = try await buildApplication(config: config, store: store, clock: clock)
        return try await app.test(.router) { client in try await test(client) }
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

/// Percent-encodes a path segment as the site does.
func encoded(_ slug: String) -> String { SiteURLs.encode(slug) }
