import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
import VillageWatchCore

/// The webhook driver against a real HTTP listener: the notification arrives as JSON with the
/// gateway's token; a gateway that fails or does not exist does not fail the sender.
@Suite struct NotifierTests {
    @Test func theWebhookPostsJSONWithTheToken() async throws {
        let received = Mutex<[(String?, Data)]>([])
        let router = Router()
        router.post("/hook") { request, _ -> HTTPResponse.Status in
            var request = request
            let body = try await request.collectBody(upTo: 65_536)
            received.withLock { $0.append((request.headers[.authorization], Data(buffer: body))) }
            return .noContent
        }
        router.post("/broken") { _, _ -> HTTPResponse.Status in .internalServerError }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let notice = Notification(event: "echo.answered", areaCode: "440882100200", audience: "villager", message: "您反映的咨询（编号 7）已答复",
                                      phone: "13912345678", link: "/echo/track")
            await WebhookNotifier(url: URL(string: "http://127.0.0.1:\(port)/hook")!, token: "gateway-secret").send(notice)
            await WebhookNotifier(url: URL(string: "http://127.0.0.1:\(port)/broken")!).send(notice)
            await WebhookNotifier(url: URL(string: "http://127.0.0.1:9/nothing")!).send(notice)
            let got = received.withLock { $0 }
            #expect(got.count == 1 && got.first?.0 == "Bearer gateway-secret")
            #expect(try JSONDecoder().decode(Notification.self, from: try #require(got.first?.1)) == notice)
        }
        #expect(Notifiers.fromEnvironment(["VILLAGEWATCH_NOTIFY_WEBHOOK": "https://sms.example/hook"]) is WebhookNotifier)
        #expect(Notifiers.fromEnvironment([:]) is LogNotifier)
    }
}
