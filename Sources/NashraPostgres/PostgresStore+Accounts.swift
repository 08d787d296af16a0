import Foundation
import NashraCore
import PostgresNIO

extension PostgresStore {
    public func userCount() async throws -> Int {
        try await client.value("SELECT COUNT(*) FROM users", as: Int.self) ?? 0
    }

    public func createUser(_ new: NewUser, now: Date) async throws -> User {
        let email = NewUser.normalizedEmail(new.email)
        return try await transaction { db in
            try await db.bumpVersion()
            if try await db.exists("SELECT 1 FROM users WHERE lower(email) = lower(\(email))") {
                throw ValidationError(field: "email", problem: .duplicate)
            }
            let authorID: Int64
            if let existing = new.authorID {
                guard try await db.exists("SELECT 1 FROM authors WHERE id = \(existing)") else {
                    throw ValidationError(field: "author", problem: .notFound)
                }
                authorID = existing
            } else {
                let base = StorageRules.authorSlug(forUserNamed: new.name)
                let pattern = Self.likeEscaped(base) + "-%"
                let taken = Set(
                    try await db.values(
                        "SELECT slug FROM authors WHERE slug = \(base) OR slug LIKE \(pattern)", as: String.self))
                let slug = StorageRules.firstFreeSlug(base, taken: taken)
                authorID =
                    try await db.value(
                        "INSERT INTO authors (slug, name, bio) VALUES (\(slug), \(new.name), '') RETURNING id",
                        as: Int64.self) ?? 0
            }
            let id =
                try await db.value(
                    """
                    INSERT INTO users (email, name, role, author_id, password_hash, is_active, created_at)
                    VALUES (\(email), \(new.name), \(new.role.rawValue), \(authorID), \(new.passwordHash), true, \(now))
                    RETURNING id
                    """, as: Int64.self) ?? 0
            return User(
                id: id, email: email, name: new.name, role: new.role, authorID: authorID, isActive: true,
                createdAt: now, passwordHash: new.passwordHash)
        }
    }

    public func user(id: Int64) async throws -> User? {
        try await client.one("SELECT * FROM users WHERE id = \(id)").map(PostgresRows.user)
    }

    public func user(email: String) async throws -> User? {
        let email = NewUser.normalizedEmail(email)
        return try await client.one("SELECT * FROM users WHERE lower(email) = lower(\(email))").map(PostgresRows.user)
    }

    public func users() async throws -> [User] {
        try await client.all("SELECT * FROM users ORDER BY name, id").map(PostgresRows.user)
    }

    public func updateUser(id: Int64, name: String, role: Role, isActive: Bool) async throws -> User {
        try await transaction { db in
            guard let before = try await db.one("SELECT * FROM users WHERE id = \(id) FOR UPDATE") else {
                throw ValidationError(field: "id", problem: .notFound)
            }
            let user = try PostgresRows.user(before)
            try await db.exec(
                "UPDATE users SET name = \(name), role = \(role.rawValue), is_active = \(isActive) WHERE id = \(id)")
            if StorageRules.changeEndsSessions(user, role: role, isActive: isActive) {
                try await db.exec("DELETE FROM sessions WHERE user_id = \(id)")
            }
            var updated = user
            updated.name = name
            updated.role = role
            updated.isActive = isActive
            return updated
        }
    }

    public func setPasswordHash(userID: Int64, hash: String) async throws {
        try await transaction { db in
            let changed = try await db.values(
                "UPDATE users SET password_hash = \(hash) WHERE id = \(userID) RETURNING id", as: Int64.self)
            guard !changed.isEmpty else { throw ValidationError(field: "email", problem: .notFound) }
            try await db.exec("DELETE FROM sessions WHERE user_id = \(userID)")
        }
    }

    public func createSession(_ session: UserSession) async throws {
        try await client.exec(
            """
            INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, address)
            VALUES (\(session.tokenHash), \(session.userID), \(session.createdAt), \(session.lastSeenAt), \(session.address))
            """)
    }

    public func session(tokenHash: String) async throws -> (UserSession, User)? {
        guard
            let row = try await client.one(
                """
                SELECT s.token_hash, s.created_at AS session_created, s.last_seen_at, s.address, u.*
                FROM sessions s JOIN users u ON u.id = s.user_id
                WHERE s.token_hash = \(tokenHash) AND u.is_active
                """)
        else { return nil }
        let user = try PostgresRows.user(row)
        let session = UserSession(
            tokenHash: try row["token_hash"], userID: user.id, createdAt: try row["session_created"],
            lastSeenAt: try row["last_seen_at"], address: try row["address"])
        return (session, user)
    }

    public func touchSession(tokenHash: String, at date: Date) async throws {
        try await client.exec("UPDATE sessions SET last_seen_at = \(date) WHERE token_hash = \(tokenHash)")
    }

    public func deleteSession(tokenHash: String) async throws {
        try await client.exec("DELETE FROM sessions WHERE token_hash = \(tokenHash)")
    }

    public func deleteSessions(idleBefore date: Date) async throws {
        try await client.exec("DELETE FROM sessions WHERE last_seen_at < \(date)")
    }

    public func record(_ entry: AuditEntry) async throws {
        try await client.exec(
            """
            INSERT INTO audit_log (at, action, user_id, actor_name, target, detail, address)
            VALUES (\(entry.at), \(entry.action.rawValue), \(entry.userID), \(entry.actorName), \(entry.target),
                \(entry.detail), \(entry.address))
            """)
    }

    public func auditLog(limit: Int, offset: Int) async throws -> ResultPage<AuditEntry> {
        let total = try await client.value("SELECT COUNT(*) FROM audit_log", as: Int.self) ?? 0
        let items = try await client.all("SELECT * FROM audit_log ORDER BY id DESC LIMIT \(limit) OFFSET \(offset)")
            .map(PostgresRows.auditEntry)
        return ResultPage(items: items, total: total)
    }

    public func signInRecord(email: String, address: String, since: Date, knownSince: Date) async throws
        -> SignInRecord
    {
        let failed = AuditAction.signInFailed.rawValue
        let signIn = AuditAction.signIn.rawValue
        guard
            let row = try await client.one(
                """
                SELECT
                    COUNT(*) FILTER (WHERE lower(target) = lower(\(email)) AND address = \(address)) AS pair,
                    COUNT(*) FILTER (WHERE lower(target) = lower(\(email))) AS account,
                    COUNT(*) FILTER (WHERE address = \(address)) AS from_address,
                    EXISTS (SELECT 1 FROM audit_log WHERE action = \(signIn) AND at >= \(knownSince)
                        AND lower(target) = lower(\(email)) AND address = \(address)) AS known
                FROM audit_log WHERE action = \(failed) AND at >= \(since)
                """)
        else { return SignInRecord(pair: 0, account: 0, address: 0, addressKnown: false) }
        return SignInRecord(
            pair: try row["pair"], account: try row["account"], address: try row["from_address"],
            addressKnown: try row["known"])
    }

    public func failedSignIns(email: String, since: Date, limit: Int) async throws -> [AuditEntry] {
        try await client.all(
            """
            SELECT * FROM audit_log WHERE action = \(AuditAction.signInFailed.rawValue) AND at >= \(since)
            AND lower(target) = lower(\(email)) ORDER BY id DESC LIMIT \(limit)
            """
        ).map(PostgresRows.auditEntry)
    }
}
