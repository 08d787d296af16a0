import Foundation

/// A throwaway PostgreSQL server for the tests: Debian's PostgreSQL 15 binaries, a cluster made with
/// `initdb` in a temporary folder, started with `pg_ctl` on a free loopback port (as the `postgres`
/// user when the tests run as root), and stopped when the test process exits. Suites share
/// ``shared`` and make databases of their own on it; a test that restarts its server makes a
/// cluster of its own. `NASHRA_TEST_POSTGRES` (a `postgres://` URL of a server where the user may
/// create databases) makes ``shared`` use that server instead.
public actor PostgresTestCluster {
    public static let shared = PostgresTestCluster(allowExternal: true)

    private var started: String?
    private let allowExternal: Bool
    private var dataDirectory: String?

    /// A cluster of its own, started on first use.
    public init() {
        allowExternal = false
    }

    private init(allowExternal: Bool) {
        self.allowExternal = allowExternal
    }

    /// `postgres://nashra@127.0.0.1:PORT` without a database name; starts the server on first use.
    /// - Throws: ``Problem`` naming what is missing (the binaries, or why the server did not start).
    public func serverURL() throws -> String {
        if let started { return started }
        if allowExternal, let given = ProcessInfo.processInfo.environment["NASHRA_TEST_POSTGRES"], !given.isEmpty {
            started = given.hasSuffix("/") ? String(given.dropLast()) : given
            return started!
        }
        let (url, directory) = try Self.start()
        started = url
        dataDirectory = directory
        return url
    }

    /// A URL for a new, empty database named after `label` (letters, digits and underscores kept).
    public func freshDatabaseURL(_ label: String) throws -> String {
        let server = try serverURL()
        let cleaned = label.lowercased().unicodeScalars.map {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) ? Character($0) : "_"
        }
        counter += 1
        let name = "t\(counter)_" + String(String(cleaned).prefix(40))
        try Self.psql(server, "CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8'")
        return "\(server)/\(name)?sslmode=disable"
    }

    private var counter = 0

    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    static let binaries = "/usr/lib/postgresql/15/bin"
    /// Every cluster this process started, stopped at exit.
    nonisolated(unsafe) static var startedDirectories: [String] = []
    static let registry = NSLock()

    /// Runs one SQL statement on the server's `postgres` database through `psql`.
    public static func psql(_ server: String, _ statement: String) throws {
        try run(
            "/usr/bin/psql", ["\(server)/postgres?sslmode=disable", "-v", "ON_ERROR_STOP=1", "-qc", statement],
            asPostgres: false)
    }

    /// Stops the server (fast: sessions are cut, committed work is kept).
    public func stop() throws {
        guard let directory = dataDirectory else { throw Problem(description: "no cluster of ours is running") }
        try Self.run("\(Self.binaries)/pg_ctl", ["-D", directory, "-m", "fast", "-w", "stop"], asPostgres: true)
    }

    /// Starts a stopped server again on the same port.
    public func start() throws {
        guard let directory = dataDirectory else { throw Problem(description: "no cluster of ours is running") }
        let log = (directory as NSString).deletingLastPathComponent + "/server.log"
        try Self.run("\(Self.binaries)/pg_ctl", ["-D", directory, "-l", log, "-w", "start"], asPostgres: true)
    }

    private static func start() throws -> (url: String, directory: String) {
        guard FileManager.default.isExecutableFile(atPath: "\(binaries)/initdb") else {
            throw Problem(
                description:
                    "PostgreSQL 15 is not installed at \(binaries) (apt-get install postgresql-15), and NASHRA_TEST_POSTGRES is not set"
            )
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "nashra-pg-\(UUID().uuidString.prefix(8))"
        ).path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let directory = root + "/data"
        if getuid() == 0 {
            _ = try run("/bin/chown", ["postgres:postgres", root], asPostgres: false)
        }
        _ = try run(
            "\(binaries)/initdb",
            ["-D", directory, "-U", "nashra", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "-N"],
            asPostgres: true)
        let port = try freePort()
        let options = "-p \(port) -k \(root) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        _ = try run(
            "\(binaries)/pg_ctl", ["-D", directory, "-l", root + "/server.log", "-o", options, "-w", "start"],
            asPostgres: true)
        // postgresql.auto.conf keeps the options for a restart.
        try """
        port = \(port)
        unix_socket_directories = '\(root)'
        listen_addresses = '127.0.0.1'
        fsync = off
        max_connections = 200
        """.write(toFile: directory + "/postgresql.auto.conf", atomically: false, encoding: .utf8)
        registry.withLock {
            if startedDirectories.isEmpty {
                atexit {
                    for directory in PostgresTestCluster.registry.withLock({ PostgresTestCluster.startedDirectories }) {
                        _ = try? PostgresTestCluster.run(
                            "\(PostgresTestCluster.binaries)/pg_ctl", ["-D", directory, "-m", "immediate", "stop"],
                            asPostgres: true)
                        try? FileManager.default.removeItem(atPath: (directory as NSString).deletingLastPathComponent)
                    }
                }
            }
            startedDirectories.append(directory)
        }
        return ("postgres://nashra@127.0.0.1:\(port)", directory)
    }

    /// Runs `tool` to its end and gives back what it printed. posix_spawn and waitpid rather than
    /// Foundation's `Process`, whose exit monitoring missed `pg_ctl start` (the server it leaves
    /// behind inherits the output), leaving the test process waiting forever.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], asPostgres: Bool) throws -> String {
        let command = asPostgres && getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--", tool] : [tool]
        let argv = (command + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent(
            "nashra-pg-output-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0]!, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw Problem(description: "could not start \(command[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // WIFEXITED and WEXITSTATUS by hand: the macros do not reach Swift.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw Problem(description: "\((tool as NSString).lastPathComponent) failed: \(text)")
        }
        return text
    }

    /// A port nothing listens on now (the kernel's pick for a socket bound to port 0).
    static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Problem(description: "no socket for a free port") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
            }
        }
        guard bound else { throw Problem(description: "could not bind a socket for a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
