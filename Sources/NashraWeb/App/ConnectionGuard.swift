import Foundation
import NIOCore
import NIOHTTP1

/// Limits on how long a connection may take to say what it wants, and how many one address may hold.
/// Hummingbird's own idle timeout only covers the time between requests; without these a client
/// that sends its headers or body a byte at a time holds a connection (and its memory) for ever.
public struct ConnectionLimits: Sendable {
    /// Seconds a kept-alive connection may sit between requests.
    public var idleSeconds: Double = 30
    /// Seconds from the connection opening (or the last response) until a request's headers are in.
    public var headerSeconds: Double = 10
    /// Seconds a request body may go without a single byte arriving.
    public var bodyGapSeconds: Double = 15
    /// Seconds a whole request body may take (a 10 MB upload over a slow phone line fits).
    public var bodyTotalSeconds: Double = 300
    /// Open connections one client address may hold at once; 0 for no limit (behind a proxy every
    /// connection comes from the proxy's address).
    public var perAddress: Int = 64

    public init() {}
}

/// Counts open connections per peer address, shared by every connection's ``ConnectionGuard``.
final class ConnectionCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var open: [String: Int] = [:]

    /// Takes a place for `address`; false when it already holds `limit`.
    func enter(_ address: String, limit: Int) -> Bool {
        lock.withLock {
            let count = open[address, default: 0]
            guard limit == 0 || count < limit else { return false }
            open[address] = count + 1
            return true
        }
    }

    func leave(_ address: String) {
        lock.withLock {
            let count = open[address, default: 0] - 1
            open[address] = count > 0 ? count : nil
        }
    }

    func count(_ address: String) -> Int { lock.withLock { open[address, default: 0] } }
}

/// Closes a connection whose request headers or body arrive too slowly, and refuses connections past
/// the per-address limit. Sits after HTTP decoding, so it sees request heads, body parts and ends.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let limits: ConnectionLimits
    private let counter: ConnectionCounter
    private var address: String?
    /// When the connection is closed unless something arrives (headers, the next body part, the next
    /// request) or the request ends.
    private var deadline: NIODeadline?
    /// When a request body must be complete.
    private var bodyDeadline: NIODeadline?
    /// The one timer, due at the earliest deadline or before it. Moving a deadline later leaves it
    /// alone (it looks again when it fires), so a kept-alive connection schedules nothing per request.
    private var check: Scheduled<Void>?
    private var checkAt: NIODeadline?
    /// Requests read and answers written on this connection, and the answer after which it closes:
    /// an HTTP/1.0 request without keep-alive (or one asking to close) gets its answer and then the
    /// end of the connection, as RFC 9112 asks, however many requests were pipelined before it.
    private var requests = 0
    private var answers = 0
    private var closeAfterAnswer: Int?

    init(limits: ConnectionLimits, counter: ConnectionCounter) {
        self.limits = limits
        self.counter = counter
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        release()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        release()
    }

    /// Stops the clocks and gives the address's place back (once).
    private func release() {
        cancelTimers()
        if let address {
            counter.leave(address)
            self.address = nil
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            requests += 1
            if !head.isKeepAlive, closeAfterAnswer == nil { closeAfterAnswer = requests }
            // Headers are in: the wait for them ends; the body, if any, has its own clocks.
            bodyDeadline = .now() + Self.amount(limits.bodyTotalSeconds)
            schedule(context, after: limits.bodyGapSeconds)
        case .body:
            schedule(context, after: limits.bodyGapSeconds)
        case .end:
            deadline = nil
            bodyDeadline = nil
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            answers += 1
            if answers == closeAfterAnswer {
                let closed = context.eventLoop.makePromise(of: Void.self)
                if let promise { closed.futureResult.cascade(to: promise) }
                context.writeAndFlush(data, promise: closed)
                // The sending side only, as RFC 9112 §9.6 asks: a full close with pipelined bytes
                // still unread would reset the connection and could lose the answer. The idle
                // clock ends the rest if the client never closes its side.
                closed.futureResult.whenComplete { _ in context.close(mode: .output, promise: nil) }
                schedule(context, after: limits.idleSeconds)
                return
            }
            // The answer is out: a kept-alive connection has this long to send its next request.
            schedule(context, after: limits.idleSeconds)
        }
        context.write(data, promise: promise)
    }

    private func start(_ context: ChannelHandlerContext) {
        guard address == nil, deadline == nil else { return }
        let peer = context.channel.remoteAddress?.ipAddress ?? "unknown"
        guard counter.enter(peer, limit: limits.perAddress) else {
            context.close(promise: nil)
            return
        }
        address = peer
        schedule(context, after: limits.headerSeconds)
    }

    private func schedule(_ context: ChannelHandlerContext, after seconds: Double) {
        deadline = .now() + Self.amount(seconds)
        arm(context)
    }

    /// Makes sure the timer fires no later than the earliest deadline.
    private func arm(_ context: ChannelHandlerContext) {
        guard let next = [deadline, bodyDeadline].compactMap({ $0 }).min() else { return }
        if let checkAt, check != nil, checkAt <= next { return }
        check?.cancel()
        checkAt = next
        check = context.eventLoop.scheduleTask(deadline: next) { [weak self] in self?.expire(context) }
    }

    /// The timer fired: closes the connection if a deadline has passed, or waits for the next one.
    private func expire(_ context: ChannelHandlerContext) {
        check = nil
        checkAt = nil
        let now = NIODeadline.now()
        if let deadline, deadline <= now { return close(context) }
        if let bodyDeadline, bodyDeadline <= now { return close(context) }
        arm(context)
    }

    private func cancelTimers() {
        check?.cancel()
        check = nil
        checkAt = nil
        deadline = nil
        bodyDeadline = nil
    }

    private func close(_ context: ChannelHandlerContext) {
        cancelTimers()
        context.close(promise: nil)
    }

    private static func amount(_ seconds: Double) -> TimeAmount {
        .milliseconds(Int64(max(0.001, min(seconds, 86_400)) * 1000))
    }
}
