import Testing

/// The suites that run the built `nashra serve` binary, one after another: the route fuzzer keeps
/// both cores busy, and the scheduler's and the kill test's clocks should not have to share them.
@Suite("Real binary", .serialized)
enum RealBinaryTests {}

typealias DurabilityTests = RealBinaryTests.DurabilityTests
