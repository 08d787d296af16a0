import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NashraCore

/// Answers a GET from the page cache on the connection's event loop, before the request becomes a
/// Hummingbird request: no task, no router, no middleware, for the pages news traffic is made of.
/// It sits before the conversion to Swift HTTP Types (see ``NashraHTTP1Channel``), which parsed every
/// request's target with `URLComponents` and copied every header twice.
///
/// It takes exactly what ``CachedPageResponder`` takes (the same ``PageCache/readyPage(for:now:)``
/// and ``PersonalCookies`` rules, the same headers), and only when no earlier request on the
/// connection is still being answered (so pipelined answers keep their order) and the connection
/// can take the bytes (a client that sends and never reads is left to the application's
/// backpressure). The answer goes out when the request has ended, as the application's would, so
/// the connection guard sees the request end before the answer and starts its idle clock. Anything
/// else — another method, a body or `Expect`, a personal cookie, `Connection: close` (after which
/// nothing more is answered here), a page not ready — goes on unchanged.
final class CachedPageHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let cache: PageCache
    private let clock: any NashraClock
    private let strictTransport: Bool
    /// Requests passed on whose answers have not ended yet.
    private var inFlight = 0
    /// The answer to the request being read, sent when its end arrives.
    private var pending: (head: HTTPResponseHead, body: ByteBuffer?)?
    /// A request asked to close the connection: the application answers everything after it.
    private var closing = false

    init(cache: PageCache, clock: any NashraClock, strictTransport: Bool) {
        self.cache = cache
        self.clock = clock
        self.strictTransport = strictTransport
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            if inFlight == 0, !closing, context.channel.isWritable, let response = answer(request) {
                pending = response
                return
            }
            if !request.isKeepAlive { closing = true }
            inFlight += 1
        case .body:
            // Only requests without a body are answered here; a body the headers did not announce
            // means the request was not one of them after all: nothing is dropped silently.
            if pending != nil {
                pending = nil
                context.close(promise: nil)
                return
            }
        case .end:
            if let response = pending {
                pending = nil
                write(response, context: context)
                return
            }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { inFlight = max(0, inFlight - 1) }
        context.write(data, promise: promise)
    }

    /// The cached answer to `request`, or nil when it must go to the application.
    private func answer(_ request: HTTPRequestHead) -> (head: HTTPResponseHead, body: ByteBuffer?)? {
        let fields = request.headers
        guard request.method == .GET, request.isKeepAlive, !fields.contains(name: "expect"),
            !fields.contains(name: "transfer-encoding"), fields["content-length"].allSatisfy({ $0 == "0" }),
            !PersonalCookies.present(in: fields["cookie"]),
            let page = cache.readyPage(for: request.uri, now: clock.now)
        else { return nil }
        cache.countAnswer(direct: true)
        return page.answer(
            acceptEncoding: Self.joined(fields, "accept-encoding"), ifNoneMatch: Self.joined(fields, "if-none-match"),
            ifModifiedSince: Self.joined(fields, "if-modified-since"), strictTransport: strictTransport)
    }

    /// A header's lines joined with ", ", as HTTPFields reads a repeated field on the application's
    /// path, so both paths choose the same encoding and validator.
    static func joined(_ headers: HTTPHeaders, _ name: String) -> String? {
        let values = headers[name]
        return values.isEmpty ? nil : values.joined(separator: ", ")
    }

    private func write(_ response: (head: HTTPResponseHead, body: ByteBuffer?), context: ChannelHandlerContext) {
        context.write(wrapOutboundOut(.head(response.head)), promise: nil)
        if let body = response.body, body.readableBytes > 0 {
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}

/// The `Date` header's value, formatted once a second.
enum ResponseDate {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var second = 0
    nonisolated(unsafe) private static var text = ""

    static func now() -> String { current().text }

    /// The current whole second since 1970 and its `Date` value.
    static func current() -> (second: Int, text: String) {
        let current = Int(Date().timeIntervalSince1970)
        if let cached = lock.withLock({ second == current ? text : nil }) { return (current, cached) }
        let formatted = HTTPDate.format(Date(timeIntervalSince1970: Double(current)))
        lock.withLock {
            second = current
            text = formatted
        }
        return (current, formatted)
    }
}
