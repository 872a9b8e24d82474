import Hummingbird
import NIOCore

/// A rendered HTML page as a response.
public struct HTML: ResponseGenerator, Sendable {
    public let text: String
    public var status: HTTPResponse.Status

    public init(_ text: String, status: HTTPResponse.Status = .ok) {
        self.text = text
        self.status = status
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// A `303 See Other` after a successful form post, so that reloading does not post again.
public func redirect(to location: String) -> Response {
    Response(status: .seeOther, headers: [.location: location])
}
