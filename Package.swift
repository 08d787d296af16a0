// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "nashra",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "nashra", targets: ["nashra"]),
        // For fuzz/, the libFuzzer package beside this one.
        .library(name: "NashraCore", targets: ["NashraCore"]),
    ],
    dependencies: [
        // Traits off: we need neither swift-configuration nor the full-Foundation extras.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // HMAC-SHA256 for form tokens and signed cookies; never roll our own MAC.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        // bcrypt for newsroom passwords: the stack's own, audited C implementation.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        // Markdown for the editor: a tested CommonMark-style parser beats one of our own; its output
        // still goes through our sanitizer.
        .package(url: "https://github.com/JohnSundell/Ink.git", from: "0.6.0"),
        // multipart/form-data for media uploads: streaming, well-tested, and tiny.
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        // Already under Hummingbird; named for the scheduler, which runs as a service beside the server.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // Already under Hummingbird; named because the connection guard is a channel handler.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        // PostgreSQL for several nodes: the stack's own async driver, with its connection pool and LISTEN.
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // libxml2's HTML parser: the sanitizer and the tests' HTML assertions stand on it.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0"),
        // zlib (gzip) and brotli one-shot encoders for the render cache.
        .systemLibrary(name: "CCompression"),
        .target(
            name: "NashraCore",
            dependencies: [
                "CLibXML2",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Ink", package: "Ink"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "NashraSQLite",
            dependencies: ["NashraCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .target(
            name: "NashraPostgres",
            dependencies: [
                "NashraCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "NashraDemo",
            dependencies: ["NashraCore"],
            resources: [.copy("Content"), .copy("Photos")],
            swiftSettings: strict
        ),
        .target(
            name: "NashraWeb",
            dependencies: [
                "NashraCore",
                "CCompression",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        // Backup archives: the SQLite snapshot, the data folder, SHA-256 checksums (swift-crypto, already
        // under the web target).
        .target(
            name: "NashraBackup",
            dependencies: [
                "NashraCore", "NashraSQLite", "NashraPostgres", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "NashraTestSupport",
            dependencies: ["NashraCore", "CLibXML2"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "nashra",
            dependencies: [
                "NashraCore", "NashraSQLite", "NashraPostgres", "NashraWeb", "NashraDemo", "NashraBackup",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "NashraCoreTests",
            dependencies: ["NashraCore", "NashraTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "NashraSQLiteTests",
            dependencies: [
                "NashraSQLite", "NashraTestSupport", "NashraDemo", "NashraBackup",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "NashraPostgresTests",
            dependencies: ["NashraPostgres", "NashraSQLite", "NashraTestSupport", "NashraDemo", "NashraBackup"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "NashraWebTests",
            dependencies: [
                "NashraWeb", "NashraSQLite", "NashraPostgres", "NashraDemo", "NashraTestSupport", "NashraBackup",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
