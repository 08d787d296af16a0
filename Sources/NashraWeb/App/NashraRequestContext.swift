import Hummingbird
import NIOCore

/// The request context: Hummingbird's core storage plus the peer address, for rate limits.
public struct NashraRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The newsroom user, set by ``SignedInMiddleware`` on the newsroom's routes.
    var signedIn: SignedIn?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Comment posts are small; anything bigger is refused with 413 before it is read in full.
    public var maxUploadSize: Int { 64 * 1024 }
}
