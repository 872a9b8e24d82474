import Foundation
import VillageWatchCore
import VillageWatchPublications

/// What a villager submits, checked before anything is stored: the text's length, a real name
/// with a mobile number or none at all, and at most six photos that are images by their content.
public struct EchoSubmission: Sendable {
    public var kind: EchoItemKind
    public var category: EchoCategory
    public var village: AreaCode
    public var text: String
    /// Real name and mobile number, or both `nil` for an anonymous item.
    public var reporterName: String?
    public var phone: String?
    public var photos: [Photo]

    public struct Photo: Sendable {
        public let fileName: String
        public let bytes: Data

        public init(fileName: String, bytes: Data) {
            self.fileName = fileName
            self.bytes = bytes
        }
    }

    public static let maxPhotos = 6
    public static let maxPhotoBytes = 5 * 1_048_576
    /// The length of a villager's text and of a handler's answer.
    public static let textLength = 5...2000

    public init(kind: EchoItemKind, category: EchoCategory, village: AreaCode, text: String, reporterName: String? = nil, phone: String? = nil,
                photos: [Photo] = []) {
        self.kind = kind
        self.category = category
        self.village = village
        self.text = text
        self.reporterName = reporterName
        self.phone = phone
        self.photos = photos
    }

    /// The submission as it will be stored.
    public struct Checked: Sendable {
        public let text: String
        public let reporter: (name: String, phone: String)?
        public let photos: [(name: String, kind: AttachmentKind, bytes: Data)]
    }

    public func checked() throws(EchoProblem) -> Checked {
        guard village.level == .village else { throw EchoProblem("请选择所在的村（居）") }
        let text = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 == "\n" || $0.properties.generalCategory != .control }))
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard Self.textLength.contains(text.count) else { throw EchoProblem("内容应为 \(Self.textLength.lowerBound) 至 \(Self.textLength.upperBound) 字，现为 \(text.count) 字") }
        guard photos.count <= Self.maxPhotos else { throw EchoProblem("最多上传 \(Self.maxPhotos) 张照片") }
        return Checked(text: text, reporter: try reporter(), photos: try photos.map { photo throws(EchoProblem) in
            guard photo.bytes.count <= Self.maxPhotoBytes else { throw EchoProblem("照片 \(AttachmentCheck.safeFileName(photo.fileName)) 超过 5 MB") }
            do throws(AttachmentProblem) {
                let kind = try AttachmentCheck.check(fileName: photo.fileName, bytes: photo.bytes)
                guard kind != .pdf else { throw AttachmentProblem("只能上传照片（PNG、JPEG、GIF、WebP）") }
                return (AttachmentCheck.safeFileName(photo.fileName), kind, photo.bytes)
            } catch {
                throw EchoProblem("照片 \(AttachmentCheck.safeFileName(photo.fileName))：\(error.reason)")
            }
        })
    }

    private func reporter() throws(EchoProblem) -> (name: String, phone: String)? {
        let name = (reporterName ?? "").trimmingCharacters(in: .whitespaces)
        let phone = (phone ?? "").filter { !$0.isWhitespace && $0 != "-" }
        if name.isEmpty && phone.isEmpty { return nil }
        guard (2...20).contains(name.count), !name.contains(where: { $0.isASCII && $0.isNumber }) else { throw EchoProblem("实名反映请填写 2 至 20 字的真实姓名") }
        guard Self.isMobileNumber(phone) else { throw EchoProblem("实名反映请填写 11 位手机号码") }
        return (name, phone)
    }

    static func isMobileNumber(_ phone: String) -> Bool {
        let digits = Array(phone.utf8)
        return digits.count == 11 && digits.allSatisfy { $0 >= 48 && $0 <= 57 } && digits[0] == UInt8(ascii: "1") && digits[1] >= UInt8(ascii: "3")
    }
}
