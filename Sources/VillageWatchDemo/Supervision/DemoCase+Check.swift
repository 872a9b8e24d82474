import Foundation
import VillageWatchCore

extension DemoCase {
    /// Whether one finding (a JSON line of `villagewatch screen`) is about this case: same code
    /// and village, and the case's identifier among the subject's values.
    func matches(_ finding: [String: Any]) -> Bool {
        guard finding["code"] as? String == code, finding["village_code"] as? String == villageCode,
              let subject = finding["subject"] as? [String: Any] else { return false }
        return subject.values.contains { value in
            (value as? String) == self.subject || (value as? [String])?.contains(self.subject) == true
        }
    }

    /// The planted cases the findings get wrong: a case that should fire and has no finding, or
    /// a near-miss that raised one. Empty when every case is as planted.
    public static func problems(_ cases: [DemoCase], findings jsonLines: [String]) -> [String] {
        let findings = jsonLines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let byCode = Dictionary(grouping: findings) { $0["code"] as? String ?? "" }
        return cases.compactMap { planted in
            let found = (byCode[planted.code] ?? []).contains(where: planted.matches)
            guard found != planted.shouldFire else { return nil }
            return "\(planted.code) \(planted.villageCode) \(planted.subject) (\(planted.name)): " + (found ? "raised a finding" : "not found")
        }
    }
}

extension DemoCase {
    /// The cases of a planted.csv the generator wrote.
    public static func read(from url: URL) throws -> [DemoCase] {
        let reader = try CSVReader(url: url)
        guard try reader.next()?.fields == header else { throw DemoGeneratorError.fileNotOpen(url.lastPathComponent) }
        var cases: [DemoCase] = []
        while let record = try reader.next(), record.fields.count == header.count {
            let f = record.fields
            cases.append(DemoCase(name: f[0], code: f[1], shouldFire: f[2] == "found", villageCode: f[3], subject: f[4]))
        }
        return cases
    }
}
