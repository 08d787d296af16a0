import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

extension RealBinaryTests {
    /// Slow clients lose their connections; readers are served meanwhile. Runs the real binary.
    @Suite("Slow clients", .serialized)
    struct SlowClientTests {
        /// Runs `body` against a server on a fresh data folder; stops it and removes the folder after.
        static func withServer(_ extra: [String], _ body: (DurabilityTests.Server) async throws -> Void)
            async throws
        {
            let server = try server(extra)
            defer {
                server.kill9()
                try? FileManager.default.removeItem(atPath: server.data)
            }
            try await body(server)
        }

        static func server(_ extra: [String]) throws -> DurabilityTests.Server {
            let binary = try RealBinaryTests.binary()
            let data = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-slow-\(UUID().uuidString)")
            return try DurabilityTests.Server(
                binary: binary, data: data.path,
                theme: DurabilityTests.root.appendingPathComponent("Themes/default").path, extra: extra)
        }

        static func http(_ server: DurabilityTests.Server) -> RawHTTP {
            RawHTTP(port: Int(server.base.split(separator: ":").last ?? "") ?? 0)
        }

        /// Polls until every socket is closed by the server, or `seconds` pass; returns those still open.
        static func waitClosed(_ sockets: [Int32], seconds: Double) async throws -> [Int32] {
            let deadline = Date().addingTimeInterval(seconds)
            var open = sockets
            while !open.isEmpty, Date() < deadline {
                open = open.filter { !RawHTTP.isClosedByPeer($0) }
                if !open.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
            }
            return open
        }

        @Test func slowHeadersAndBodiesAreCutOffWhileReadersAreServed() async throws {
            try await Self.withServer(["--header-timeout", "1", "--body-timeout", "1", "--idle-timeout", "1"]) {
                try await Self.slowClients($0)
            }
        }

        static func slowClients(_ server: DurabilityTests.Server) async throws {
            let http = Self.http(server)
            var sockets: [Int32] = []
            defer { sockets.forEach { _ = close($0) } }
            // Slowloris: headers begun, never finished.
            for _ in 0..<40 {
                let socket = try http.open()
                RawHTTP.write(socket, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                sockets.append(socket)
            }
            // A body announced at 1 GB, of which 1 KB arrives.
            let upload = try http.open()
            RawHTTP.write(
                upload,
                "POST /admin/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 1000000000\r\n\r\n" + String(repeating: "a", count: 1024))
            sockets.append(upload)
            // A connection that says nothing at all.
            sockets.append(try http.open())

            #expect(try http.send("GET", "/")?.status == 200, "readers are served while slow clients hold sockets")
            let stillOpen = try await Self.waitClosed(sockets, seconds: 15)
            #expect(stillOpen.isEmpty, "\(stillOpen.count) of \(sockets.count) slow connections were never closed")
            #expect(try http.send("GET", "/healthz")?.status == 200)
        }

        @Test func oneAddressHoldsNoMoreThanItsShareOfConnections() async throws {
            try await Self.withServer(["--max-connections-per-address", "5", "--header-timeout", "60"]) {
                try await Self.connectionCap($0)
            }
        }

        static func connectionCap(_ server: DurabilityTests.Server) async throws {
            let http = Self.http(server)
            var held: [Int32] = []
            for _ in 0..<5 { held.append(try http.open()) }
            // Wait until the server has taken all five (each is counted when the server accepts it).
            let extra = try http.open()
            defer { _ = close(extra) }
            #expect(try await Self.waitClosed([extra], seconds: 10).isEmpty, "the sixth connection is refused")
            #expect(held.allSatisfy { !RawHTTP.isClosedByPeer($0) }, "the first five stay open")
            held.forEach { _ = close($0) }
            // Places free up as connections close.
            var answered: Int?
            let deadline = Date().addingTimeInterval(10)
            while answered != 200, Date() < deadline {
                answered = try http.send("GET", "/healthz")?.status
                if answered != 200 { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(answered == 200)
        }
    }
}
