/// Substring tests over UTF-8 bytes for ASCII needles. Foundation's `contains` and
/// `range(of:options:)` fold Unicode on every call on Linux; the importer asks them many times per post.
enum ASCIISearch {
    /// The byte offsets of the first `needle` in `bytes` (ASCII letters compared without case when asked).
    static func range(of needle: StaticString, in bytes: UnsafeBufferPointer<UInt8>, caseInsensitive: Bool)
        -> Range<Int>?
    {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard let first = pattern.first else { return 0..<0 }
        guard bytes.count >= pattern.count else { return nil }
        func fold(_ byte: UInt8) -> UInt8 { caseInsensitive && byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        let lead = fold(first)
        for index in 0...(bytes.count - pattern.count) where fold(bytes[index]) == lead {
            var offset = 1
            while offset < pattern.count, fold(bytes[index + offset]) == fold(pattern[offset]) { offset += 1 }
            if offset == pattern.count { return index..<(index + pattern.count) }
        }
        return nil
    }
}

extension String {
    /// Whether the ASCII `needle` occurs in the text.
    func containsASCII(_ needle: StaticString, caseInsensitive: Bool = false) -> Bool {
        var text = self
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable {
            ASCIISearch.range(of: needle, in: $0, caseInsensitive: caseInsensitive)
        }.flatMap { $0 } != nil
    }
}
