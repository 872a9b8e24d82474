import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// A `multipart/form-data` post: text fields and uploaded files (CSV imports, attachments).
public struct MultipartForm: Sendable {
    public struct File: Sendable {
        public let field: String
        public let fileName: String
        public let data: Data
    }

    public var fields: [String: String] = [:]
    public var files: [File] = []

    /// Reads the whole body (at most `limit` bytes) and checks the session's CSRF token, which
    /// every state-changing upload carries in its `csrf` field.
    public static func read(_ request: Request, context: AppRequestContext, limit: Int) async throws -> MultipartForm {
        let form = try await read(request, limit: limit)
        guard let session = context.session, form.fields["csrf"] == session.csrfToken else {
            throw HTTPError(.forbidden, message: "表单已过期或来源不明（CSRF 校验失败），请返回重新提交")
        }
        return form
    }

    /// Reads a villager's upload, which has no session: refused from another site (`AnonymousForm`).
    public static func readAnonymous(_ request: Request, limit: Int) async throws -> MultipartForm {
        try AnonymousForm.checkOrigin(request)
        return try await read(request, limit: limit)
    }

    private static func read(_ request: Request, limit: Int) async throws -> MultipartForm {
        guard let type = request.headers[.contentType], let range = type.range(of: "boundary=") else {
            throw HTTPError(.badRequest, message: "请使用文件上传表单提交")
        }
        let boundary = String(type[range.upperBound...]).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        var request = request
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: limit) } catch { throw HTTPError(.contentTooLarge, message: "上传内容超过 \(limit / 1_048_576) MB") }
        return try parse(body, boundary: boundary)
    }

    static func parse(_ body: ByteBuffer, boundary: String) throws -> MultipartForm {
        var form = MultipartForm()
        var headers: [String: String] = [:]
        var data = ByteBuffer()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in headers[name.lowercased()] = value }
        parser.onBody = { chunk in data.writeBuffer(&chunk) }
        parser.onPartComplete = {
            let disposition = headers["content-disposition"] ?? ""
            let name = parameter("name", in: disposition) ?? ""
            if let fileName = parameter("filename", in: disposition) {
                if !fileName.isEmpty || data.readableBytes > 0 {
                    form.files.append(File(field: name, fileName: safeName(fileName), data: Data(data.readableBytesView)))
                }
            } else {
                form.fields[name] = String(buffer: data)
            }
            headers = [:]
            data.clear()
        }
        do { try parser.execute(body) } catch { throw HTTPError(.badRequest, message: "上传内容格式不正确") }
        return form
    }

    /// The last path component, never `.`/`..` or empty, so a name can never point elsewhere.
    static func safeName(_ name: String) -> String {
        let last = (name.replacingOccurrences(of: "\\", with: "/") as NSString).lastPathComponent
        return [".", "..", "", "/"].contains(last) ? "upload" : last
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
