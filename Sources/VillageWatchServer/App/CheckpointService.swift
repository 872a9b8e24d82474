import ServiceLifecycle
import VillageWatchTransparency

/// Signs a checkpoint every hour when the log has grown, so a checkpoint exists at least daily
/// even if the one signed after a batch was lost; stops with the server.
struct CheckpointService: Service {
    let log: TransparencyLog

    func run() async throws {
        while !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(3600)) }
            } catch {
                return
            }
            try? await log.checkpoint()
        }
    }
}
