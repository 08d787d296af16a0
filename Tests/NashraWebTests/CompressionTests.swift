import CCompression
import Foundation
import Testing

@testable import NashraWeb

/// The one-shot compressors: what they write decodes to the input, whatever its size.
@Suite("Compression")
struct CompressionTests {
    /// A fixed sequence of pseudo-random numbers (64-bit LCG), so a failure can be reproduced.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    /// Arabic-looking text that does not repeat too simply, `count` bytes long.
    static func text(_ count: Int) -> [UInt8] {
        var generator = Seeded(state: UInt64(count))
        let words = ["الحكومة", "تعلن", "خطة", "جديدة", "للنقل", "العام", "في", "المدن", "news", "2026"]
        var bytes: [UInt8] = []
        while bytes.count < count { bytes += Array((words.randomElement(using: &generator)! + " ").utf8) }
        return Array(bytes.prefix(count))
    }

    static func unbrotli(_ data: [UInt8], expected: Int) -> [UInt8]? {
        var size = expected + 1
        var output = [UInt8](repeating: 0, count: size)
        let result = data.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                BrotliDecoderDecompress(source.count, source.baseAddress, &size, target.baseAddress)
            }
        }
        return result == BROTLI_DECODER_RESULT_SUCCESS ? Array(output.prefix(size)) : nil
    }

    @Test(arguments: [1, 1_000, 32_752, 32_753, 65_520, 300_000, 5_000_000])
    func brotliRoundTrips(count: Int) throws {
        let input = Self.text(count)
        let compressed = try #require(Compression.brotli(input))
        #expect(Self.unbrotli(compressed, expected: count) == input)
    }

    @Test func theWindowIsTheSmallestThatHoldsThePage() {
        #expect(Compression.window(for: 0) == BROTLI_MIN_WINDOW_BITS)
        #expect(Compression.window(for: 1_008) == 10)
        #expect(Compression.window(for: 1_009) == 11)
        #expect(Compression.window(for: 28_977) == 15)
        #expect(Compression.window(for: 50_199) == 16)
        #expect(Compression.window(for: 100_000_000) == BROTLI_DEFAULT_WINDOW)
    }
}
