import Foundation
import HummingbirdBcrypt
import SQLKit

/// Accounts: creation, password changes, disabling. Every change is audited in the same
/// transaction; passwords are stored only as bcrypt hashes.
public struct UserStore: Sendable {
    public let database: Database
    public let clock: any WallClock
    /// bcrypt cost; tests lower it to stay fast.
    public let bcryptCost: UInt8

    public init(database: Database, clock: any WallClock = SystemWallClock(), bcryptCost: UInt8 = 12) {
        self.database = database
        self.clock = clock
        self.bcryptCost = bcryptCost
    }

    public struct NewUser: Sendable {
        public var username: String
        public var displayName: String
        public var role: Role
        public var scope: String
        public var department: String?
        public var password: String
        /// Initial passwords must be changed at first sign-in; demo accounts are the exception.
        public var mustChangePassword: Bool

        public init(username: String, displayName: String, role: Role, scope: String, department: String? = nil,
                    password: String, mustChangePassword: Bool = true) {
            self.username = username; self.displayName = displayName; self.role = role; self.scope = scope
            self.department = department; self.password = password; self.mustChangePassword = mustChangePassword
        }
    }

    @discardableResult
    public func create(_ new: NewUser, by actor: AuditActor) async throws -> User {
        guard new.username.range(of: "^[A-Za-z0-9._-]{3,32}$", options: .regularExpression) != nil else { throw AccountError.badUsername(new.username) }
        if let reason = PasswordPolicy.problem(with: new.password, username: new.username) { throw AccountError.weakPassword(reason) }
        guard let scope = AreaCode(new.scope), try await database.read({ try await AreaStore($0).area(scope) }) != nil else {
            throw AccountError.unknownScope(new.scope)
        }
        guard new.role.allowedScopeLevels.contains(scope.level) else { throw AccountError.scopeNotAllowed(new.role, scope.level) }
        let hash = Bcrypt.hash(new.password, cost: bcryptCost)
        return try await database.transaction { tx in
            if try await find(tx.sql, username: new.username) != nil { throw AccountError.usernameTaken(new.username) }
            let now = Timestamp.utc(clock.now())
            try await tx.sql.insert(into: "users")
                .columns("username", "display_name", "role", "scope_code", "department", "password_hash",
                         "must_change_password", "disabled", "created_at", "password_changed_at")
                .values(SQLBind(new.username), SQLBind(new.displayName), SQLBind(new.role.rawValue), SQLBind(scope.text),
                        SQLBind(new.department), SQLBind(hash), SQLBind(new.mustChangePassword), SQLBind(false), SQLBind(now), SQLBind(now))
                .run()
            guard let user = try await find(tx.sql, username: new.username) else { throw AccountError.unknownUser(new.username) }
            try await AuditLog.append(tx, actor: actor, action: "user.create", target: "users/\(new.username)",
                                      after: UserAuditState(user), clock: clock)
            return user
        }
    }

    public func list(within scope: AreaCode? = nil) async throws -> [User] {
        try await database.read { db in
            var query = db.select().column("*").from("users").orderBy("scope_code").orderBy("username")
            if let scope { query = query.where(SQLSubtree("scope_code", of: scope)) }
            return try await query.all().map(Self.decode)
        }
    }

    public func user(id: Int64) async throws -> User? {
        try await database.read { try await $0.select().column("*").from("users").where("id", .equal, SQLBind(id)).first().map(Self.decode) }
    }

    public func user(username: String) async throws -> User? {
        try await database.read { try await find($0, username: username) }
    }

    public func setDisabled(_ username: String, _ disabled: Bool, by actor: AuditActor) async throws {
        try await database.transaction { tx in
            guard let before = try await find(tx.sql, username: username) else { throw AccountError.unknownUser(username) }
            try await tx.sql.update("users").set("disabled", to: SQLBind(disabled)).where("id", .equal, SQLBind(before.id)).run()
            if disabled {
                try await tx.sql.delete(from: "sessions").where("user_id", .equal, SQLBind(before.id)).run()
            }
            let after = try await find(tx.sql, username: username)
            try await AuditLog.append(tx, actor: actor, action: disabled ? "user.disable" : "user.enable", target: "users/\(username)",
                                      before: UserAuditState(before), after: after.map(UserAuditState.init), clock: clock)
        }
    }

    /// Sets a new password. A reset by someone else forces a change at next sign-in; a change
    /// by the user themself clears that flag.
    public func setPassword(_ username: String, to password: String, mustChange: Bool, by actor: AuditActor) async throws {
        if let reason = PasswordPolicy.problem(with: password, username: username) { throw AccountError.weakPassword(reason) }
        let hash = Bcrypt.hash(password, cost: bcryptCost)
        try await database.transaction { tx in
            guard let before = try await find(tx.sql, username: username) else { throw AccountError.unknownUser(username) }
            try await tx.sql.update("users").set("password_hash", to: SQLBind(hash)).set("must_change_password", to: SQLBind(mustChange))
                .set("password_changed_at", to: SQLBind(Timestamp.utc(clock.now()))).where("id", .equal, SQLBind(before.id)).run()
            // A new password ends every session signed in with the old one.
            try await tx.sql.delete(from: "sessions").where("user_id", .equal, SQLBind(before.id)).run()
            try await AuditLog.append(tx, actor: actor, action: mustChange ? "user.reset-password" : "user.change-password",
                                      target: "users/\(username)", before: UserAuditState(before),
                                      after: try await find(tx.sql, username: username).map(UserAuditState.init), clock: clock)
        }
    }

    /// The user when the password matches and the account is active; `nil` otherwise.
    public func verify(username: String, password: String) async throws -> User? {
        let row = try await database.read {
            try await $0.select().column("*").from("users").where("username", .equal, SQLBind(username)).first()
        }
        guard let row else {
            _ = Bcrypt.verify(password, hash: Self.timingDummyHash)
            return nil
        }
        let hash = try row.decode(column: "password_hash", as: String.self)
        let user = try Self.decode(row)
        guard Bcrypt.verify(password, hash: hash), !user.disabled else { return nil }
        return user
    }

    /// Comparing against a hash even for unknown usernames keeps response times from telling
    /// which usernames exist.
    private static let timingDummyHash = Bcrypt.hash("timing-dummy-password-1", cost: 12)

    func find(_ db: any SQLDatabase, username: String) async throws -> User? {
        try await db.select().column("*").from("users").where("username", .equal, SQLBind(username)).first().map(Self.decode)
    }

    static func decode(_ row: any SQLRow) throws -> User {
        let scope = try row.decode(column: "scope_code", as: String.self)
        let role = try row.decode(column: "role", as: String.self)
        guard let code = AreaCode(scope) else { throw AreaStoreError.corruptCode(scope) }
        guard let parsedRole = Role(rawValue: role) else { throw AreaStoreError.unknownRole(role) }
        return User(id: try row.decode(column: "id", as: Int64.self), username: try row.decode(column: "username", as: String.self),
                    displayName: try row.decode(column: "display_name", as: String.self), role: parsedRole, scope: code,
                    department: try row.decode(column: "department", as: String?.self),
                    mustChangePassword: try row.decode(column: "must_change_password", as: Bool.self),
                    disabled: try row.decode(column: "disabled", as: Bool.self), createdAt: try row.decode(column: "created_at", as: String.self))
    }
}

/// What the audit chain records of an account (never the password hash).
struct UserAuditState: Encodable, Sendable {
    let username, displayName, role, scope: String
    let department: String?
    let mustChangePassword, disabled: Bool

    init(_ u: User) {
        username = u.username; displayName = u.displayName; role = u.role.rawValue; scope = u.scope.text
        department = u.department; mustChangePassword = u.mustChangePassword; disabled = u.disabled
    }
}
