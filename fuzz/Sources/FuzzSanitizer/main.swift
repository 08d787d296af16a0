import NashraCore

/// Any bytes as HTML through the sanitizer: no crash, and its output is a fixed point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let html = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    let sanitizer = HTMLSanitizer()
    let once = sanitizer.sanitize(html)
    let twice = sanitizer.sanitize(once.description)
    precondition(once == twice, "sanitizing is not idempotent")
    return 0
}
