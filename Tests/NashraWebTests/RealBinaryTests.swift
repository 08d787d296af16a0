import Foundation
import Testing

/// The suites that run the built `nashra serve` binary, one after another: the route fuzzer keeps
/// both cores busy, and the scheduler's and the kill test's clocks should not have to share them.
@Suite("Real binary", .serialized)
enum RealBinaryTests {
    /// The built `nashra`; the test fails, saying how to build it, when it is missing.
    static func binary() throws -> String {
        let binary = DurabilityTests.root.appendingPathComponent(".build/debug/nashra").path
        try #require(
            FileManager.default.isExecutableFile(atPath: binary),
            "\(binary) is missing: run `swift build` (scripts/test does) before the tests")
        return binary
    }
}

typealias DurabilityTests = RealBinaryTests.DurabilityTests
