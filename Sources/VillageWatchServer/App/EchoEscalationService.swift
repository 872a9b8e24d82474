import Logging
import ServiceLifecycle
import VillageWatchEchoWall

/// Escalates late echo wall items every ten minutes (and once at start), so an item left
/// unanswered reaches the next level on the morning after its deadline without anyone acting.
/// Several server instances may run it: each item is escalated under its row lock.
struct EchoEscalationService: Service {
    let items: EchoItemStore
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully {
            do {
                let escalated = try await items.escalateOverdue()
                if !escalated.isEmpty { logger.info("echo wall: escalated \(escalated.count) late items") }
            } catch {
                logger.error("echo wall escalation failed: \(error)")
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(600)) }
            } catch {
                return
            }
        }
    }
}
