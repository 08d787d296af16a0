import Foundation
import PostgresNIO

/// A `postgres://user:password@host:port/database?sslmode=…` address, checked before any connection.
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    public enum SSLMode: String, Sendable, Hashable {
        /// No TLS (loopback and private networks).
        case disable
        /// TLS when the server offers it, without checking its certificate.
        case prefer
        /// TLS required and the certificate checked against the system's roots.
        case require
    }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var sslMode: SSLMode

    /// Why an address cannot be used; the message names the part at fault and never the password.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    public init(_ text: String) throws(Problem) {
        guard let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), ["postgres", "postgresql"].contains(scheme)
        else { throw Problem(description: "database URL must look like postgres://user:password@host:5432/name") }
        guard let host = components.host, !host.isEmpty else {
            throw Problem(description: "database URL has no host (postgres://user@HOST:5432/name)")
        }
        guard let user = components.user, !user.isEmpty else {
            throw Problem(description: "database URL has no user name (postgres://USER@host:5432/name)")
        }
        let name = String(components.path.drop(while: { $0 == "/" }))
        guard !name.isEmpty, !name.contains("/") else {
            throw Problem(description: "database URL has no database name (postgres://user@host:5432/NAME)")
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw Problem(description: "database URL port \(port) is not 1-65535")
        }
        var mode = SSLMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value.flatMap({ SSLMode(rawValue: $0 == "verify-full" ? "require" : $0) })
                else {
                    throw Problem(
                        description: "database URL sslmode=\(item.value ?? "") is not disable, prefer or require")
                }
                mode = value
            default:
                throw Problem(description: "database URL parameter \(item.name) is not known (only sslmode)")
            }
        }
        self.host = host
        port = components.port ?? 5432
        username = user.removingPercentEncoding ?? user
        password = components.password.map { $0.removingPercentEncoding ?? $0 }
        database = name.removingPercentEncoding ?? name
        sslMode = mode
    }

    /// The address without its password, for logs and errors.
    public var description: String {
        "postgres://\(username)@\(host):\(port)/\(database)?sslmode=\(sslMode.rawValue)"
    }

    /// The same server, another database (tests make one per suite).
    public func database(_ name: String) -> PostgresURL {
        var copy = self
        copy.database = name
        return copy
    }

    /// TLS as `sslmode` asks: none, offered without checking the certificate, or required and checked.
    private var tls: TLSConfiguration? {
        switch sslMode {
        case .disable: return nil
        case .prefer:
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .none
            return configuration
        case .require: return .makeClientConfiguration()
        }
    }

    var clientConfiguration: PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS =
            switch (sslMode, self.tls) {
            case (.prefer, let settings?): .prefer(settings)
            case (.require, let settings?): .require(settings)
            default: .disable
            }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.maximumConnections = 16
        return configuration
    }

    /// The same settings for one connection of its own (the start-up probe).
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS =
            switch (sslMode, self.tls) {
            case (.prefer, let settings?): .prefer(try NIOSSLContext(configuration: settings))
            case (.require, let settings?): .require(try NIOSSLContext(configuration: settings))
            default: .disable
            }
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }
}
