import Foundation
import HTTPTypes
import Hummingbird
import NIOHTTP1
import NIOHTTPTypesHTTP1

/// A response body kept in memory with its compressed forms, validators and headers, ready to send:
/// serving a cached page costs a header lookup and a buffer reference, nothing more.
///
/// A new page holds only its bytes; ``completed()`` compresses it once into every encoding it may be
/// sent in, which ``PageCache`` does before keeping it. A page sent once and forgotten (one reader's
/// page, every page with the cache off) compresses only the encoding that one request takes: a
/// brotli copy nobody asked for cost as much as the template.
public struct RenderedPage: Sendable {
    /// One encoding of the page with everything a response needs.
    struct Variant: Sendable {
        let body: ByteBuffer
        let headers: HTTPFields
        let notModifiedHeaders: HTTPFields
        /// Both, as the application's answer carries them on the wire after its middleware
        /// (Content-Length and the security headers), for ``CachedPageHandler``: built once, and
        /// dated once a second.
        let direct: DatedHead
        let directNotModified: DatedHead
    }

    public let status: HTTPResponse.Status
    public let contentType: String
    public let cacheControl: String
    /// A hash of the uncompressed bytes; each encoding gets its own strong ETag from it.
    let hash: String
    let identity: Variant
    private(set) var gzip: Variant?
    private(set) var brotli: Variant?
    /// Whether the page is long enough for a Content-Encoding, and may be sent as brotli.
    private var compressible: Bool
    private var brotliAllowed: Bool
    /// The validators and keys every encoding shares.
    private let sharedFields: HTTPFields
    /// For feeds: when the newest item changed (whole seconds), sent as `Last-Modified`.
    let lastModified: Date?
    /// What the page shows (``CacheKey``), sent as `Surrogate-Key` and `Cache-Tag` so a CDN can purge
    /// it by key, and used by ``PageCache`` the same way.
    let cacheKeys: Set<String>

    /// Keeps `body` ready to send; ``completed()`` compresses it.
    /// - Parameters:
    ///   - cacheKeys: what the page shows; empty for a page no shared cache keeps.
    ///   - brotli: may be sent as brotli (worth it for shared pages, not for one reader's page).
    public init(
        status: HTTPResponse.Status = .ok, contentType: String, cacheControl: String, body: String,
        cacheKeys: Set<String> = [], brotli: Bool = true, lastModified: Date? = nil
    ) {
        self.init(
            status: status, contentType: contentType, cacheControl: cacheControl, bytes: Array(body.utf8),
            cacheKeys: cacheKeys, brotli: brotli, lastModified: lastModified)
    }

    public init(
        status: HTTPResponse.Status = .ok, contentType: String, cacheControl: String, bytes: [UInt8],
        cacheKeys: Set<String> = [], brotli useBrotli: Bool = true, lastModified: Date? = nil
    ) {
        self.lastModified = lastModified.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) }
        self.cacheKeys = cacheKeys
        self.status = status
        self.contentType = contentType
        self.cacheControl = cacheControl
        let hash = Self.fnv1a(bytes)
        self.hash = hash
        var shared: HTTPFields = [.cacheControl: cacheControl, .vary: "Accept-Encoding"]
        if let lastModified = self.lastModified { shared[.lastModified] = HTTPDate.format(lastModified) }
        if !cacheKeys.isEmpty {
            let sortedKeys = cacheKeys.sorted()
            // Fastly and Varnish read space-separated keys, Cloudflare comma-separated tags.
            shared[.surrogateKey] = sortedKeys.joined(separator: " ")
            shared[.cacheTag] = sortedKeys.joined(separator: ",")
        }
        sharedFields = shared
        // Tiny bodies are not worth a Content-Encoding.
        compressible = bytes.count >= 256
        brotliAllowed = useBrotli
        identity = Self.variant(
            .identity, body: bytes, hash: hash, shared: shared, contentType: contentType, status: status)
    }

    /// The page with every encoding it may be sent in compressed, for keeping. An encoding whose
    /// compressor failed is not offered again, so a kept page never compresses per request.
    public func completed() -> RenderedPage {
        var page = self
        if page.compressible, page.gzip == nil {
            page.gzip = page.compressed(.gzip)
            if page.gzip == nil { page.compressible = false }
        }
        if page.compressible, page.brotliAllowed, page.brotli == nil {
            page.brotli = page.compressed(.brotli)
            if page.brotli == nil { page.brotliAllowed = false }
        }
        return page
    }

    /// The bytes this page holds in memory, every encoding counted.
    var byteCount: Int {
        identity.body.readableBytes + (gzip?.body.readableBytes ?? 0) + (brotli?.body.readableBytes ?? 0)
    }

    /// `coding`'s variant made now from the identity bytes, nil if the compressor failed.
    private func compressed(_ coding: ContentCoding) -> Variant? {
        let bytes = Array(identity.body.readableBytesView)
        let body: [UInt8]? =
            switch coding {
            case .identity: bytes
            case .gzip: Compression.gzip(bytes)
            case .brotli: Compression.brotli(bytes)
            }
        return body.map {
            Self.variant(
                coding, body: $0, hash: hash, shared: sharedFields, contentType: contentType, status: status)
        }
    }

    private static func etag(_ hash: String, _ coding: ContentCoding) -> String {
        switch coding {
        case .identity: "\"\(hash)\""
        case .gzip: "\"\(hash)-gz\""
        case .brotli: "\"\(hash)-br\""
        }
    }

    /// A 304's headers: the validator and what every encoding shares.
    private static func notModifiedFields(_ etag: String, _ shared: HTTPFields) -> HTTPFields {
        var fields: HTTPFields = [.eTag: etag]
        fields.append(contentsOf: shared)
        return fields
    }

    private static func variant(
        _ coding: ContentCoding, body: [UInt8], hash: String, shared: HTTPFields, contentType: String,
        status: HTTPResponse.Status
    ) -> Variant {
        let notModified = notModifiedFields(etag(hash, coding), shared)
        var validators = notModified
        validators[.contentType] = contentType
        if coding != .identity { validators[.contentEncoding] = coding.rawValue }
        var direct = validators
        direct[.contentLength] = String(body.count)
        return Variant(
            body: ByteBuffer(bytes: body), headers: validators, notModifiedHeaders: notModified,
            direct: DatedHead(status, direct), directNotModified: DatedHead(.notModified, notModified))
    }

    /// The coding a request gets: brotli, then gzip, then identity, as it accepts and the page allows.
    private func coding(for acceptEncoding: String?) -> ContentCoding {
        let accepted = ContentCoding.accepted(by: acceptEncoding)
        if accepted.brotli, brotliAllowed, compressible { return .brotli }
        if accepted.gzip, compressible { return .gzip }
        return .identity
    }

    /// `coding`'s variant: the one kept, or one compressed now (and not kept: see ``completed()``),
    /// or the bytes as they are if the compressor failed.
    private func variant(_ coding: ContentCoding) -> Variant {
        kept(coding) ?? compressed(coding) ?? identity
    }

    /// The response for a request: the best encoding it accepts, or 304 when its validator matches.
    func response(to request: Request) -> Response {
        let (status, headers, body) = answer(to: request.headers)
        return Response(status: status, headers: headers, body: body.map { .init(byteBuffer: $0) } ?? .init())
    }

    /// Status, headers and body (none for 304) for a request with these headers.
    func answer(to request: HTTPFields) -> (HTTPResponse.Status, HTTPFields, ByteBuffer?) {
        let coding = coding(for: request[.acceptEncoding])
        if matches(coding, ifNoneMatch: request[.ifNoneMatch], ifModifiedSince: request[.ifModifiedSince]) {
            return (.notModified, notModifiedHeaders(coding), nil)
        }
        let chosen = variant(coding)
        return (status, chosen.headers, chosen.body)
    }

    /// The same for ``CachedPageHandler``: the whole head in NIO's HTTP/1 types, with the headers
    /// the application's middleware adds (HSTS under `strictTransport`) and `Date`.
    func answer(acceptEncoding: String?, ifNoneMatch: String?, ifModifiedSince: String?, strictTransport: Bool)
        -> (head: HTTPResponseHead, body: ByteBuffer?)
    {
        let coding = coding(for: acceptEncoding)
        if matches(coding, ifNoneMatch: ifNoneMatch, ifModifiedSince: ifModifiedSince) {
            let head = kept(coding)?.directNotModified ?? DatedHead(.notModified, notModifiedHeaders(coding))
            return (head.head(strictTransport: strictTransport), nil)
        }
        let chosen = variant(coding)
        return (chosen.direct.head(strictTransport: strictTransport), chosen.body)
    }

    /// Whether the request's validator matches `coding`'s (`If-None-Match` first; `If-Modified-Since`
    /// only without it, as RFC 9110 says). Judged from the hash, so a page not compressed yet is not
    /// compressed just to learn its ETag.
    private func matches(_ coding: ContentCoding, ifNoneMatch: String?, ifModifiedSince: String?) -> Bool {
        guard status == .ok else { return false }
        if let ifNoneMatch { return Self.matches(ifNoneMatch, Self.etag(hash, coding)) }
        guard let lastModified, let since = ifModifiedSince.flatMap(HTTPDate.parse) else { return false }
        return lastModified <= since
    }

    /// The variant already made for `coding`, if any.
    private func kept(_ coding: ContentCoding) -> Variant? {
        switch coding {
        case .identity: identity
        case .gzip: gzip
        case .brotli: brotli
        }
    }

    private func notModifiedHeaders(_ coding: ContentCoding) -> HTTPFields {
        kept(coding)?.notModifiedHeaders ?? Self.notModifiedFields(Self.etag(hash, coding), sharedFields)
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

extension HTTPField.Name {
    public static let surrogateKey = Self("Surrogate-Key")!
    public static let cacheTag = Self("Cache-Tag")!
}

/// A content coding the site can send.
enum ContentCoding: String, Sendable {
    case identity
    case gzip
    case brotli = "br"

    /// Which of our codings an `Accept-Encoding` header allows. The common browser header
    /// (no q-values, no wildcard) takes a fast path over its bytes, with no allocation.
    static func accepted(by header: String?) -> (gzip: Bool, brotli: Bool) {
        guard var header, !header.isEmpty else { return (false, false) }
        let fast = header.withUTF8 { bytes -> (gzip: Bool, brotli: Bool)? in
            guard !bytes.contains(UInt8(ascii: ";")), !bytes.contains(UInt8(ascii: "*")) else { return nil }
            var gzip = false
            var brotli = false
            for token in bytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: true) {
                var start = token.startIndex
                var end = token.endIndex
                while start < end, token[start] == 0x20 || token[start] == 0x09 { start += 1 }
                while end > start, token[end - 1] == 0x20 || token[end - 1] == 0x09 { end -= 1 }
                let name = token[start..<end]
                if Self.equalsIgnoringCase(name, "gzip") || Self.equalsIgnoringCase(name, "x-gzip") { gzip = true }
                if Self.equalsIgnoringCase(name, "br") { brotli = true }
            }
            return (gzip, brotli)
        }
        if let fast { return fast }
        var qualities: [String: Double] = [:]
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let name = pieces.first, !name.isEmpty else { continue }
            var quality = 1.0
            for parameter in pieces.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            qualities[name] = quality
        }
        let wildcard = qualities["*"] ?? 0
        let gzip = (qualities["gzip"] ?? qualities["x-gzip"] ?? wildcard) > 0
        let brotli = (qualities["br"] ?? wildcard) > 0
        return (gzip, brotli)
    }

    /// Whether ASCII bytes spell `name` (lowercase ASCII), in any case.
    static func equalsIgnoringCase(_ bytes: some Collection<UInt8>, _ name: StaticString) -> Bool {
        guard bytes.count == name.utf8CodeUnitCount else { return false }
        return name.withUTF8Buffer { expected in
            zip(bytes, expected).allSatisfy { byte, letter in
                byte == letter || (byte >= 0x41 && byte <= 0x5A && byte | 0x20 == letter)
            }
        }
    }
}

/// The IMF-fixdate of HTTP headers: `Sun, 06 Nov 1994 08:49:37 GMT`.
enum HTTPDate {
    static func format(_ date: Date) -> String {
        formatter().string(from: date)
    }

    static func parse(_ text: String) -> Date? {
        formatter().date(from: text)
    }

    private static func formatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }
}

/// A response head as the event loop sends it: the application's headers with the security
/// headers, HSTS when asked, and the current second's `Date`, rebuilt when the second changes, so a
/// page asked for many times a second shares one head instead of copying its headers every time.
///
/// Nothing is converted until the event loop first asks: a page rendered for one answer through the
/// application (every page with the cache off) never pays for NIO's headers.
final class DatedHead: @unchecked Sendable {
    private let status: HTTPResponse.Status
    private let fields: HTTPFields
    private let lock = NSLock()
    private var made: (second: Int, strictTransport: Bool, head: HTTPResponseHead)?

    init(_ status: HTTPResponse.Status, _ fields: HTTPFields) {
        self.status = status
        self.fields = fields
    }

    func head(strictTransport: Bool) -> HTTPResponseHead {
        let (second, date) = ResponseDate.current()
        if let made = lock.withLock({ made }), made.second == second, made.strictTransport == strictTransport {
            return made.head
        }
        var withSecurity = self.fields
        withSecurity.append(contentsOf: securityFields)
        var fields = HTTPHeaders(withSecurity)
        if strictTransport {
            fields.add(name: "Strict-Transport-Security", value: SecurityHeadersMiddleware<NashraRequestContext>.hsts)
        }
        fields.add(name: "Date", value: date)
        let head = HTTPResponseHead(
            version: .http1_1, status: HTTPResponseStatus(statusCode: status.code), headers: fields)
        lock.withLock { made = (second, strictTransport, head) }
        return head
    }
}
