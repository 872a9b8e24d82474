import Foundation
import Hummingbird
import VillageWatchCore

/// A page's table offered as a download, `?format=xlsx` or `?format=csv`: the one way every
/// module turns rows into a file, with a Chinese file name.
public struct TableDownload: Sendable {
    public enum Format: String, Sendable { case csv, xlsx }

    /// Without the extension.
    public let fileName: String
    public let sheets: [XLSXWorkbook.Sheet]

    public init(fileName: String, sheets: [XLSXWorkbook.Sheet]) {
        self.fileName = fileName
        self.sheets = sheets
    }

    /// CSV holds the first sheet.
    public func response(_ format: Format) throws -> Response {
        let (type, bytes): (String, [UInt8]) = switch format {
        case .xlsx: ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Array(try XLSXWorkbook(sheets: sheets).data()))
        case .csv: ("text/csv; charset=utf-8", Array((sheets.first?.csv ?? "").utf8))
        }
        return Response(status: .ok, headers: [.contentType: type,
                                               .contentDisposition: ContentDisposition.value(fileName: "\(fileName).\(format.rawValue)", inline: false)],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
