import CCompression

/// One-shot compressors for pages kept in memory.
enum Compression {
    /// gzip at the best ratio; run once per rendered page, not per request.
    static func gzip(_ input: [UInt8]) -> [UInt8]? {
        let capacity = nashra_gzip_bound(input.count)
        var output = [UInt8](repeating: 0, count: capacity)
        let written = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                nashra_gzip(source.baseAddress, source.count, target.baseAddress, capacity, 9)
            }
        }
        guard written > 0 else { return nil }
        return Array(output.prefix(written))
    }

    /// Brotli in text mode at quality 9: most of quality 11's ratio at a small part of its cost.
    static func brotli(_ input: [UInt8]) -> [UInt8]? {
        var size = BrotliEncoderMaxCompressedSize(input.count)
        guard size > 0 else { return nil }
        var output = [UInt8](repeating: 0, count: size)
        let ok = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                BrotliEncoderCompress(
                    9, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, source.count, source.baseAddress, &size,
                    target.baseAddress)
            }
        }
        guard ok == BROTLI_TRUE else { return nil }
        return Array(output.prefix(size))
    }
}
