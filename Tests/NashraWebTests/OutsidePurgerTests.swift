import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOConcurrencyHelpers
import NashraWeb
import Testing

/// The purges Nashra sends to a cache in front of it, received by a real HTTP server.
@Suite("Outside purges")
struct OutsidePurgerTests {
    /// What a stand-in for Varnish was sent: (method, Surrogate-Key) per request.
    final class Received: Sendable {
        private let requests = NIOLockedValueBox<[(method: String, keys: String)]>([])
        var all: [(method: String, keys: String)] { requests.withLockedValue { $0 } }
        func add(_ method: String, _ keys: String) { requests.withLockedValue { $0.append((method, keys)) } }
    }

    /// Runs `body` with a live server that records every request and answers `status`.
    func withCache(status: HTTPResponse.Status = .ok, _ body: @Sendable (Int, Received) async throws -> Void)
        async throws
    {
        let received = Received()
        let router = Router()
        router.on("/purge", method: HTTPRequest.Method("PURGE")!) { request, _ -> Response in
            received.add(request.method.rawValue, request.headers[HTTPField.Name("Surrogate-Key")!] ?? "")
            return Response(status: status)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body(try #require(client.port), received)
        }
    }

    func purger(_ port: Int, repeatAfter: [Duration]) throws -> OutsidePurger {
        guard case .success(let target) = OutsidePurger.Target.parse("http://127.0.0.1:\(port)/purge") else {
            throw CancellationError()
        }
        return OutsidePurger(
            targets: [target], logger: Logger(label: "test"), retryDelays: [.milliseconds(10)], repeatAfter: repeatAfter
        )
    }

    // The bounds are long because the whole test run starts at once on two cores: in one CI run a
    // test of this suite that only parses URLs took 16 s to be scheduled, and the purges' repeats
    // wait on the same starved threads.
    @Test func aPurgeNamesTheKeysAndIsSentAgainLater() async throws {
        try await withCache { port, received in
            try purger(port, repeatAfter: [.milliseconds(100), .milliseconds(100)]).purge([
                "home", "article-12", "section-3",
            ])
            try await eventually("the purge and its two repeats arrive", within: 120) { received.all.count == 3 }
            for request in received.all {
                #expect(request.method == "PURGE")
                #expect(request.keys == "article-12 home section-3", "sorted, space-separated keys")
            }
        }
    }

    @Test func aRefusedPurgeIsNotRetried() async throws {
        try await withCache(status: .forbidden) { port, received in
            try purger(port, repeatAfter: []).purge(["all"])
            try await eventually("the purge arrives", within: 120) { received.all.count == 1 }
            // A later purge arrives too, so the first was not still being retried before it.
            try purger(port, repeatAfter: []).purge(["home"])
            try await eventually("the second purge arrives", within: 120) { received.all.count >= 2 }
            #expect(received.all.map(\.keys) == ["all", "home"])
        }
    }

    @Test func nothingIsSentForNoKeys() async throws {
        try await withCache { port, received in
            let purger = try purger(port, repeatAfter: [])
            purger.purge([])
            purger.purge(["feeds"])
            try await eventually("the purge with keys arrives", within: 120) { received.all.count == 1 }
            #expect(received.all.map(\.keys) == ["feeds"])
        }
    }

    @Test func onlyPlainHTTPURLsWithAHostAreTargets() throws {
        guard case .success(let plain) = OutsidePurger.Target.parse("http://cache.internal") else {
            Issue.record("a plain http URL is a target")
            return
        }
        #expect(plain.host == "cache.internal" && plain.port == 80 && plain.path == "/")
        for refused in ["https://cache.internal/", "cache.internal", "http:///purge", "ftp://cache/"] {
            if case .success = OutsidePurger.Target.parse(refused) { Issue.record("\(refused) was taken") }
        }
    }
}
