import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NashraCore
import NashraDemo
import NashraSQLite
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

    @Flag(help: "Do not fill a new database with demo content.")
    var noDemo = false

    @Flag(help: "Take client addresses from X-Forwarded-For (only behind your own reverse proxy).")
    var trustProxy = false

    func run() async throws {
        var logger = Logger(label: "nashra")
        logger.logLevel = Logger.Level(rawValue: ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "info") ?? .info
        let host = try options.resolve(self.host, env: "NASHRA_HOST", key: "host", default: "127.0.0.1")
        let portText = try options.resolve(self.port.map(String.init), env: "NASHRA_PORT", key: "port", default: "8080")
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw ValidationError("port: \(portText) is not a port number (0-65535)")
        }
        let baseURL = try options.resolve(self.baseURL, env: "NASHRA_BASE_URL", key: "baseURL", default: "")
        if !baseURL.isEmpty, !WebConfig.validateBaseURL(baseURL) {
            throw ValidationError("base-url: \(baseURL) must be an absolute http(s) URL without query or fragment")
        }
        let themeDirectory = try options.resolve(
            self.theme, env: "NASHRA_THEME", key: "theme", default: "./Themes/default")
        let dataDirectory = try options.dataDirectory()

        let store = try SQLiteStore(directory: dataDirectory)
        if !noDemo, try await store.isEmpty() {
            let report = try await DemoContent.seed(into: store, now: Date())
            logger.info(
                "filled a new database with demo content",
                metadata: [
                    "articles": "\(report.articles)", "sections": "\(report.sections)",
                    "comments": "\(report.comments)",
                ])
        }
        var config = WebConfig(
            host: host, port: port, baseURL: baseURL.isEmpty ? nil : baseURL, themeDirectory: themeDirectory,
            secret: try SecretFile.load(directory: dataDirectory), trustProxy: trustProxy)
        config.mediaDirectory = (dataDirectory as NSString).appendingPathComponent("media")
        let app = try await buildApplication(config: config, store: store, logger: logger)
        logger.info("serving", metadata: ["url": "\(config.baseURL)", "data": "\(dataDirectory)"])
        try await app.runService()
    }
}
