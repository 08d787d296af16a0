import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NashraCore
import NashraSQLite
import NashraTestSupport
import Testing

@testable import NashraWeb

/// Pages answered from the cache before the router: the same answer the route gives, never for a
/// request the route would answer differently.
@Suite("Cached pages before the router")
struct CachedPageResponderTests {
    /// Every header but `Date`, in order, as name-value pairs.
    static func fields(_ response: TestResponse) -> [String] {
        response.headers.filter { $0.name != .date }.map { "\($0.name.rawName): \($0.value)" }
    }

    static func cache() -> PageCache { PageCache(lifetime: 60, limit: 5000) }

    @Test func aPageFromTheCacheIsTheRoutesPageByteForByte() async throws {
        let harness = try WebHarness()
        let article = try await HTTPBehaviourTests.oneArticle(harness)
        let cache = Self.cache()
        try await harness.withClient(cache: cache) { client async throws in
            let section = "/section/" + encoded(article.section.slug)
            for path in ["/news/" + encoded(article.slug), "/", section, section + "?page=1", "/feed"] {
                for encoding in ["gzip", "br", "identity"] {
                    let first = try await client.get(path, headers: [.acceptEncoding: encoding])
                    let before = cache.answerCounts.beforeRouter
                    let second = try await client.get(path, headers: [.acceptEncoding: encoding])
                    #expect(cache.answerCounts.beforeRouter == before + 1, "\(path) came from the cache, not the route")
                    #expect(first.status == .ok && second.status == .ok, "\(path)")
                    #expect(first.body == second.body, "\(path) \(encoding)")
                    #expect(Self.fields(first) == Self.fields(second), "\(path) \(encoding)")
                }
            }
        }
    }

    @Test func readyPagesNeedTheirOwnKeyOrAnAliasAndNoDueCheck() async throws {
        let store = try SQLiteStore.inMemory()
        let cache = PageCache(lifetime: 600, limit: 100, versionCheckInterval: 1)
        let start = Date(timeIntervalSince1970: 1_000)
        let version = try await cache.catchUp(with: store)
        let page = RenderedPage(contentType: "text/html", cacheControl: "public", body: "x")
        // The first lookup of a new cache is due a version check, so nothing is ready before it.
        cache.store(page, for: "/section/a?page=1", keys: [], renderedAt: version, now: start)
        #expect(cache.readyPage(for: "/section/a?page=1", now: start) == nil)
        await cache.revalidate(against: store, now: start)
        #expect(cache.readyPage(for: "/section/a?page=1", now: start) != nil)
        #expect(cache.readyPage(for: "/section/a", now: start) == nil, "no alias yet")
        cache.alias("/section/a", to: "/section/a?page=1")
        #expect(cache.readyPage(for: "/section/a", now: start) != nil)
        // Paths with a query never become aliases: the table cannot be grown by made-up queries.
        cache.alias("/section/a?utm=1", to: "/section/a?page=1")
        #expect(cache.readyPage(for: "/section/a?utm=1", now: start) == nil)
        // A check due sends the request to the router, which performs it.
        #expect(cache.readyPage(for: "/section/a", now: start.addingTimeInterval(2)) == nil)
        cache.invalidateAll()
        #expect(cache.readyPage(for: "/section/a", now: start) == nil)
    }

    @Test func personalCookiesAreRecognisedUnderEitherName() {
        #expect(PersonalCookies.present(in: ["_ga=1; __Host-nashra_session=abc"]))
        #expect(PersonalCookies.present(in: ["nashra_pending=1-2"]))
        #expect(PersonalCookies.present(in: ["a=b", "nashra_commenter=x"]))
        #expect(!PersonalCookies.present(in: ["__Host-nashra_reader=abc; _ga=1"]))
        #expect(!PersonalCookies.present(in: ["my_nashra_session=1"]))
    }
}

/// The same, on a live server, where cached pages are answered on the event loop.
@Suite("Cached pages on the event loop")
struct CachedPageHandlerTests {
    @Test func theEventLoopsAnswerIsTheApplicationsAnswer() async throws {
        let harness = try WebHarness()
        let article = try await HTTPBehaviourTests.oneArticle(harness)
        let cache = CachedPageResponderTests.cache()
        try await harness.withClient(mode: .live, cache: cache) { client async throws in
            let path = "/news/" + encoded(article.slug)
            for target in [path, "/", "/section/" + encoded(article.section.slug)] {
                for encoding in ["gzip", "br", "identity"] {
                    let first = try await client.get(target, headers: [.acceptEncoding: encoding])
                    let before = cache.answerCounts.direct
                    let second = try await client.get(target, headers: [.acceptEncoding: encoding])
                    #expect(cache.answerCounts.direct == before + 1, "\(target) was answered on the event loop")
                    #expect(first.status == .ok && second.status == .ok)
                    #expect(first.body == second.body, "\(target) \(encoding)")
                    #expect(
                        CachedPageResponderTests.fields(first) == CachedPageResponderTests.fields(second),
                        "\(target) \(encoding)")
                    #expect(second.headers[.date] != nil && second.headers[.contentLength] != nil)
                }
            }
            let etag = try #require(try await client.get(path, headers: [.acceptEncoding: "gzip"]).headers[.eTag])
            let revalidated = try await client.get(path, headers: [.acceptEncoding: "gzip", .ifNoneMatch: etag])
            #expect(revalidated.status == .notModified && revalidated.body.readableBytes == 0)
            // Staff are never given the shared copy, however it is kept.
            let staff = try await client.get(path, headers: [.cookie: "nashra_session=x"])
            #expect(staff.headers[.cacheControl] == "private, no-cache")
            // HEAD, a request with a body and one that asks to close go to the application.
            let direct = cache.answerCounts.direct
            let head = try await client.executeRequest(uri: path, method: .head, headers: [:], body: nil)
            #expect(head.status == .ok && head.body.readableBytes == 0)
            let withBody = try await client.executeRequest(
                uri: path, method: .get, headers: [.contentType: "text/plain"], body: ByteBuffer(string: "hello"))
            #expect(withBody.status == .ok)
            #expect(cache.answerCounts.direct == direct, "none of them was answered on the event loop")
        }
    }

    @Test func pipelinedAnswersKeepTheirOrder() async throws {
        let harness = try WebHarness()
        let article = try await HTTPBehaviourTests.oneArticle(harness)
        try await harness.withClient(mode: .live) { client async throws in
            let port = try #require(client.port)
            let path = "/news/" + encoded(article.slug)
            _ = try await client.get(path)
            // A search nobody has asked for goes to the application; the article behind it is ready.
            let http = RawHTTP(port: port)
            let socket = try http.open()
            defer { close(socket) }
            RawHTTP.write(
                socket,
                "GET /search?q=\(encoded("خبر")) HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET \(path) HTTP/1.1\r\nHost: x\r\n\r\nGET /no-such-page HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            )
            // The socket blocks: read it off Swift's thread pool, which the server's answers need.
            let answers = try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(with: Result { try Self.answers(socket) }) }
            }
            #expect(answers.map(\.status) == [200, 200, 404])
            #expect(answers.count == 3 && HTMLDocument(answers[0].body).count("//ol[@class='search-results']") == 1)
            #expect(answers.count == 3 && HTMLDocument(answers[1].body).count("//article//h1") == 1)
        }
    }

    @Test func anHTTP10RequestIsAnsweredByTheApplicationWhichClosesTheConnection() async throws {
        let harness = try WebHarness()
        let article = try await HTTPBehaviourTests.oneArticle(harness)
        let cache = CachedPageResponderTests.cache()
        // The idle clock outlasts the read's 30 s: only the server's own close ends the read in time.
        var limits = ConnectionLimits()
        limits.idleSeconds = 120
        try await harness.withClient(mode: .live, cache: cache, connections: limits) { client async throws in
            let port = try #require(client.port)
            let path = "/news/" + encoded(article.slug)
            _ = try await client.get(path)
            let direct = cache.answerCounts.direct
            _ = try await client.get(path)
            #expect(cache.answerCounts.direct == direct + 1, "the page is ready on the event loop")
            let socket = try RawHTTP(port: port).open()
            defer { close(socket) }
            // HTTP/1.0 without keep-alive: one answer, then the server closes (the read waits for it).
            RawHTTP.write(socket, "GET \(path) HTTP/1.0\r\nHost: x\r\n\r\n")
            let answers = try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(with: Result { try Self.answers(socket) }) }
            }
            #expect(answers.map(\.status) == [200])
            #expect(answers.first.map { HTMLDocument($0.body).count("//article//h1") } == 1)
            #expect(RawHTTP.isClosedByPeer(socket), "the server closed the connection after its answer")
            #expect(cache.answerCounts.direct == direct + 1, "not answered on the event loop")
        }
    }

    /// NIO's encoder pairs each answer with its request's method (a HEAD's body is dropped): cached
    /// answers between the application's must keep that pairing, and repeated header lines are read
    /// joined, as the application reads them.
    @Test func aCachedAnswerKeepsTheConnectionInStepWithHeadRequests() async throws {
        let harness = try WebHarness()
        let article = try await HTTPBehaviourTests.oneArticle(harness)
        let cache = CachedPageResponderTests.cache()
        try await harness.withClient(mode: .live, cache: cache) { client async throws in
            let port = try #require(client.port)
            let path = "/news/" + encoded(article.slug)
            _ = try await client.get(path, headers: [.acceptEncoding: "gzip, br"])
            let direct = cache.answerCounts.direct
            let socket = try RawHTTP(port: port).open()
            defer { close(socket) }
            RawHTTP.write(
                socket,
                "GET \(path) HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nAccept-Encoding: br\r\n\r\n"
                    + "HEAD /no-such-page HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET \(path) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let (answers, rest) = try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(with: Result { RawHTTP.answers(try Self.read(socket), bodiless: [1]) })
                }
            }
            #expect(answers.map(\.status) == [200, 404, 200])
            #expect(rest.isEmpty, "nothing after the three answers: \(rest.count) bytes")
            #expect(answers.first?.header("Content-Encoding") == ["br"], "the joined Accept-Encoding chose brotli")
            #expect(answers.count == 3 && HTMLDocument(answers[2].body).count("//h1") == 1)
            #expect(cache.answerCounts.direct == direct + 1, "only the first was answered on the event loop")
        }
    }

    @Test func aKeptAliveConnectionStillTimesOutAfterACachedAnswer() async throws {
        let harness = try WebHarness()
        let article = try await HTTPBehaviourTests.oneArticle(harness)
        var limits = ConnectionLimits()
        limits.idleSeconds = 1
        let cache = CachedPageResponderTests.cache()
        try await harness.withClient(mode: .live, cache: cache, connections: limits) { client async throws in
            let port = try #require(client.port)
            let path = "/news/" + encoded(article.slug)
            _ = try await client.get(path)
            let socket = try RawHTTP(port: port).open()
            defer { close(socket) }
            let direct = cache.answerCounts.direct
            RawHTTP.write(socket, "GET \(path) HTTP/1.1\r\nHost: x\r\n\r\n")
            try await eventually("the cached answer", within: 30) { cache.answerCounts.direct == direct + 1 }
            // Then nothing more is sent: the idle clock must close the connection.
            let closed = try await eventually("the idle connection closed", within: 30) {
                !Self.hasUnreadBytes(socket) && RawHTTP.isClosedByPeer(socket)
            }
            print("cached answer, then idle: closed after \(closed) s")
        }
    }

    /// Every byte on `socket` until the server closes it, waiting at most 30 s.
    static func read(_ socket: Int32) throws -> [UInt8] {
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return RawHTTP.readUntilClosed(socket)
    }

    /// Every answer on `socket` until the server closes it.
    static func answers(_ socket: Int32) throws -> [RawHTTP.Response] {
        RawHTTP.answers(try read(socket)).answers
    }

    /// Whether bytes wait on the socket; reads them away so the close can be seen.
    static func hasUnreadBytes(_ socket: Int32) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        return count > 0
    }
}
