import NIOCore

/// Any bytes as an upload's body: the first line (up to 70 bytes) is taken as the boundary.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    let newline = bytes.firstIndex(of: 0x0A) ?? min(count, 70)
    let boundary = String(decoding: bytes[..<min(newline, 70)], as: UTF8.self)
    _ = MultipartForm.boundary(of: "multipart/form-data; boundary=\"\(boundary)\"")
    let body = ByteBuffer(bytes: bytes[min(count, newline + 1)...])
    _ = try? MultipartForm.parts(of: body, boundary: boundary.isEmpty ? "x" : boundary)
    return 0
}
