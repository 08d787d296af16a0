// swift-tools-version:6.1
// libFuzzer targets for what parses untrusted bytes; built and run by scripts/fuzz.sh with
// -sanitize=fuzzer,address. Not part of the main build: libFuzzer supplies each target's main.
import PackageDescription

let nashra = "nashra"

let fuzz: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "nashra-fuzz",
    dependencies: [
        .package(name: "nashra", path: ".."),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(
            name: "FuzzSanitizer", dependencies: [.product(name: "NashraCore", package: nashra)], swiftSettings: fuzz),
        .executableTarget(
            name: "FuzzMarkdown", dependencies: [.product(name: "NashraCore", package: nashra)], swiftSettings: fuzz),
        .executableTarget(
            name: "FuzzAnalyzer", dependencies: [.product(name: "NashraCore", package: nashra)], swiftSettings: fuzz),
        .executableTarget(
            name: "FuzzSlug", dependencies: [.product(name: "NashraCore", package: nashra)], swiftSettings: fuzz),
        .executableTarget(
            name: "FuzzImage", dependencies: [.product(name: "NashraCore", package: nashra)], swiftSettings: fuzz),
        .executableTarget(
            name: "FuzzImport", dependencies: [.product(name: "NashraCore", package: nashra)], swiftSettings: fuzz),
        // The upload reader of NashraWeb's MediaController, copied (it is internal to the controller).
        .executableTarget(
            name: "FuzzMultipart",
            dependencies: [
                .product(name: "MultipartKit", package: "multipart-kit"), .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: fuzz),
    ]
)
