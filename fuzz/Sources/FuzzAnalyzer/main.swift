import NashraCore

/// Any bytes as search text: tokens keep ranges inside the text, terms and variants never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    _ = ArabicAnalyzer.tokens(text)
    _ = ArabicAnalyzer.terms(text)
    _ = ArabicAnalyzer.variants(text)
    _ = SearchQuery(text)
    return 0
}
