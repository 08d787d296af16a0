import NashraCore

/// Any bytes as Markdown (the editor's body), then back from HTML (older articles opened in the editor).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    let html = MarkdownRenderer().render(text)
    _ = HTMLToMarkdown.convert(html)
    return 0
}
