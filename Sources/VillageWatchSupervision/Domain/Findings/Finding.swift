import Crypto
import Foundation
import VillageWatchCore

/// One thing the comparison engine found, as `villagewatch screen` writes it (one JSON object
/// per line, keys in the order IMPORT-FORMATS.md shows) and as the leads workflow tracks it.
public struct Finding: Sendable, Equatable {
    public let code: FindingCode
    public let villageCode: String
    public let subject: [(String, EvidenceValue)]
    public let amountFen: Int64
    public let evidence: [(String, EvidenceValue)]
    /// `{"code":…,"severity":…,"village_code":…,"subject":{…},"amount_fen":…,"evidence":{…}}`
    public let jsonLine: String
    /// What identifies the finding across screenings: code, village and subject (a period alone
    /// names no village). A finding whose `evidenceHash` is unchanged is the same finding, never
    /// raised twice.
    public let key: String

    /// The JSON line and key are written once here: a county's screening sorts and stores
    /// hundreds of thousands of findings by them.
    public init(code: FindingCode, villageCode: String, subject: [(String, EvidenceValue)], amountFen: Int64, evidence: [(String, EvidenceValue)]) {
        self.code = code
        self.villageCode = villageCode
        self.subject = subject
        self.amountFen = amountFen
        self.evidence = evidence
        let subjectJSON = Self.object(subject)
        key = code.rawValue + " " + villageCode + " " + subjectJSON
        jsonLine = "{\"code\":\(EvidenceValue.text(code.rawValue).json),\"severity\":\(EvidenceValue.text(code.severity.rawValue).json),"
            + "\"village_code\":\(EvidenceValue.text(villageCode).json),\"subject\":\(subjectJSON),"
            + "\"amount_fen\":\(amountFen),\"evidence\":\(Self.object(evidence))}"
    }

    public static func == (a: Finding, b: Finding) -> Bool { a.jsonLine == b.jsonLine }

    public var evidenceHash: String {
        let digits = Array("0123456789abcdef".utf8)
        let digest = SHA256.hash(data: Data((Self.object(evidence) + " " + String(amountFen)).utf8))
        return String(decoding: digest.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
    }

    public func subject(_ name: String) -> String? {
        subject.first { $0.0 == name }.flatMap { if case .text(let text) = $0.1 { text } else { nil } }
    }

    static func object(_ fields: [(String, EvidenceValue)]) -> String {
        "{" + fields.map { EvidenceValue.text($0.0).json + ":" + $0.1.json }.joined(separator: ",") + "}"
    }
}

/// A value in a finding's subject or evidence.
public enum EvidenceValue: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    case texts([String])
    /// Amounts in fen or counts that belong together (a split payment's parts, digit counts).
    case integers([Int64])
    case decimal(String)

    var json: String {
        switch self {
        case .text(let text): JSONText.quoted(text)
        case .integer(let value): String(value)
        case .texts(let texts): "[" + texts.map(JSONText.quoted).joined(separator: ",") + "]"
        case .integers(let values): "[" + values.map { String($0) }.joined(separator: ",") + "]"
        case .decimal(let text): text
        }
    }
}
