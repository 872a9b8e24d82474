import Foundation
import Hummingbird
import NIOCore

/// The few static files (one stylesheet), loaded once and served with a long cache lifetime.
public struct StaticAssets: Sendable {
    let files: [String: (ByteBuffer, String)]

    public init() throws {
        let directory = Bundle.module.resourceURL!.appendingPathComponent("Static")
        var files: [String: (ByteBuffer, String)] = [:]
        for url in try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil) {
            let type = url.pathExtension == "css" ? "text/css; charset=utf-8" : "application/octet-stream"
            files[url.lastPathComponent] = (ByteBuffer(bytes: try Data(contentsOf: url)), type)
        }
        self.files = files
    }

    public func register(on router: Router<AppRequestContext>) {
        router.get("/static/:file") { _, context -> Response in
            guard let name = context.parameters.get("file"), let (body, type) = files[name] else { throw HTTPError(.notFound) }
            return Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=3600"], body: .init(byteBuffer: body))
        }
    }
}
