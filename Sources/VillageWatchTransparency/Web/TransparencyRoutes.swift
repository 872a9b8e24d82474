import Foundation
import Hummingbird
import VillageWatchWeb

/// The public endpoints an outside verifier needs, and nothing else: the verifier key, the latest
/// signed checkpoint, the leaves, and inclusion and consistency proofs.
public struct TransparencyRoutes: Sendable {
    public let log: TransparencyLog
    static let maxEntries = 1000

    public init(log: TransparencyLog) { self.log = log }

    public func register(on router: Router<AppRequestContext>) {
        router.get("/transparency/key") { _, _ in text(log.signer.verifierKey + "\n") }
        router.get("/transparency/checkpoint") { _, _ in text(try await log.checkpoint()) }
        router.get("/transparency/entries") { request, _ in try await entries(request) }
        router.get("/transparency/proof/inclusion") { request, _ in try await inclusion(request) }
        router.get("/transparency/proof/consistency") { request, _ in try await consistency(request) }
    }

    struct Entry: Encodable { let index: Int; let leaf: String }
    struct Entries: Encodable { let entries: [Entry] }
    struct Inclusion: Encodable { let index: Int; let tree_size: Int; let leaf_hash: String; let proof: [String] }
    struct Consistency: Encodable { let first: Int; let second: Int; let proof: [String] }

    private func entries(_ request: Request) async throws -> Response {
        let size = try await log.currentTree().size
        let start = try integer(request, "start"), end = try integer(request, "end")
        guard start >= 0, start < end, end <= size else { throw badRequest("need 0 ≤ start < end ≤ \(size)") }
        let leaves = try await log.entries(start: start, end: min(end, start + Self.maxEntries))
        return try json(Entries(entries: leaves.map { Entry(index: $0.index, leaf: $0.leaf.base64EncodedString()) }))
    }

    private func inclusion(_ request: Request) async throws -> Response {
        let tree = try await log.currentTree()
        let index = try integer(request, "index"), size = try integer(request, "tree_size")
        let proof: [[UInt8]]
        do { proof = try tree.inclusionProof(index: index, size: size) } catch { throw badRequest(error.description) }
        return try json(Inclusion(index: index, tree_size: size, leaf_hash: Data(tree.leafHash(at: index)).base64EncodedString(),
                                  proof: proof.map { Data($0).base64EncodedString() }))
    }

    private func consistency(_ request: Request) async throws -> Response {
        let tree = try await log.currentTree()
        let first = try integer(request, "first"), second = try integer(request, "second")
        let proof: [[UInt8]]
        do { proof = try tree.consistencyProof(first: first, second: second) } catch { throw badRequest(error.description) }
        return try json(Consistency(first: first, second: second, proof: proof.map { Data($0).base64EncodedString() }))
    }

    private func integer(_ request: Request, _ name: String) throws -> Int {
        guard let value = request.uri.queryParameters.get(name, as: Int.self) else { throw badRequest("query parameter '\(name)' must be an integer") }
        return value
    }

    private func badRequest(_ message: String) -> HTTPError {
        HTTPError(.badRequest, headers: [.contentType: "application/json; charset=utf-8"],
                  message: String(decoding: (try? CanonicalJSON.encode(["error": message])) ?? Data(), as: UTF8.self))
    }

    private func json(_ value: some Encodable) throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: try CanonicalJSON.encode(value))))
    }

    private func text(_ value: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: value)))
    }
}
