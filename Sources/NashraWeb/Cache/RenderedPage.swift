import Foundation
import Hummingbird

/// A response body kept in memory with its compressed forms and validators, ready to send.
public struct RenderedPage: Sendable {
    public let status: HTTPResponse.Status
    public let contentType: String
    public let cacheControl: String
    let identity: ByteBuffer
    let gzip: ByteBuffer?
    let brotli: ByteBuffer?
    /// A hash of the uncompressed bytes; each encoding gets its own strong ETag from it.
    let hash: String

    /// Compresses `body` once, for every later request.
    public init(status: HTTPResponse.Status = .ok, contentType: String, cacheControl: String, body: String) {
        self.init(status: status, contentType: contentType, cacheControl: cacheControl, bytes: Array(body.utf8))
    }

    public init(status: HTTPResponse.Status = .ok, contentType: String, cacheControl: String, bytes: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.cacheControl = cacheControl
        identity = ByteBuffer(bytes: bytes)
        // Tiny bodies are not worth a Content-Encoding.
        let worthCompressing = bytes.count >= 256
        gzip = worthCompressing ? Compression.gzip(bytes).map { ByteBuffer(bytes: $0) } : nil
        brotli = worthCompressing ? Compression.brotli(bytes).map { ByteBuffer(bytes: $0) } : nil
        hash = Self.fnv1a(bytes)
    }

    /// The encodings this page can be sent in.
    var available: [ContentCoding] {
        var codings: [ContentCoding] = []
        if brotli != nil { codings.append(.brotli) }
        if gzip != nil { codings.append(.gzip) }
        return codings
    }

    func etag(for coding: ContentCoding) -> String {
        switch coding {
        case .identity: "\"\(hash)\""
        case .gzip: "\"\(hash)-gz\""
        case .brotli: "\"\(hash)-br\""
        }
    }

    func body(for coding: ContentCoding) -> ByteBuffer {
        switch coding {
        case .identity: identity
        case .gzip: gzip ?? identity
        case .brotli: brotli ?? identity
        }
    }

    /// The response for a request: the best encoding it accepts, or 304 when its validator matches.
    func response(to request: Request) -> Response {
        let coding = ContentCoding.preferred(by: request.headers[.acceptEncoding], among: available)
        let etag = etag(for: coding)
        var headers: HTTPFields = [
            .eTag: etag,
            .cacheControl: cacheControl,
            .vary: "Accept-Encoding",
        ]
        if status == .ok, let ifNoneMatch = request.headers[.ifNoneMatch], Self.matches(ifNoneMatch, etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = contentType
        if coding != .identity { headers[.contentEncoding] = coding.rawValue }
        return Response(status: status, headers: headers, body: .init(byteBuffer: body(for: coding)))
    }

    /// `If-None-Match` with weak comparison, as RFC 9110 asks for GET.
    static func matches(_ header: String, _ etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            if trimmed == "*" { return true }
            let opaque = trimmed.hasPrefix("W/") ? String(trimmed.dropFirst(2)) : trimmed
            return opaque == etag
        }
    }

    /// 64-bit FNV-1a, as hex: fast, and good enough to tell versions of a page apart.
    static func fnv1a(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// A content coding the site can send.
enum ContentCoding: String, Sendable {
    case identity
    case gzip
    case brotli = "br"

    /// The first of `available` (best first) that `acceptEncoding` allows with a non-zero q-value.
    static func preferred(by acceptEncoding: String?, among available: [ContentCoding]) -> ContentCoding {
        guard let acceptEncoding, !acceptEncoding.isEmpty else { return .identity }
        var accepted: [String: Double] = [:]
        for part in acceptEncoding.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let name = pieces.first, !name.isEmpty else { continue }
            var quality = 1.0
            for parameter in pieces.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            accepted[name] = quality
        }
        let wildcard = accepted["*"]
        for coding in available {
            let quality = accepted[coding.rawValue] ?? (coding == .gzip ? accepted["x-gzip"] : nil) ?? wildcard ?? 0
            if quality > 0 { return coding }
        }
        return .identity
    }
}
