import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// Tells caches in front of Nashra (Varnish, a purge proxy of a CDN) which pages went stale: one
/// `PURGE` request per target naming the keys in `Surrogate-Key`, as `deploy/varnish/nashra.vcl`
/// expects (`all` for everything). Every node sends its own purge after dropping its own copies, so
/// a cache that refetched from a node still behind is purged again once that node catches up. Each
/// purge is sent again a moment later and once more after the VCL's 30 s first-byte timeout: a page
/// the cache was fetching while the write landed arrives after the first ban and would otherwise be
/// kept for the whole `s-maxage`.
public final class OutsidePurger: Sendable {
    /// Where purges go: an `http://host[:port][/path]` URL.
    public struct Target: Sendable, Hashable, CustomStringConvertible {
        public let host: String
        public let port: Int
        public let path: String

        /// Parses a purge URL; nil (with the reason) for anything but plain http with a host.
        public static func parse(_ text: String) -> Result<Target, PurgeURLProblem> {
            guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
                let host = components.host, !host.isEmpty
            else { return .failure(.notAURL(text)) }
            guard scheme == "http" else { return .failure(.unsupportedScheme(text)) }
            let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
            return .success(Target(host: host, port: components.port ?? 80, path: path))
        }

        public var description: String { "http://\(host):\(port)\(path)" }
    }

    public enum PurgeURLProblem: Error, CustomStringConvertible {
        case notAURL(String)
        case unsupportedScheme(String)

        public var description: String {
            switch self {
            case .notAURL(let text): "purge-url: \(text) is not an http URL with a host"
            case .unsupportedScheme(let text):
                "purge-url: \(text) must be plain http (a cache on your own network, such as Varnish)"
            }
        }
    }

    let targets: [Target]
    let logger: Logger
    /// Waits between attempts when a target does not answer.
    let retryDelays: [Duration]
    /// When the purge is sent again, each delay counted from the one before; empty sends it once.
    let repeatAfter: [Duration]

    public init(
        targets: [Target], logger: Logger, retryDelays: [Duration] = [.milliseconds(200), .seconds(1)],
        repeatAfter: [Duration] = [.seconds(2), .seconds(30)]
    ) {
        self.targets = targets
        self.logger = logger
        self.retryDelays = retryDelays
        self.repeatAfter = repeatAfter
    }

    /// Sends the purge in the background; the write that caused it does not wait.
    public func purge(_ keys: Set<String>) {
        guard !keys.isEmpty, !targets.isEmpty else { return }
        let header = keys.sorted().joined(separator: " ")
        Task {
            await sendToAll(header)
            for delay in repeatAfter {
                try? await Task.sleep(for: delay)
                await sendToAll(header)
            }
        }
    }

    private func sendToAll(_ header: String) async {
        await withTaskGroup(of: Void.self) { group in
            for target in targets { group.addTask { await self.send(header, to: target) } }
        }
    }

    /// Sends one purge, trying again after each delay; logs a failure in the end.
    func send(_ keys: String, to target: Target) async {
        var delays = retryDelays[...]
        while true {
            do {
                let status = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                    group.addTask { try await Self.request(keys, to: target) }
                    group.addTask {
                        try await Task.sleep(for: .seconds(5))
                        throw ChannelError.connectTimeout(.seconds(5))
                    }
                    defer { group.cancelAll() }
                    return try await group.next()!
                }
                if (200..<300).contains(status.code) { return }
                logger.warning(
                    "purge refused", metadata: ["target": "\(target)", "status": "\(status.code)", "keys": "\(keys)"])
                return
            } catch {
                guard let delay = delays.popFirst() else {
                    logger.error(
                        "purge failed", metadata: ["target": "\(target)", "error": "\(error)", "keys": "\(keys)"])
                    return
                }
                try? await Task.sleep(for: delay)
            }
        }
    }

    /// One `PURGE` over a new connection; the answer's status.
    static func request(_ keys: String, to target: Target) async throws -> HTTPResponseStatus {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(2))
            .connect(host: target.host, port: target.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var head = HTTPRequestHead(version: .http1_1, method: .RAW(value: "PURGE"), uri: target.path)
            head.headers.add(name: "Host", value: target.port == 80 ? target.host : "\(target.host):\(target.port)")
            head.headers.add(name: "Surrogate-Key", value: keys)
            head.headers.add(name: "Content-Length", value: "0")
            head.headers.add(name: "Connection", value: "close")
            try await outbound.write(.head(head))
            try await outbound.write(.end(nil))
            for try await part in inbound {
                if case .head(let response) = part { return response.status }
            }
            throw ChannelError.eof
        }
    }
}
