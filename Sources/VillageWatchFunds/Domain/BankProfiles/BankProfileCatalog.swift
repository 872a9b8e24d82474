import Foundation
import VillageWatchCore

/// The bank profiles in force: the built-in ones shipped in the module's `Profiles/` resource folder,
/// and the user's, read from a directory of `*.json` files (`VILLAGEWATCH_BANK_PROFILES`, default
/// `./config/bank-profiles/`). A user profile replaces the built-in profile of the same `name`, so a
/// county can fix or extend a layout without recompiling.
public struct BankProfileCatalog: Sendable {
    /// Every profile, sorted by name.
    public let profiles: [BankProfile]

    /// Merges `builtIn` and `user` profiles; a user profile overrides the built-in one with its name.
    public init(builtIn: [BankProfile], user: [BankProfile] = []) {
        var byName: [String: BankProfile] = [:]
        for profile in builtIn { byName[profile.name] = profile }
        for profile in user { byName[profile.name] = profile }
        profiles = byName.values.sorted { $0.name < $1.name }
    }

    /// The built-in profiles and the user's from `VILLAGEWATCH_BANK_PROFILES` (a directory that must
    /// exist when set) or `./config/bank-profiles/` (ignored when missing).
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) throws(StatementParseError) -> BankProfileCatalog {
        let user: [BankProfile]
        if let path = environment["VILLAGEWATCH_BANK_PROFILES"], !path.isEmpty {
            user = try load(directory: URL(fileURLWithPath: path), mustExist: true)
        } else {
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            user = try load(directory: cwd.appendingPathComponent("config/bank-profiles", isDirectory: true), mustExist: false)
        }
        return BankProfileCatalog(builtIn: try builtIn(), user: user)
    }

    public func profile(named name: String) -> BankProfile? {
        profiles.first { $0.name == name }
    }

    /// The profile for `data`, among this catalog's (see the static `detect`).
    public func detect(_ data: Data, fileName: String) -> BankProfile? {
        Self.detect(data, fileName: fileName, profiles: profiles)
    }

    // MARK: - Loading

    /// The profiles shipped with the module (the target declares `resources: [.copy("Profiles")]`).
    public static func builtIn() throws(StatementParseError) -> [BankProfile] {
        #if SWIFT_MODULE_RESOURCE_BUNDLE_AVAILABLE
        let directory = Bundle.module.url(forResource: "Profiles", withExtension: nil)
        #else
        let directory: URL? = nil   // built without the resource declaration
        #endif
        guard let directory else {
            throw StatementParseError(file: "Profiles", reason: "the built-in bank profiles are missing from the module's resources")
        }
        return try load(directory: directory, mustExist: true)
    }

    /// Every `*.json` file of `directory`, in file-name order. Two files with the same profile name
    /// are an error naming both.
    public static func load(directory: URL, mustExist: Bool) throws(StatementParseError) -> [BankProfile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            if mustExist { throw StatementParseError(file: directory.path, reason: "bank profile directory not found") }
            return []
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw StatementParseError(file: directory.path, reason: "cannot list the directory: \(error.localizedDescription)")
        }
        var profiles: [BankProfile] = []
        var files: [String: String] = [:]
        for name in names.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let url = directory.appendingPathComponent(name)
            let data: Data
            do {
                data = try Data(contentsOf: url)
            } catch {
                throw StatementParseError(file: url.path, reason: "cannot read: \(error.localizedDescription)")
            }
            let profile = try BankProfile.decode(data, file: url.path)
            if let other = files[profile.name] {
                throw StatementParseError(file: url.path, field: "name", reason: "'\(profile.name)' is also the name of \(other)")
            }
            files[profile.name] = name
            profiles.append(profile)
        }
        return profiles
    }

    // MARK: - Detection

    /// How many leading rows detection looks at.
    public static let detectionRows = 30

    /// The profile whose header markers all appear in one of the first 30 rows of `data`, read with
    /// the profile's encoding (or detected). When several match, the one with the most markers wins
    /// (the most specific layout); among equals, the first in `profiles`. nil if none matches.
    public static func detect(_ data: Data, fileName: String, profiles: [BankProfile]) -> BankProfile? {
        var tables: [String: BankProfileTable] = [:]
        func table(_ encoding: TextEncoding?) -> BankProfileTable? {
            let key = encoding?.rawValue ?? "detect"
            if let table = tables[key] { return table }
            let table = try? BankProfileTable.load(data, fileName: fileName, encoding: encoding, limit: detectionRows, lenient: true)
            tables[key] = table
            return table
        }
        var best: BankProfile?
        for profile in profiles where profile.problem() == nil {
            guard let rows = table(profile.textEncoding), rows.headerIndex(markers: profile.headerMarkers) != nil else { continue }
            if best.map({ profile.headerMarkers.count > $0.headerMarkers.count }) ?? true { best = profile }
        }
        return best
    }
}
