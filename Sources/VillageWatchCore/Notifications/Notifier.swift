import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging

/// The one way the platform tells people something. Sending never fails the action that caused
/// it: the action is already committed, so a gateway that is down is logged, not retried here.
public protocol Notifier: Sendable {
    func send(_ notification: Notification) async
}

/// Writes each notification to the log (the default, and what a county without a gateway uses).
/// A villager's number appears masked.
public struct LogNotifier: Notifier {
    let logger: Logger

    public init(logger: Logger = Logger(label: "villagewatch.notify")) { self.logger = logger }

    public func send(_ notification: Notification) async {
        logger.info("\(notification.event) → \(notification.audience) \(notification.areaCode): \(notification.message)",
                    metadata: ["link": "\(notification.link)", "phone": "\(notification.phone.map(Masking.number) ?? "-")"])
    }
}

/// Posts each notification as JSON to a gateway (an SMS or WeChat service), with a bearer token
/// when one is configured; failures are logged.
public struct WebhookNotifier: Notifier {
    let url: URL
    let token: String?
    let logger: Logger

    public init(url: URL, token: String? = nil, logger: Logger = Logger(label: "villagewatch.notify")) {
        self.url = url
        self.token = token
        self.logger = logger
    }

    public func send(_ notification: Notification) async {
        var request = URLRequest(url: url, timeoutInterval: 10)
        request.httpMethod = "POST"
        request.setValue("application/json; charset=utf-8", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        do {
            request.httpBody = try JSONEncoder().encode(notification)
            let (_, response) = try await URLSession.shared.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            guard (200..<300).contains(status) else {
                logger.error("webhook \(url) answered \(status) to \(notification.event)")
                return
            }
        } catch {
            logger.error("webhook \(url) failed for \(notification.event): \(error)")
        }
    }
}

public enum Notifiers {
    /// The webhook when `VILLAGEWATCH_NOTIFY_WEBHOOK` is set (token from
    /// `VILLAGEWATCH_NOTIFY_TOKEN`), the log otherwise.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> any Notifier {
        guard let raw = environment["VILLAGEWATCH_NOTIFY_WEBHOOK"], let url = URL(string: raw), url.scheme?.hasPrefix("http") == true else {
            return LogNotifier()
        }
        return WebhookNotifier(url: url, token: environment["VILLAGEWATCH_NOTIFY_TOKEN"])
    }
}
