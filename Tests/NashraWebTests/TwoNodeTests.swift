import Foundation
import NashraCore
import NashraDemo
import NashraPostgres
import NashraSQLite
import NashraTestSupport
import Testing

extension RealBinaryTests {
    /// Two `nashra serve` processes on one PostgreSQL database, as behind a load balancer: what one
    /// node signs, counts or writes, the other honours, and both ride out the database restarting.
    /// The cluster is this test's own, since it is stopped in the middle.
    @Suite("Two nodes on PostgreSQL", .serialized)
    struct TwoNodeTests {
        @Test func twoNodesServeOneSite() async throws {
            let binary = try RealBinaryTests.binary()
            let cluster = PostgresTestCluster()
            let database = try await cluster.freshDatabaseURL("two_nodes")
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "nashra-nodes-\(UUID().uuidString)"
            )
            .path
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            // Settings are the database's, so the CLI sets them once for both nodes.
            try RealBinaryTests.cli(binary, ["settings", "set", "commentMinSeconds", "0", "--database", database])

            // Both start at once on an empty database: one seeds the demo, the other waits for it.
            let portA = try DurabilityTests.freePort()
            let base = "http://127.0.0.1:\(portA)"
            let a = try Node(binary: binary, port: portA, base: base, database: database, data: folder + "/a")
            defer { a.stop() }
            let b = try Node(
                binary: binary, port: try DurabilityTests.freePort(), base: base, database: database,
                data: folder + "/b")
            defer { b.stop() }
            try await eventually("both nodes healthy", within: 60) {
                a.status("/healthz") == 200 && b.status("/healthz") == 200
            }

            let store = try await PostgresStore(url: try PostgresURL(database))
            defer { store.close() }
            let demo = try await DemoContent.seed(into: try SQLiteStore.inMemory(), now: Date())
            #expect(try await store.adminArticles(AdminArticleQuery(limit: 500)).total == demo.articles, "seeded once")
            #expect(try await store.sections().count == demo.sections)

            // A comment form fetched from node A is accepted by node B.
            let jar = folder + "/reader.txt"
            let home = HTMLDocument(try a.get("/", jar: jar).body)
            let path = try #require(home.all("//a[starts-with(@href, '/news/')]").first?["href"])
            let form = HTMLDocument(try a.get(path, jar: jar).body)
            let token = try #require(
                form.first("//form[contains(@class, 'comment-form')]//input[@name='_token']")?["value"])
            let posted = try b.post(
                path + "/comments", jar: jar,
                fields: [
                    "author": "قارئة", "email": "reader@example.org", "comment": "تعليق من العقدة الثانية",
                    "_token": token,
                ])
            #expect(posted.status == 303, "node B takes node A's token")
            let commentID = try #require(DurabilityTests.firstMatch(#"#comment-(\d+)"#, in: posted.headers))

            // Approved from the command line, it shows on both nodes.
            try RealBinaryTests.cli(binary, ["comments", "approve", commentID, "--database", database])
            let shown = try await eventually("the approved comment on both nodes", within: 30) {
                try [a, b].allSatisfy { node in
                    HTMLDocument(try node.get(path).body).count("//*[@id='comment-\(commentID)']") == 1
                }
            }
            print("two nodes: an approved comment showed on both after \(shown) s")

            // An article imported through the command line is found by search on both.
            let importFile = folder + "/import.jsonl"
            let line = try JSONSerialization.data(withJSONObject: [
                "id": "two-nodes-1", "title": "مرصد الزلازل يسجل هزة خفيفة قرب بحيرة طبريا",
                "text": "سجل المرصد هزة خفيفة لم تخلف أضراراً.", "section": "محليات",
                "published_at": ISO8601DateFormatter().string(from: Date().addingTimeInterval(-600)),
            ])
            try (String(decoding: line, as: UTF8.self) + "\n").write(
                toFile: importFile, atomically: true, encoding: .utf8)
            try RealBinaryTests.cli(binary, ["import", importFile, "--database", database])
            let found = try await eventually("the imported article in both nodes' search", within: 30) {
                try [a, b].allSatisfy { node in
                    let page = HTMLDocument(try node.get("/search?q=" + "طبريا".urlQueryEncoded).body)
                    return page.all("//ol[contains(@class, 'search-results')]//h2/a").contains {
                        $0.text.contains("بحيرة طبريا")
                    }
                }
            }
            print("two nodes: an imported article was found on both after \(found) s")

            // Five wrong passwords on A: the sixth attempt, on B, is refused unchecked.
            let password = "a long enough password 1"
            func addUser(_ email: String, role: String) throws {
                try RealBinaryTests.cli(
                    binary,
                    ["user", "add", "--email", email, "--name", "محرر", "--role", role, "--database", database],
                    input: password + "\n")
            }
            func signIn(on node: Node, _ email: String, password: String, jar: String) throws -> Int {
                let page = HTMLDocument(try node.get("/admin/login", jar: jar).body)
                let csrf = try #require(page.first("//form//input[@name='_csrf']")?["value"])
                return try node.post(
                    "/admin/login", jar: jar, fields: ["email": email, "password": password, "_csrf": csrf]
                ).status
            }
            try addUser("editor@example.org", role: "editor")
            let signInJar = folder + "/editor.txt"
            for attempt in 1...5 {
                #expect(try signIn(on: a, "editor@example.org", password: "wrong \(attempt)", jar: signInJar) != 303)
            }
            #expect(try signIn(on: b, "editor@example.org", password: password, jar: signInJar) == 429)

            // A picture uploaded on A is served by B, from the bytes kept in the database.
            try addUser("photo@example.org", role: "author")
            let photoJar = folder + "/photo.txt"
            #expect(try signIn(on: a, "photo@example.org", password: password, jar: photoJar) == 303)
            let library = HTMLDocument(try a.get("/admin/media", jar: photoJar).body)
            let csrf = try #require(
                library.first("//form[@enctype='multipart/form-data']//input[@name='_csrf']")?["value"])
            let picture = folder + "/picture.png"
            try Data(MediaUploadTests.png).write(to: URL(fileURLWithPath: picture))
            #expect(try a.upload("/admin/media", jar: photoJar, file: picture, csrf: csrf).status == 303)
            let item = try #require(try await store.media(limit: 1, offset: 0).items.first)
            let served = try b.download("/media/" + item.fileName)
            #expect(served == MediaUploadTests.png, "node B serves node A's upload")

            // PostgreSQL restarts: both nodes say 503 while it is away, recover by themselves, and the
            // comment acknowledged just before is kept.
            let last = try b.post(
                path + "/comments", jar: jar,
                fields: [
                    "author": "قارئة", "email": "reader@example.org", "comment": "قبل إعادة التشغيل", "_token": token,
                ])
            #expect(last.status == 303)
            let lastID = try #require(DurabilityTests.firstMatch(#"#comment-(\d+)"#, in: last.headers))
            try await cluster.stop()
            try await eventually("both nodes unhealthy while the database is down", within: 30) {
                a.status("/healthz") == 503 && b.status("/healthz") == 503
            }
            try await cluster.start()
            let recovered = try await eventually("both nodes healthy again", within: 30) {
                a.status("/healthz") == 200 && b.status("/healthz") == 200
            }
            print("two nodes: healthy again \(recovered) s after PostgreSQL restarted")
            try await eventually("the test's own store reconnects", within: 30) {
                try await store.comment(id: Int64(lastID)!) != nil
            }
            #expect(try await store.comment(id: Int64(lastID)!)?.body == "قبل إعادة التشغيل")
        }

    }

}

extension RealBinaryTests {
    /// Runs a `nashra` command; throws with its output when it fails.
    @discardableResult
    static func cli(_ binary: String, _ arguments: [String], input: String = "") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let stdin = Pipe()
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "nashra-cli-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardInput = stdin
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        try handle.close()
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw CocoaError(
                .fileReadUnknown,
                userInfo: [NSLocalizedDescriptionKey: "nashra \(arguments.joined(separator: " ")) failed: \(text)"])
        }
        return text
    }
}

/// Waits until `condition` holds, checking every 50 ms; fails naming `what` after `seconds` (a
/// bound for a machine under load, not a speed requirement: the time taken is returned and printed).
@discardableResult
func eventually(
    _ what: String, within seconds: Double, _ condition: () async throws -> Bool
) async throws -> Double {
    let start = Date()
    while Date().timeIntervalSince(start) < seconds {
        if (try? await condition()) == true { return (Date().timeIntervalSince(start) * 100).rounded() / 100 }
        try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("\(what): not within \(seconds) s")
    throw CancellationError()
}

extension RealBinaryTests.TwoNodeTests {
    /// One `nashra serve` on the shared database, with a data folder of its own.
    final class Node: Sendable {
        let process: Process
        let url: String

        init(binary: String, port: Int, base: String, database: String, data: String, extra: [String] = []) throws {
            url = "http://127.0.0.1:\(port)"
            process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments =
                [
                    "serve", "--data", data, "--port", String(port), "--base-url", base, "--database", database,
                    "--theme", DurabilityTests.root.appendingPathComponent("Themes/default").path,
                ] + extra
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: data + "/server.log", contents: nil)
            let log = try FileHandle(forWritingTo: URL(fileURLWithPath: data + "/server.log"))
            process.standardOutput = log
            process.standardError = log
            try process.run()
        }

        func stop() {
            guard process.isRunning else { return }
            process.terminate()
            process.waitUntilExit()
        }

        struct Answer {
            let status: Int
            let headers: String
            let body: String
        }

        /// The status of a GET, 0 when nothing answers.
        func status(_ path: String) -> Int {
            (try? get(path).status) ?? 0
        }

        func get(_ path: String, jar: String? = nil) throws -> Answer {
            try curl(path, jar.map { ["-b", $0, "-c", $0] } ?? [])
        }

        func post(_ path: String, jar: String, fields: [String: String]) throws -> Answer {
            try curl(
                path,
                ["-b", jar, "-c", jar, "-H", "Origin: \(originBase)"]
                    + fields.sorted { $0.key < $1.key }.flatMap { ["--data-urlencode", "\($0.key)=\($0.value)"] })
        }

        func upload(_ path: String, jar: String, file: String, csrf: String) throws -> Answer {
            try curl(
                path,
                [
                    "-b", jar, "-c", jar, "-H", "Origin: \(originBase)", "-F", "_csrf=\(csrf)", "-F",
                    "file=@\(file);type=image/png",
                ])
        }

        /// The bytes of a GET.
        func download(_ path: String) throws -> [UInt8] {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent(
                "nashra-download-\(UUID().uuidString)"
            )
            .path
            defer { try? FileManager.default.removeItem(atPath: file) }
            try DurabilityTests.run("/usr/bin/env", ["curl", "-sf", "--max-time", "5", "-o", file, url + path])
            return [UInt8](FileManager.default.contents(atPath: file) ?? Data())
        }

        /// Forms are posted from the site's address, as a browser behind the load balancer would.
        var originBase: String {
            process.arguments?.firstIndex(of: "--base-url").map { process.arguments![$0 + 1] } ?? url
        }

        private func curl(_ path: String, _ extra: [String]) throws -> Answer {
            let headersFile = FileManager.default.temporaryDirectory.appendingPathComponent(
                "nashra-headers-\(UUID().uuidString)"
            ).path
            defer { try? FileManager.default.removeItem(atPath: headersFile) }
            let output = try DurabilityTests.run(
                "/usr/bin/env",
                ["curl", "-s", "--max-time", "5", "-D", headersFile, "-w", "\n%{http_code}"] + extra + [url + path])
            let headers = (try? String(contentsOfFile: headersFile, encoding: .utf8)) ?? ""
            guard let cut = output.lastIndex(of: "\n"), let status = Int(output[output.index(after: cut)...]) else {
                throw CocoaError(.fileReadUnknown)
            }
            return Answer(status: status, headers: headers, body: String(output[..<cut]))
        }
    }
}

extension String {
    fileprivate var urlQueryEncoded: String {
        addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? self
    }
}
