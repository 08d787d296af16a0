import Foundation
import NashraCore

/// How the web app is set up; built by the CLI from flags, environment and defaults.
public struct WebConfig: Sendable {
    public var host: String
    public var port: Int
    /// Every absolute URL the site prints starts with this, never with the request's `Host` header.
    public var baseURL: String
    /// A folder with `templates/`, `locales/` and `assets/`.
    public var themeDirectory: String
    /// How long a rendered page may be served from memory before it is rendered again.
    public var pageCacheSeconds: Double
    /// Most pages kept in memory at once.
    public var pageCacheLimit: Int
    /// Most bytes of rendered pages kept in memory at once (each page with its compressed copies);
    /// 0 turns the page cache off.
    public var pageCacheBytes = 32 << 20
    /// Signs form tokens and cookies; kept in the data folder, never in the repository.
    public var secret: [UInt8]
    /// Take the client address from the last `X-Forwarded-For` hop (only behind a proxy you run).
    public var trustProxy: Bool
    /// Where uploaded images are kept (the data folder's `media/`); nil uses a fresh temporary folder.
    public var mediaDirectory: String?
    /// bcrypt's work factor for newsroom passwords (tests lower it).
    public var passwordCost: UInt8 = 12
    /// The one-time token the first account's setup form asks for; printed in the log while no user exists.
    public var setupToken: String = Signer.randomID(bytes: 18)
    /// How often the scheduler looks for articles whose time has come.
    public var schedulerInterval: Double = 1
    /// Timeouts and the per-address connection cap (see ``ConnectionLimits``).
    public var connections = ConnectionLimits()
    /// What several nodes on one database share (rate counts, news of content changes); nil on a
    /// single node, which keeps them in memory.
    public var sharedState: (any SharedState)?
    /// Where every node finds uploaded files' bytes; nil keeps them in ``mediaDirectory`` only.
    public var mediaStorage: (any MediaStorage)?
    /// Makes the resized copies of pictures (nil: pictures keep only their original, as when
    /// libvips is not installed).
    public var imageResizer: VipsResizer? = VipsResizer()
    /// Caches in front of the site to purge by key when content changes (see ``OutsidePurger``).
    public var purgeTargets: [OutsidePurger.Target] = []

    public init(
        host: String = "127.0.0.1", port: Int = 8080, baseURL: String? = nil, themeDirectory: String,
        pageCacheSeconds: Double = 60, pageCacheLimit: Int = 5000, secret: [UInt8], trustProxy: Bool = false
    ) {
        self.secret = secret
        self.trustProxy = trustProxy
        self.host = host
        self.port = port
        let base = baseURL ?? "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        self.baseURL = base.hasSuffix("/") ? String(base.dropLast()) : base
        self.themeDirectory = themeDirectory
        self.pageCacheSeconds = pageCacheSeconds
        self.pageCacheLimit = pageCacheLimit
    }

    /// Checks that the base URL is an absolute http(s) URL with a host and no query or fragment.
    public static func validateBaseURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil
        else { return false }
        return true
    }
}
