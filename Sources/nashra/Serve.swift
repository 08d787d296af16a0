import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NashraCore
import NashraDemo
import NashraWeb

/// `nashra serve`: run the public site.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the site over HTTP.",
        discussion:
            "A new data folder is filled with demo content unless --no-demo is given. SIGINT and SIGTERM stop it gracefully."
    )

    @OptionGroup var options: DataOptions

    @Option(help: "Address to listen on (env NASHRA_HOST). Default 127.0.0.1.")
    var host: String?

    @Option(help: "Port to listen on (env NASHRA_PORT). Default 8080; 0 picks a free port.")
    var port: Int?

    @Option(
        help: "Public URL of the site, used for every absolute link (env NASHRA_BASE_URL). Default http://HOST:PORT.")
    var baseURL: String?

    @Option(help: "Theme folder with templates/, locales/ and assets/ (env NASHRA_THEME). Default ./Themes/default.")
    var theme: String?

    @Flag(help: "Do not fill a new database with demo content (env NASHRA_NO_DEMO=true).")
    var noDemo = false

    @Flag(
        help:
            "Take client addresses from X-Forwarded-For, only behind your own reverse proxy (env NASHRA_TRUST_PROXY=true)."
    )
    var trustProxy = false

    @Option(
        help: "Seconds a kept-alive connection may wait for its next request (env NASHRA_IDLE_TIMEOUT). Default 30.")
    var idleTimeout: Double?

    @Option(help: "Seconds a new connection has to send its request headers (env NASHRA_HEADER_TIMEOUT). Default 10.")
    var headerTimeout: Double?

    @Option(help: "Seconds a request body may go without a byte arriving (env NASHRA_BODY_TIMEOUT). Default 15.")
    var bodyTimeout: Double?

    @Option(
        help:
            "Open connections one client address may hold; 0 for no limit (env NASHRA_MAX_CONNECTIONS_PER_ADDRESS). Default 64, or 0 with --trust-proxy."
    )
    var maxConnectionsPerAddress: Int?

    @Option(
        help: ArgumentHelp(
            "A cache in front of the site to purge by key when content changes, e.g. Varnish with deploy/varnish/nashra.vcl; repeat for several (env NASHRA_PURGE_URL, comma-separated).",
            valueName: "http-url"))
    var purgeURL: [String] = []

    @Option(
        help:
            "Megabytes of rendered pages kept in memory, compressed copies included; 0 turns the page cache off (env NASHRA_PAGE_CACHE_MB). Default 32."
    )
    var pageCacheMb: Double?

    func run() async throws {
        var logger = Logger(label: "nashra")
        logger.logLevel = Logger.Level(rawValue: ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "info") ?? .info
        let settings = try options.settings()
        let host = settings.value(self.host, env: "NASHRA_HOST", key: "host", default: "127.0.0.1")
        let portText = settings.value(self.port.map(String.init), env: "NASHRA_PORT", key: "port", default: "8080")
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw ValidationError("port: \(portText) is not a port number (0-65535)")
        }
        let baseURL = settings.value(self.baseURL, env: "NASHRA_BASE_URL", key: "baseURL", default: "")
        if !baseURL.isEmpty, !WebConfig.validateBaseURL(baseURL) {
            throw ValidationError("base-url: \(baseURL) must be an absolute http(s) URL without query or fragment")
        }
        let themeDirectory = settings.value(self.theme, env: "NASHRA_THEME", key: "theme", default: "./Themes/default")
        let dataDirectory = settings.dataDirectory(options.data)
        let noDemo = try settings.isOn(self.noDemo, env: "NASHRA_NO_DEMO", key: "noDemo")
        let trustProxy = try settings.isOn(self.trustProxy, env: "NASHRA_TRUST_PROXY", key: "trustProxy")
        var limits = ConnectionLimits()
        limits.idleSeconds = try settings.number(
            idleTimeout, env: "NASHRA_IDLE_TIMEOUT", key: "idleTimeout", default: limits.idleSeconds, range: 0.1...3600)
        limits.headerSeconds = try settings.number(
            headerTimeout, env: "NASHRA_HEADER_TIMEOUT", key: "headerTimeout", default: limits.headerSeconds,
            range: 0.1...600)
        limits.bodyGapSeconds = try settings.number(
            bodyTimeout, env: "NASHRA_BODY_TIMEOUT", key: "bodyTimeout", default: limits.bodyGapSeconds,
            range: 0.1...600)
        limits.perAddress = Int(
            try settings.number(
                maxConnectionsPerAddress.map(Double.init), env: "NASHRA_MAX_CONNECTIONS_PER_ADDRESS",
                key: "maxConnectionsPerAddress", default: trustProxy ? 0 : Double(limits.perAddress),
                range: 0...100_000))
        let pageCacheMegabytes = try settings.number(
            pageCacheMb, env: "NASHRA_PAGE_CACHE_MB", key: "pageCacheMB", default: 32, range: 0...65_536)

        let purgeText =
            purgeURL.isEmpty
            ? settings.value(nil, env: "NASHRA_PURGE_URL", key: "purgeURL", default: "")
            : purgeURL.joined(separator: ",")
        var purgeTargets: [OutsidePurger.Target] = []
        for text in purgeText.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !text.isEmpty
        {
            switch OutsidePurger.Target.parse(text) {
            case .success(let target): purgeTargets.append(target)
            case .failure(let problem): throw ValidationError(problem.description)
            }
        }

        let location = try options.databaseLocation()
        let backend = try await location.open(logger: logger)
        defer { backend.close() }
        let store = backend.store
        let mediaDirectory = (dataDirectory as NSString).appendingPathComponent("media")
        if !noDemo {
            try await seedDemoOnce(
                into: store, shared: backend.shared,
                photos: MediaFiles(directory: mediaDirectory, shared: backend.media), logger: logger)
        }
        var config = WebConfig(
            host: host, port: port, baseURL: baseURL.isEmpty ? nil : baseURL, themeDirectory: themeDirectory,
            secret: try await signingSecret(settings: settings, dataDirectory: dataDirectory, shared: backend.shared),
            trustProxy: trustProxy)
        config.sharedState = backend.shared
        config.mediaStorage = backend.media
        config.mediaDirectory = mediaDirectory
        config.connections = limits
        config.purgeTargets = purgeTargets
        config.pageCacheBytes = Int(pageCacheMegabytes * 1_048_576)
        let app = try await buildApplication(config: config, store: store, logger: logger)
        let searchUpgrade = Task { await upgradeSearchIndex(store: store, shared: backend.shared, logger: logger) }
        logger.info(
            "serving", metadata: ["url": "\(config.baseURL)", "data": "\(dataDirectory)", "database": "\(location)"])
        // The rebuild stops with the server, and is waited for before the store closes under it.
        do {
            try await app.runService()
        } catch {
            searchUpgrade.cancel()
            await searchUpgrade.value
            throw error
        }
        searchUpgrade.cancel()
        await searchUpgrade.value
    }
}
