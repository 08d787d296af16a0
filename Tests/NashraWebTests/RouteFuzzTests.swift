import Foundation
import Hummingbird
import NashraCore
import NashraSQLite
import NashraTestSupport
import NashraWeb
import Testing

extension RealBinaryTests {
    /// Every registered route, anonymous and signed in as each role, with hostile values in each path
    /// capture, query parameter and form field: never a 5xx, and the real `nashra serve` stays alive.
    /// A trap in Swift (a bad range, an overflow, a force unwrap) kills the process, so this runs the
    /// built binary rather than the router in the test process.
    @Suite("Route fuzzing", .serialized)
    struct RouteFuzzTests {
        /// Query parameters and form fields the application reads anywhere.
        static let queryNames = [
            "page", "q", "section", "from", "to", "sort", "reply", "status", "author", "key", "autosave", "next",
            "done",
            "saved", "name",
        ]
        static let numericFields = ["id", "ids", "page", "position", "parent", "section", "author", "revision"]
        static let textFields = [
            "action", "active", "autosave_key", "bio", "body", "breaking", "comment", "comments_open", "cover_alt",
            "cover_url", "current_password", "delete", "description", "email", "from", "name", "new_password", "next",
            "password", "published_at", "remember", "role", "slug", "source_name", "source_url", "status", "summary",
            "tags", "title", "token", "url", "tagline", "language", "calendar", "timeZone", "pageSize", "commentPolicy",
        ]

        /// Values as they appear in a request target or a form body (already percent-encoded where meant).
        static let hostile: [[UInt8]] =
            [
                "-1", "0", "999", "100001", "9223372036854775807", "9223372036854775808", "99999999999999999999999999",
                "abc", "", "%00", "%FF%FE", "%", "%2B", "+", "..%2F..%2Fetc%2Fpasswd",
                String(repeating: "9", count: 300),
                String(repeating: "%D8%B9", count: 1500),
            ].map { Array($0.utf8) } + [[0xFF, 0xFE, 0x41], [0x61, 0x00, 0x62]]
        /// What the other roles get: the values that reach arithmetic and ranges.
        static let numeric: [[UInt8]] = ["-1", "0", "999", "100001", "9223372036854775807", "9223372036854775808"].map {
            Array($0.utf8)
        }

        struct Session {
            let label: String
            var cookies: [String: String]
            var csrf: String
            let signedIn: Bool
            /// Every hostile value (the anonymous reader and the administrator) or the numeric ones.
            var thorough = true

            var cookieHeader: String { cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        }

        @Test func noRouteAnswers5xxOrKillsTheServer() async throws {
            let binary = try RealBinaryTests.binary()
            let data = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-fuzz-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: data) }
            let roles: [Role] = [.admin, .editor, .author, .contributor]
            for role in roles {
                try Self.run(
                    binary,
                    [
                        "user", "add", "--data", data.path, "--email", "\(role.rawValue)@example.org", "--name",
                        role.rawValue, "--role", role.rawValue,
                    ], input: "fuzz-password-\(role.rawValue)\n")
            }
            let server = try DurabilityTests.Server(
                binary: binary, data: data.path,
                theme: DurabilityTests.root.appendingPathComponent("Themes/default").path)
            defer { server.kill9() }
            let http = RawHTTP(port: Int(server.base.split(separator: ":").last ?? "") ?? 0)

            var signedIn = [try Self.anonymous(http)]
            for role in roles {
                var session = try Self.signIn(
                    http, email: "\(role.rawValue)@example.org", password: "fuzz-password-\(role.rawValue)")
                session.thorough = role == .admin
                signedIn.append(session)
            }
            let sessions = signedIn
            let routes = try await Self.registeredRoutes()
            #expect(routes.count > 40, "the router lists \(routes.count) routes")
            let articleSlug = try #require(
                DurabilityTests.firstMatch(#"href="/news/([^"]+)""#, in: try http.send("GET", "/")?.body ?? ""))

            // Two sessions at a time keep both cores busy (the server is the one working).
            let outcomes = Outcomes()
            DispatchQueue.concurrentPerform(iterations: sessions.count) { index in
                outcomes.add(Self.fuzz(sessions[index], routes: routes, http: http, articleSlug: articleSlug))
            }
            let (sent, failures, deaths) = outcomes.total
            #expect(deaths.isEmpty, "the server died on \(deaths)")
            #expect(failures.isEmpty, "\(failures.count) of \(sent) requests answered 5xx: \(failures.prefix(20))")
            #expect(server.process.isRunning)
            #expect(try http.send("GET", "/healthz")?.status == 200)
            #expect(sent > 5_000)
            print("route fuzzing: \(routes.count) routes, \(sessions.count) sessions, \(sent) requests")
        }

        struct Outcome: Sendable {
            var sent = 0
            var failures: [String] = []
            var death: String?
        }

        final class Outcomes: @unchecked Sendable {
            private let lock = NSLock()
            private var all: [Outcome] = []
            func add(_ outcome: Outcome) { lock.withLock { all.append(outcome) } }
            var total: (sent: Int, failures: [String], deaths: [String]) {
                lock.withLock {
                    (all.reduce(0) { $0 + $1.sent }, all.flatMap(\.failures), all.compactMap(\.death))
                }
            }
        }

        /// Sends every probe of every route for one session; stops at the first request the server
        /// does not survive.
        static func fuzz(_ session: Session, routes: [Route], http: RawHTTP, articleSlug: String) -> Outcome {
            var outcome = Outcome()
            for route in routes {
                // Staff see the public site as readers do; their sessions add the newsroom's routes.
                if session.signedIn, !route.path.hasPrefix("/admin") { continue }
                // Signing out would end the session that the remaining requests need.
                if route.path == "/admin/logout" { continue }
                for request in requests(for: route, session: session, articleSlug: articleSlug) {
                    outcome.sent += 1
                    let answer = try? http.send(
                        request.method, request.target, headers: request.headers, body: request.body)
                    let label = "\(session.label) \(request.method) \(printable(request.target))"
                    if let status = answer?.status, status >= 500 { outcome.failures.append("\(label) → \(status)") }
                    // No answer at all: a trap closes the socket before the process is gone, so ask
                    // the server whether it still lives.
                    if answer == nil, (try? http.send("GET", "/healthz"))??.status != 200 {
                        outcome.death = label
                        return outcome
                    }
                }
            }
            return outcome
        }

        // MARK: - What is sent

        struct Route {
            let method: String
            let path: String
        }

        struct Probe {
            let method: String
            let target: [UInt8]
            var headers: [(String, String)]
            var body: [UInt8] = []
        }

        /// The routes of the router `nashra serve` builds (the same `buildRouter`).
        static func registeredRoutes() async throws -> [Route] {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-routes-\(UUID())")
            defer { try? FileManager.default.removeItem(at: directory) }
            let store = try SQLiteStore(directory: directory.path)
            let config = WebConfig(
                baseURL: WebHarness.baseURL, themeDirectory: WebHarness.themeDirectory,
                secret: Array("test-secret-0123456789abcdef-0123".utf8))
            let router = try await buildRouter(config: config, store: store, clock: FixedClock())
            return router.routes.map { Route(method: $0.method.rawValue, path: $0.path.description) }
                .filter { $0.method != "HEAD" }
        }

        static func requests(for route: Route, session: Session, articleSlug: String) -> [Probe] {
            var headers = [("Cookie", session.cookieHeader), ("Origin", "http://127.0.0.1")]
            let isPost = route.method == "POST"
            if isPost { headers.append(("Content-Type", "application/x-www-form-urlencoded")) }
            let segments = route.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            let captures = segments.filter { $0.hasPrefix(":") || $0.hasPrefix("*") }
            /// The path with every capture set to `value`, or to a real article where one is asked for.
            func path(_ value: [UInt8]?) -> [UInt8] {
                var bytes: [UInt8] = []
                for (index, segment) in segments.enumerated() {
                    if index > 0 { bytes.append(UInt8(ascii: "/")) }
                    if segment.hasPrefix(":") || segment.hasPrefix("*") {
                        bytes += value ?? Array((segment == ":slug" ? articleSlug : "1").utf8)
                    } else {
                        bytes += Array(segment.utf8)
                    }
                }
                return bytes
            }
            var probes: [Probe] = []
            for value in session.thorough ? hostile : numeric {
                if !captures.isEmpty {
                    probes.append(Probe(method: route.method, target: path(value), headers: headers))
                }
                let repeated = Array("page=".utf8) + value + Array("&page=1&q=".utf8) + value + Array("&q=a".utf8)
                if isPost {
                    let csrf = Array("_csrf=\(session.csrf)&_token=\(session.csrf)&".utf8)
                    let everything = (numericFields + textFields).map { Array("\($0)=".utf8) + value }
                    let numbers = numericFields.map { Array("\($0)=".utf8) + value }
                    for fields in [everything, numbers] {
                        var probe = Probe(method: "POST", target: path(nil), headers: headers)
                        probe.body = csrf + fields.joined(separator: Array("&".utf8))
                        probes.append(probe)
                    }
                    var multipart = Probe(method: "POST", target: path(nil), headers: headers)
                    multipart.headers[multipart.headers.count - 1] = (
                        "Content-Type",
                        "multipart/form-data; boundary=" + String(decoding: value.prefix(80), as: UTF8.self)
                    )
                    multipart.body =
                        Array("--".utf8) + value + Array("\r\nContent-Disposition: form-data; name=\"".utf8)
                        + value + Array("\"\r\n\r\n".utf8) + value
                    probes.append(multipart)
                } else {
                    // One parameter at a time: a nonsense filter beside it would hide a page past the end.
                    for name in queryNames {
                        let query = Array("?\(name)=".utf8) + value
                        probes.append(Probe(method: "GET", target: path(nil) + query, headers: headers))
                    }
                    probes.append(
                        Probe(method: "GET", target: path(nil) + Array("?".utf8) + repeated, headers: headers))
                }
            }
            // Hostile request headers on the route's plain form.
            for value in hostile.prefix(12) {
                let text = String(decoding: value, as: UTF8.self)
                probes.append(
                    Probe(
                        method: route.method, target: path(nil),
                        headers: [
                            ("Cookie", session.cookieHeader + "; nashra_reader=\(text); nashra_pending=\(text)"),
                            ("If-None-Match", "\"\(text)\""), ("Accept-Encoding", text), ("Origin", text),
                            ("X-Forwarded-For", text), ("Referer", text),
                        ]))
            }
            return probes
        }

        static func printable(_ bytes: [UInt8]) -> String {
            String(String(decoding: bytes, as: UTF8.self).prefix(120)).debugDescription
        }

        // MARK: - Sessions

        /// A reader's cookies and the sign-in form's token (comment and sign-in posts need one).
        static func anonymous(_ http: RawHTTP) throws -> Session {
            let login = try #require(try http.send("GET", "/admin/login"))
            return Session(
                label: "anonymous", cookies: cookies(from: login, into: [:]), csrf: try formToken(login.body),
                signedIn: false)
        }

        static func signIn(_ http: RawHTTP, email: String, password: String) throws -> Session {
            var session = try anonymous(http)
            let body = "_csrf=\(session.csrf)&next=&email=\(RawHTTPEncoding.form(email))&password=\(password)"
            let answer = try #require(
                try http.send(
                    "POST", "/admin/login",
                    headers: [
                        ("Cookie", session.cookieHeader), ("Origin", http.base),
                        ("Content-Type", "application/x-www-form-urlencoded"),
                    ], body: body))
            try #require(answer.status == 303, "sign-in as \(email) answered \(answer.status)")
            session.cookies = cookies(from: answer, into: session.cookies)
            let dashboard = try #require(try http.send("GET", "/admin", headers: [("Cookie", session.cookieHeader)]))
            try #require(dashboard.status == 200, "the dashboard answered \(dashboard.status) for \(email)")
            return Session(label: email, cookies: session.cookies, csrf: try formToken(dashboard.body), signedIn: true)
        }

        static func cookies(from response: RawHTTP.Response, into jar: [String: String]) -> [String: String] {
            var jar = jar
            for line in response.header("Set-Cookie") {
                let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
                if pair.count == 2 { jar[pair[0]] = pair[1] }
            }
            return jar
        }

        static func formToken(_ html: String) throws -> String {
            try #require(DurabilityTests.firstMatch(#"name="_csrf" value="([^"]+)""#, in: html), "no _csrf in the page")
        }

        /// Runs a command with `input` on its standard input; throws on a non-zero exit.
        static func run(_ executable: String, _ arguments: [String], input: String) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            let stdin = Pipe()
            process.standardInput = stdin
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
            process.waitUntilExit()
            try #require(process.terminationStatus == 0, "\(arguments.joined(separator: " ")) failed")
        }
    }

    enum RawHTTPEncoding {
        /// Percent-encodes a form value (everything but unreserved ASCII).
        static func form(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~")))
                ?? text
        }
    }
}
