import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// A `multipart/form-data` post with text fields and one uploaded file, saved to a temporary
/// file so that the import pipeline streams it like any other.
struct MultipartUpload {
    var fields: [String: String] = [:]
    var fileName: String?
    var file: URL?

    static func read(_ request: Request, limit: Int) async throws -> MultipartUpload {
        guard let type = request.headers[.contentType], let range = type.range(of: "boundary=") else {
            throw HTTPError(.badRequest, message: "请使用文件上传表单提交")
        }
        let boundary = String(type[range.upperBound...]).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        var request = request
        let body = try await request.collectBody(upTo: limit)
        var upload = MultipartUpload()
        var headers: [String: String] = [:]
        var data = ByteBuffer()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in headers[name.lowercased()] = value }
        parser.onBody = { chunk in data.writeBuffer(&chunk) }
        parser.onPartComplete = {
            let disposition = headers["content-disposition"] ?? ""
            let name = Self.parameter("name", in: disposition) ?? ""
            if let fileName = Self.parameter("filename", in: disposition) {
                upload.fileName = (fileName as NSString).lastPathComponent
                let url = FileManager.default.temporaryDirectory.appendingPathComponent("upload-\(UUID().uuidString)-\(upload.fileName ?? "file")")
                FileManager.default.createFile(atPath: url.path, contents: Data(data.readableBytesView))
                upload.file = url
            } else {
                upload.fields[name] = String(buffer: data)
            }
            headers = [:]
            data.clear()
        }
        do { try parser.execute(body) } catch { throw HTTPError(.badRequest, message: "上传内容格式不正确") }
        return upload
    }

    private static func parameter(_ name: String, in header: String) -> String? {
        for part in header.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces)
            if pair.hasPrefix(name + "=") {
                return String(pair.dropFirst(name.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }
}
