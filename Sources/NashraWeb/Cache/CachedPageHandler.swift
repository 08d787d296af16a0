import Foundation
import HTTPTypes
import NIOCore
import NIOHTTPTypes
import NashraCore

/// Answers a GET from the page cache on the connection's event loop, before the request becomes a
/// Hummingbird request: no task, no router, no middleware, for the pages news traffic is made of.
///
/// It takes exactly what ``CachedPageResponder`` takes (the same ``PageCache/readyPage(for:now:)``
/// and ``PersonalCookies`` rules, the same headers), and only when no earlier request on the
/// connection is still being answered, so pipelined answers keep their order. Anything else —
/// another method, a personal cookie, `Connection: close`, a page not ready — goes on unchanged.
final class CachedPageHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let cache: PageCache
    private let clock: any NashraClock
    private let strictTransport: Bool
    /// Requests passed on whose answers have not ended yet.
    private var inFlight = 0
    /// Set while the rest of a request answered here (its end) is still to arrive.
    private var answered = false

    init(cache: PageCache, clock: any NashraClock, strictTransport: Bool) {
        self.cache = cache
        self.clock = clock
        self.strictTransport = strictTransport
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            if inFlight == 0, let response = answer(request) {
                answered = true
                write(response, context: context)
                return
            }
            inFlight += 1
        case .body, .end:
            if answered {
                if case .end = unwrapInboundIn(data) { answered = false }
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
    private func answer(_ request: HTTPRequest) -> (head: HTTPResponse, body: ByteBuffer?)? {
        guard request.method == .get, let path = request.path,
            !PersonalCookies.present(in: request.headerFields[values: .cookie]),
            !(request.headerFields[.connection]?.lowercased().contains("close") ?? false),
            let page = cache.readyPage(for: path, now: clock.now)
        else { return nil }
        let (status, fields, body) = page.answer(to: request.headerFields, direct: true)
        var head = HTTPResponse(status: status, headerFields: fields)
        if strictTransport {
            head.headerFields[.strictTransportSecurity] = SecurityHeadersMiddleware<NashraRequestContext>.hsts
        }
        head.headerFields[.date] = ResponseDate.now()
        return (head, body)
    }

    private func write(_ response: (head: HTTPResponse, body: ByteBuffer?), context: ChannelHandlerContext) {
        context.write(wrapOutboundOut(.head(response.head)), promise: nil)
        if let body = response.body, body.readableBytes > 0 {
            context.write(wrapOutboundOut(.body(body)), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}

/// The `Date` header's value, formatted once a second.
enum ResponseDate {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var second = 0
    nonisolated(unsafe) private static var text = ""

    static func now() -> String {
        let current = Int(Date().timeIntervalSince1970)
        if let cached = lock.withLock({ second == current ? text : nil }) { return cached }
        let formatted = HTTPDate.format(Date(timeIntervalSince1970: Double(current)))
        lock.withLock {
            second = current
            text = formatted
        }
        return formatted
    }
}
