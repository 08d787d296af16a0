import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A bare HTTP/1.1 client over a loopback socket, for tests that must send bytes no URL type would
/// (invalid UTF-8, NUL, odd percent-encodings) to a real `nashra serve`. One connection per request.
struct RawHTTP {
    struct Response {
        let status: Int
        let headers: [(name: String, value: String)]
        let body: String

        func header(_ name: String) -> [String] {
            headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
        }
    }

    let port: Int
    var base: String { "http://127.0.0.1:\(port)" }

    /// Sends `method target` with `headers` and `body`; nil when the server closed without an answer
    /// (status 0 is never made up).
    func send(_ method: String, _ target: [UInt8], headers: [(String, String)] = [], body: [UInt8] = []) throws
        -> Response?
    {
        var request = Array("\(method) ".utf8) + target + Array(" HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n".utf8)
        for (name, value) in headers + [("Connection", "close"), ("Content-Length", String(body.count))] {
            request += Array("\(name): \(value)\r\n".utf8)
        }
        request += Array("\r\n".utf8) + body
        let answer = try exchange(request)
        return Self.parse(answer)
    }

    func send(_ method: String, _ target: String, headers: [(String, String)] = [], body: String = "") throws
        -> Response?
    {
        try send(method, Array(target.utf8), headers: headers, body: Array(body.utf8))
    }

    /// A connected socket, left open for the caller (slow-client tests); close it with `close`.
    func open() throws -> Int32 {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(socketFD)
            throw POSIXError(.ECONNREFUSED)
        }
        return socketFD
    }

    /// Writes `text` on an open socket.
    static func write(_ socketFD: Int32, _ text: String) {
        _ = Array(text.utf8).withUnsafeBytes { Glibc.send(socketFD, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Whether the server has closed `socketFD` (end of stream or reset), without waiting.
    static func isClosedByPeer(_ socketFD: Int32) -> Bool {
        var byte: UInt8 = 0
        let count = recv(socketFD, &byte, 1, Int32(MSG_DONTWAIT | MSG_PEEK))
        if count == 0 { return true }
        return count < 0 && errno != EAGAIN && errno != EWOULDBLOCK
    }

    private func exchange(_ bytes: [UInt8]) throws -> [UInt8] {
        let socketFD = try open()
        defer { close(socketFD) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(socketFD, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var sent = 0
        while sent < bytes.count {
            let written = bytes[sent...].withUnsafeBytes {
                Glibc.send(socketFD, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            // The server may answer (413, 400) and close before reading everything: keep what it said.
            guard written > 0 else { break }
            sent += written
        }
        return Self.readUntilClosed(socketFD)
    }

    /// Every byte the server sends on `socketFD` until it closes it (or the socket's receive timeout
    /// passes).
    static func readUntilClosed(_ socketFD: Int32) -> [UInt8] {
        var answer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(socketFD, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            answer += chunk[..<count]
        }
        return answer
    }

    /// One answer that runs to the end of `bytes` (the connection was closed after it).
    static func parse(_ bytes: [UInt8]) -> Response? {
        guard let (status, headers, bodyStart) = head(bytes[...]) else { return nil }
        return Response(
            status: status, headers: headers, body: String(decoding: bytes[bodyStart...], as: UTF8.self))
    }

    /// The answers on one connection, each body as long as its Content-Length says; the answers at
    /// the positions in `bodiless` (to HEAD requests) have none. Also returns the bytes no answer took.
    static func answers(_ bytes: [UInt8], bodiless: Set<Int> = []) -> (answers: [Response], rest: ArraySlice<UInt8>) {
        var rest = bytes[...]
        var answers: [Response] = []
        while let (status, headers, bodyStart) = head(rest) {
            let lengthField = headers.first { $0.name.caseInsensitiveCompare("Content-Length") == .orderedSame }
            let length = bodiless.contains(answers.count) ? 0 : lengthField.flatMap { Int($0.value) } ?? 0
            guard rest.endIndex - bodyStart >= length else { break }
            let bodyEnd = bodyStart + length
            answers.append(
                Response(
                    status: status, headers: headers, body: String(decoding: rest[bodyStart..<bodyEnd], as: UTF8.self)))
            rest = rest[bodyEnd...]
        }
        return (answers, rest)
    }

    /// The status line and headers at the start of `bytes`, and where the body starts.
    private static func head(_ bytes: ArraySlice<UInt8>) -> (Int, [(name: String, value: String)], Int)? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = bytes.indices.first(where: { bytes[$0...].starts(with: separator) }) else { return nil }
        let head = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/"), let status = Int(statusParts[1]) else {
            return nil
        }
        let headers = head.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return (status, headers, end + separator.count)
    }
}
