import AsyncKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

/// The application's database: a pool of connections to SQLite or PostgreSQL behind SQLKit.
///
/// SQLKit's pooled `SQLDatabase` may run consecutive queries on different connections, which
/// makes transactions impossible; every unit of work therefore borrows one connection for its
/// whole duration through `withConnection` or `transaction`.
public final class Database: Sendable {
    public enum Engine: String, Sendable { case sqlite, postgres }

    public let engine: Engine
    public let url: DatabaseURL
    let pool: Pool

    /// The pools lock internally; AsyncKit predates Sendable annotations.
    enum Pool: @unchecked Sendable {
        case sqlite(EventLoopGroupConnectionPool<TunedSQLiteSource>)
        case postgres(EventLoopGroupConnectionPool<PostgresConnectionSource>)
    }

    /// Opens the pool and proves the database answers, so that a wrong URL fails here with one
    /// clear message instead of on the first request.
    public static func connect(_ url: DatabaseURL, logger: Logger = Logger(label: "villagewatch.db")) async throws -> Database {
        let database = try Database(url: url, logger: logger)
        do {
            try await database.withConnection { try await $0.raw("SELECT 1").run() }
        } catch {
            await database.shutdown()
            throw DatabaseError.unreachable(url.description, reason: Self.describe(error))
        }
        return database
    }

    private init(url: DatabaseURL, logger: Logger) throws {
        self.url = url
        // Connection failures reach the caller as one clear error; the pool need not log them too.
        var logger = logger
        logger.logLevel = .critical
        let group = MultiThreadedEventLoopGroup.singleton
        switch url {
        case .sqlite(let path):
            let fileURL = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: fileURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            let source = TunedSQLiteSource(base: SQLiteConnectionSource(configuration: .init(storage: .file(path: fileURL.path), enableForeignKeys: true)))
            engine = .sqlite
            pool = .sqlite(EventLoopGroupConnectionPool(source: source, maxConnectionsPerEventLoop: 4, requestTimeout: .seconds(30), logger: logger, on: group))
        case .postgres(let text):
            // `?schema=NAME` selects a schema (one per county in a province, one per test run).
            var components = URLComponents(string: text)
            let schema = components?.queryItems?.first(where: { $0.name == "schema" })?.value
            let otherItems = components?.queryItems?.filter { $0.name != "schema" } ?? []
            components?.queryItems = otherItems.isEmpty ? nil : otherItems
            var configuration = try SQLPostgresConfiguration(url: components?.string ?? text)
            configuration.coreConfiguration.options.connectTimeout = .seconds(5)
            if let schema { configuration.searchPath = [schema] }
            engine = .postgres
            pool = .postgres(EventLoopGroupConnectionPool(source: PostgresConnectionSource(sqlConfiguration: configuration), maxConnectionsPerEventLoop: 8, requestTimeout: .seconds(30), logger: logger, on: group))
        }
    }

    /// Runs `body` on one connection borrowed from the pool.
    nonisolated(nonsending) public func withConnection<R>(_ body: (any SQLDatabase) async throws -> R) async throws -> R {
        switch pool {
        case .sqlite(let pool):
            let connection = try await pool.requestConnection().get()
            defer { pool.releaseConnection(connection) }
            return try await body(connection.sql(queryLogLevel: nil))
        case .postgres(let pool):
            let connection = try await pool.requestConnection().get()
            defer { pool.releaseConnection(connection) }
            return try await body(connection.sql(queryLogLevel: nil))
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    ///
    /// SQLite transactions start with `BEGIN IMMEDIATE` so that two writers queue on the busy
    /// timeout instead of deadlocking when a reader upgrades to a writer.
    nonisolated(nonsending) public func transaction<R>(_ body: (DatabaseTransaction) async throws -> R) async throws -> R {
        try await withConnection { sql in
            try await sql.raw(engine == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN").run()
            do {
                let result = try await body(DatabaseTransaction(sql: sql, engine: engine))
                try await sql.raw("COMMIT").run()
                return result
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// Shorthand for a single read outside any transaction.
    nonisolated(nonsending) public func read<R>(_ body: (any SQLDatabase) async throws -> R) async throws -> R {
        try await withConnection(body)
    }

    public func shutdown() async {
        switch pool {
        case .sqlite(let pool): try? await pool.shutdownAsync()
        case .postgres(let pool): try? await pool.shutdownAsync()
        }
    }

    static func describe(_ error: any Error) -> String {
        if let psql = error as? PSQLError {
            if let message = psql.serverInfo?[.message] { return message }
            if let underlying = psql.underlying { return String(describing: underlying) }
            return "\(psql.code)"
        }
        return String(describing: error)
    }
}

/// A connection inside an open transaction. Functions that must never write outside one
/// (the audit log, imports) take this type instead of a bare `SQLDatabase`.
public struct DatabaseTransaction {
    public let sql: any SQLDatabase
    public let engine: Database.Engine
}

/// SQLite connections with the pragmas every connection needs: WAL so readers never block the
/// writer, a busy timeout so writers wait for each other, and foreign keys enforced.
struct TunedSQLiteSource: ConnectionPoolSource {
    let base: SQLiteConnectionSource

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        base.makeConnection(logger: logger, on: eventLoop).flatMap { connection in
            connection.query("PRAGMA journal_mode = WAL")
                .flatMap { _ in connection.query("PRAGMA busy_timeout = 15000") }
                .flatMap { _ in connection.query("PRAGMA synchronous = NORMAL") }
                .map { _ in connection }
        }
    }
}
