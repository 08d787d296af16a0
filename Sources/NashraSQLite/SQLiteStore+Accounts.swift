import Foundation
import GRDB
import NashraCore

extension SQLiteStore: AccountStore {
    public func userCount() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM users") ?? 0 }
    }

    public func createUser(_ new: NewUser, now: Date) async throws -> User {
        try await pool.write { db in
            let email = NewUser.normalizedEmail(new.email)
            if try Self.exists(db, "SELECT 1 FROM users WHERE email = ? COLLATE NOCASE", [email]) {
                throw ValidationError(field: "email", problem: .duplicate)
            }
            let authorID: Int64
            if let existing = new.authorID {
                guard try Self.exists(db, "SELECT 1 FROM authors WHERE id = ?", [existing]) else {
                    throw ValidationError(field: "author", problem: .notFound)
                }
                authorID = existing
            } else {
                authorID = try Self.insertAuthor(named: new.name, in: db)
            }
            try db.execute(
                sql: """
                    INSERT INTO users (email, name, role, author_id, password_hash, is_active, created_at)
                    VALUES (?, ?, ?, ?, ?, 1, ?)
                    """,
                arguments: [email, new.name, new.role.rawValue, authorID, new.passwordHash, now])
            return User(
                id: db.lastInsertedRowID, email: email, name: new.name, role: new.role, authorID: authorID,
                isActive: true, createdAt: now, passwordHash: new.passwordHash)
        }
    }

    /// A byline profile for a new user, under the first free variant of their name's slug.
    static func insertAuthor(named name: String, in db: Database) throws -> Int64 {
        let base = StorageRules.authorSlug(forUserNamed: name)
        let taken = try String.fetchSet(
            db, sql: "SELECT slug FROM authors WHERE slug = ?1 OR (slug >= ?1 || '-' AND slug < ?1 || '.')",
            arguments: [base])
        try db.execute(
            sql: "INSERT INTO authors (slug, name, bio) VALUES (?, ?, '')",
            arguments: [StorageRules.firstFreeSlug(base, taken: taken), name])
        try bumpVersion(db)
        return db.lastInsertedRowID
    }

    public func user(id: Int64) async throws -> User? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id]).map(Self.user)
        }
    }

    public func user(email: String) async throws -> User? {
        let email = NewUser.normalizedEmail(email)
        return try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE email = ? COLLATE NOCASE", arguments: [email])
                .map(Self.user)
        }
    }

    public func users() async throws -> [User] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY name, id").map(Self.user)
        }
    }

    public func updateUser(id: Int64, name: String, role: Role, isActive: Bool) async throws -> User {
        try await pool.write { db in
            guard let before = try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id]) else {
                throw ValidationError(field: "id", problem: .notFound)
            }
            let user = Self.user(before)
            try db.execute(
                sql: "UPDATE users SET name = ?, role = ?, is_active = ? WHERE id = ?",
                arguments: [name, role.rawValue, isActive, id])
            if StorageRules.changeEndsSessions(user, role: role, isActive: isActive) {
                try db.execute(sql: "DELETE FROM sessions WHERE user_id = ?", arguments: [id])
            }
            var updated = user
            updated.name = name
            updated.role = role
            updated.isActive = isActive
            return updated
        }
    }

    public func setPasswordHash(userID: Int64, hash: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE users SET password_hash = ? WHERE id = ?", arguments: [hash, userID])
            guard db.changesCount > 0 else { throw ValidationError(field: "email", problem: .notFound) }
            try db.execute(sql: "DELETE FROM sessions WHERE user_id = ?", arguments: [userID])
        }
    }

    public func createSession(_ session: UserSession) async throws {
        try await pool.write { db in
            try db.execute(
                sql:
                    "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, address) VALUES (?, ?, ?, ?, ?)",
                arguments: [session.tokenHash, session.userID, session.createdAt, session.lastSeenAt, session.address])
        }
    }

    public func session(tokenHash: String) async throws -> (UserSession, User)? {
        try await pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT s.token_hash, s.created_at AS session_created, s.last_seen_at, s.address, u.*
                        FROM sessions s JOIN users u ON u.id = s.user_id
                        WHERE s.token_hash = ? AND u.is_active = 1
                        """,
                    arguments: [tokenHash])
            else { return nil }
            let user = Self.user(row)
            let session = UserSession(
                tokenHash: row["token_hash"], userID: user.id, createdAt: row["session_created"],
                lastSeenAt: row["last_seen_at"], address: row["address"])
            return (session, user)
        }
    }

    public func touchSession(tokenHash: String, at date: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", arguments: [date, tokenHash])
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [tokenHash])
        }
    }

    public func deleteSessions(idleBefore date: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE last_seen_at < ?", arguments: [date])
        }
    }

    static func user(_ row: Row) -> User {
        User(
            id: row["id"], email: row["email"], name: row["name"],
            role: Role(rawValue: row["role"]) ?? .contributor, authorID: row["author_id"], isActive: row["is_active"],
            createdAt: row["created_at"], passwordHash: row["password_hash"])
    }
}

extension SQLiteStore: AuditStore {
    public func record(_ entry: AuditEntry) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO audit_log (at, action, user_id, actor_name, target, detail, address)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    entry.at, entry.action.rawValue, entry.userID, entry.actorName, entry.target, entry.detail,
                    entry.address,
                ])
        }
    }

    public func auditLog(limit: Int, offset: Int) async throws -> ResultPage<AuditEntry> {
        try await pool.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log") ?? 0
            let items = try Row.fetchAll(
                db, sql: "SELECT * FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?", arguments: [limit, offset]
            ).map(Self.auditEntry)
            return ResultPage(items: items, total: total)
        }
    }

    static func auditEntry(_ row: Row) -> AuditEntry {
        AuditEntry(
            id: row["id"], at: row["at"], action: AuditAction(rawValue: row["action"]) ?? .signInFailed,
            userID: row["user_id"], actorName: row["actor_name"], target: row["target"], detail: row["detail"],
            address: row["address"])
    }

    public func signInRecord(email: String, address: String, since: Date, knownSince: Date) async throws
        -> SignInRecord
    {
        try await pool.read { db in
            let failed = AuditAction.signInFailed.rawValue
            func count(_ condition: String, _ arguments: StatementArguments) throws -> Int {
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM audit_log WHERE action = ? AND at >= ? AND \(condition)",
                    arguments: [failed, since] + arguments) ?? 0
            }
            let pair = try count("target = ? COLLATE NOCASE AND address = ?", [email, address])
            let account = try count("target = ? COLLATE NOCASE", [email])
            let fromAddress = try count("address = ?", [address])
            let known =
                try Bool.fetchOne(
                    db,
                    sql: """
                        SELECT EXISTS(SELECT 1 FROM audit_log WHERE action = ? AND at >= ? AND target = ? COLLATE NOCASE
                        AND address = ?)
                        """,
                    arguments: [AuditAction.signIn.rawValue, knownSince, email, address]) ?? false
            return SignInRecord(pair: pair, account: account, address: fromAddress, addressKnown: known)
        }
    }

    public func failedSignIns(email: String, since: Date, limit: Int) async throws -> [AuditEntry] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM audit_log WHERE action = ? AND at >= ? AND target = ? COLLATE NOCASE
                    ORDER BY id DESC LIMIT ?
                    """,
                arguments: [AuditAction.signInFailed.rawValue, since, email, limit]
            ).map(Self.auditEntry)
        }
    }
}
