import NashraCore

/// Any bytes as a title: the slug is valid (or empty) and making it again changes nothing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    let slug = Slug.make(from: text)
    precondition(slug.isEmpty || Slug.isValid(slug), "Slug.make gave an invalid slug")
    return 0
}
