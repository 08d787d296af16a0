import Foundation
import NashraCore
import NashraSQLite
import Testing

extension RealBinaryTests {
    /// A comment answered with 303 is on disk: kill -9 right after cannot lose it.
    /// Runs the real binary (built by `swift build`, as `scripts/test` does first) and real curl.
    @Suite("Durability", .serialized)
    struct DurabilityTests {
        static var root: URL {
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
        }

        @Test func acknowledgedCommentsSurviveKill9() async throws {
            let binary = try RealBinaryTests.binary()
            let data = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-kill-\(UUID().uuidString)")
                .path
            // Runs last, after the server is stopped.
            defer { try? FileManager.default.removeItem(atPath: data) }
            for (key, value) in [("commentMinSeconds", "0"), ("commentLimitPerIP", "0"), ("commentLimitPerEmail", "0")]
            {
                _ = try Self.run(binary, ["settings", "set", key, value, "--data", data])
            }

            var server = try Server(
                binary: binary, data: data, theme: Self.root.appendingPathComponent("Themes/default").path)
            // Whichever server is running when the test ends is stopped, even when a check throws.
            defer { server.kill9() }
            let jar = data + "/cookies.txt"
            let home = try Self.run("/usr/bin/env", ["curl", "-sf", server.base + "/"])
            let path = try #require(Self.firstMatch(#"href="(/news/[^"]+)""#, in: home))
            let page = try Self.run("/usr/bin/env", ["curl", "-sf", "-c", jar, server.base + path])
            let token = try #require(Self.firstMatch(#"name="_token" value="([^"]+)""#, in: page))

            var acknowledged: [String] = []
            for index in 1...20 {
                let headers = try Self.run(
                    "/usr/bin/env",
                    [
                        "curl", "-s", "-o", "/dev/null", "-D", "-", "-b", jar, "-H", "Origin: \(server.base)",
                        "--data-urlencode", "author=قارئ \(index)", "--data-urlencode", "email=r\(index)@example.com",
                        "--data-urlencode", "comment=تعليق رقم \(index)", "--data-urlencode", "_token=\(token)",
                        server.base + path + "/comments",
                    ])
                guard headers.hasPrefix("HTTP/1.1 303"), let id = Self.firstMatch(#"#comment-(\d+)"#, in: headers)
                else {
                    continue
                }
                acknowledged.append(id)
            }
            server.kill9()
            #expect(acknowledged.count == 20)

            // Restart on the same folder; every acknowledged comment is there.
            server = try Server(
                binary: binary, data: data, theme: Self.root.appendingPathComponent("Themes/default").path)
            let store = try SQLiteStore(directory: data)
            let stored = try await store.comments(status: .pending, limit: 100, offset: 0).items.map { String($0.id) }
            #expect(Set(acknowledged).isSubset(of: Set(stored)))
            #expect(stored.count == acknowledged.count)
            #expect(try Self.run("/usr/bin/env", ["curl", "-sf", server.base + "/healthz"]) == "ok\n")
        }

        /// A `nashra serve` child process on a free port.
        struct Server {
            let process: Process
            let base: String
            let data: String

            init(binary: String, data: String, theme: String, extra: [String] = []) throws {
                self.data = data
                let port = try DurabilityTests.freePort()
                process = Process()
                process.executableURL = URL(fileURLWithPath: binary)
                process.arguments = ["serve", "--data", data, "--port", String(port), "--theme", theme] + extra
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                base = "http://127.0.0.1:\(port)"
                for _ in 0..<100 {
                    if (try? DurabilityTests.run("/usr/bin/env", ["curl", "-sf", base + "/healthz"])) == "ok\n" {
                        return
                    }
                    Thread.sleep(forTimeInterval: 0.1)
                }
                process.terminate()
                throw CocoaError(
                    .fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "nashra serve did not start on \(base)"])
            }

            func kill9() {
                guard process.isRunning else { return }
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
        }

        /// Runs a command and returns its standard output; throws on a non-zero exit.
        @discardableResult
        static func run(_ executable: String, _ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw CocoaError(
                    .fileReadUnknown,
                    userInfo: [NSLocalizedDescriptionKey: "\(arguments.joined(separator: " ")) failed"])
            }
            return String(decoding: data, as: UTF8.self)
        }

        static func firstMatch(_ pattern: String, in text: String) -> String? {
            guard let regex = try? NSRegularExpression(pattern: pattern),
                let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                let range = Range(match.range(at: 1), in: text)
            else { return nil }
            return String(text[range])
        }

        static func freePort() throws -> Int {
            let output = try run(
                "/usr/bin/env",
                [
                    "python3", "-c",
                    "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])",
                ])
            guard let port = Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw CocoaError(.fileReadUnknown)
            }
            return port
        }
    }
}
