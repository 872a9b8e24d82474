import Foundation
import SQLKit
import VillageWatchCore
import VillageWatchServer

/// The engines a storage test runs on: SQLite always, PostgreSQL when
/// `VILLAGEWATCH_TEST_POSTGRES_URL` is set (scripts/test and CI always set it).
public enum TestEngine: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres

    public static var available: [TestEngine] {
        ProcessInfo.processInfo.environment["VILLAGEWATCH_TEST_POSTGRES_URL"].map { _ in [.sqlite, .postgres] } ?? [.sqlite]
    }

    public var description: String { rawValue }
}

/// Paths into `../shared`, the read-only data every checkout has beside it.
public enum SharedData {
    /// `../shared` beside the checkout, or `VILLAGEWATCH_SHARED`.
    public static let root = ProcessInfo.processInfo.environment["VILLAGEWATCH_SHARED"].map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")

    /// The file, or an error naming the path that is missing.
    public static func file(_ relative: String) throws -> URL {
        let url = root.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else { throw MissingSharedFile(path: url.path) }
        return url
    }

    public static var divisions: URL { get throws { try file("data/divisions/leizhou-440882.csv") } }
}

public struct MissingSharedFile: Error, CustomStringConvertible {
    public let path: String
    public var description: String { "shared test data not found at \(path): tests need ../shared beside the repository" }
}

/// A fresh, migrated database with the real division codes loaded, dropped afterwards.
///
/// SQLite gets a new file; PostgreSQL a new schema in the test database, so tests on both
/// engines are isolated from each other and can run in parallel.
public func withTestDatabase<R>(_ engine: TestEngine, loadDivisions: Bool = true,
                                _ body: (Database) async throws -> R) async throws -> R {
    let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    let url: DatabaseURL
    switch engine {
    case .sqlite:
        url = .sqlite(path: FileManager.default.temporaryDirectory.appendingPathComponent("vw-\(name).sqlite").path)
    case .postgres:
        guard let base = ProcessInfo.processInfo.environment["VILLAGEWATCH_TEST_POSTGRES_URL"] else { throw MissingSharedFile(path: "VILLAGEWATCH_TEST_POSTGRES_URL") }
        let admin = try await Database.connect(.postgres(url: base))
        try await admin.withConnection { try await $0.raw("CREATE SCHEMA \(unsafeRaw: String(name))").run() }
        await admin.shutdown()
        url = .postgres(url: base + (base.contains("?") ? "&" : "?") + "schema=\(name)")
    }
    let database = try await Database.connect(url)
    do {
        try await Migrator(schemas: Platform.schemas).migrate(database)
        if loadDivisions { _ = try await DivisionCodes.loadIfNeeded(file: try SharedData.divisions, edition: "2022", database: database) }
        let result = try await body(database)
        await cleanUp(database, engine: engine, name: String(name), url: url)
        return result
    } catch {
        await cleanUp(database, engine: engine, name: String(name), url: url)
        throw error
    }
}

private func cleanUp(_ database: Database, engine: TestEngine, name: String, url: DatabaseURL) async {
    if engine == .postgres {
        try? await database.withConnection { try await $0.raw("DROP SCHEMA \(unsafeRaw: name) CASCADE").run() }
    }
    await database.shutdown()
    if case .sqlite(let path) = url {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

/// Writes a CSV fixture to a temporary file.
public func temporaryCSV(_ name: String, _ text: String) throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vw-fixtures-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
}

/// Counts rows of a table (tests assert that failed imports leave tables untouched).
public func rowCount(_ database: Database, _ table: String) async throws -> Int {
    try await database.read {
        try await $0.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table).first(decodingColumn: "n", as: Int.self) ?? 0
    }
}
