import NashraCore

/// Any bytes as an upload: refused or accepted, and what is accepted is accepted again unchanged.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = [UInt8](UnsafeRawBufferPointer(start: start, count: count))
    if case .success(let image) = ImageInspector.clean(bytes, maxBytes: 1 << 20) {
        guard case .success(let again) = ImageInspector.clean(image.bytes, maxBytes: 1 << 20) else {
            preconditionFailure("a cleaned image is refused")
        }
        precondition(again.bytes == image.bytes && again.info == image.info, "cleaning is not idempotent")
    }
    return 0
}
