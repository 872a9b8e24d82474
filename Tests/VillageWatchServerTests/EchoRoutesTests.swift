import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VillageWatchCore
import VillageWatchEchoWall
import VillageWatchServer
import VillageWatchTestSupport

/// The echo wall through the real routes: a villager's item from the form to a rated public
/// answer, a report about a cadre that the village never sees, the access check of every admin
/// route, Open311 for clients, and bad input refused with nothing stored.
@Suite struct EchoRoutesTests {
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0,
                           0x1F, 0x15, 0xC4, 0x89, 0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])

    /// Submits through the public form as a villager without an account; returns (id, receipt code).
    func submit(_ web: WebFixture, kind: String, text: String, realName: Bool = false, photos: [(String, Data)] = [],
                village: String = TestWorld.villageA) async throws -> (id: Int64, code: String) {
        var villager = Browser(client: web.client)
        let form = try await villager.get("/areas/\(village)/echo/new")
        let nonce = try #require(Browser.hiddenField("nonce", in: form.bodyText))
        var fields = ["kind": kind, "category": "conduct", "text": text, "nonce": nonce, "identity": realName ? "real" : "anonymous"]
        if realName { fields.merge(["name": "王秀英", "phone": "13912345678"]) { $1 } }
        let receipt = try await villager.upload("/areas/\(village)/echo", fields: fields, files: photos.map { (field: "photos", name: $0.0, bytes: $0.1) })
        #expect(receipt.status == .ok, "\(receipt.bodyText.prefix(300))")
        let id = try #require(Self.between(receipt.bodyText, "id=\"echo-id\">", "<").flatMap { Int64($0) })
        return (id, try #require(Self.between(receipt.bodyText, "id=\"receipt-code\">", "<")))
    }

    static func between(_ text: String, _ start: String, _ end: String) -> String? {
        guard let from = text.range(of: start) else { return nil }
        return String(text[from.upperBound...].prefix { !end.contains($0) })
    }

    @Test func aQuestionGoesFromTheFormToARatedPublicAnswer() async throws {
        try await WebFixture.run { web in
            let item = try await submit(web, kind: "question", text: "邻居林海问：村里的账目什么时候公开？我的电话13912345678。", realName: true, photos: [("路灯.png", Self.png)])
            var clerk = try await web.signIn("clerk-a")
            let list = try await clerk.get("/admin/echo")
            #expect(list.bodyText.contains("/admin/echo/\(item.id)") && list.bodyText.contains("待我办理"))
            let page = try await clerk.get("/admin/echo/\(item.id)")
            #expect(page.bodyText.contains("13912345678。") && page.bodyText.contains("路灯.png") && !page.bodyText.contains("王秀英"))
            #expect(try await clerk.post("/admin/echo/\(item.id)/acknowledge", form: ["csrf": clerk.csrf]).status == .seeOther)
            _ = try await clerk.get("/admin/echo/\(item.id)")
            let short = try await clerk.post("/admin/echo/\(item.id)/answer", form: ["csrf": clerk.csrf, "answer": "好"])
            #expect(short.status == .unprocessableContent && short.bodyText.contains("5 至 2000 字"))
            #expect(try await clerk.post("/admin/echo/\(item.id)/answer", form: ["csrf": clerk.csrf, "answer": "本月 10 日前在公开栏和平台公开。"]).status == .seeOther)
            #expect(!(try await clerk.get("/admin/echo").bodyText.contains("/admin/echo/\(item.id)\"")))            // no longer waiting
            #expect(try await clerk.get("/admin/echo?show=all").bodyText.contains("/admin/echo/\(item.id)\""))
            var villager = Browser(client: web.client)
            let tracked = try await villager.post("/echo/track", form: ["code": item.code])
            #expect(tracked.bodyText.contains("本月 10 日前在公开栏和平台公开。") && tracked.bodyText.contains("rate-form"))
            let rated = try await villager.post("/echo/rate", form: ["code": item.code, "rating": "5"])
            #expect(rated.bodyText.contains("感谢您的评价") && rated.bodyText.contains("已办结"))
            let wall = try await villager.get("/areas/\(TestWorld.villageA)/echo")
            #expect(wall.bodyText.contains("本月 10 日前在公开栏和平台公开。") && wall.bodyText.contains("****5678") && !wall.bodyText.contains("13912345678"))
            #expect(!wall.bodyText.contains("王秀英") && wall.bodyText.contains("★★★★★"))
            #expect(wall.bodyText.contains("邻居林*问") && !wall.bodyText.contains("林海"))      // a registered villager's name in the text
            let village = try await villager.get("/areas/\(TestWorld.villageA)")
            #expect(village.bodyText.contains("回音壁") && village.bodyText.contains("100%"))
            let audit = try await web.database.read { try await $0.raw("SELECT action FROM audit_log WHERE target = \(bind: "echo/\(item.id)") ORDER BY seq").all(decodingColumn: "action", as: String.self) }
            #expect(audit == ["echo.submit", "echo.acknowledge", "echo.answer", "echo.rate"])
        }
    }

    @Test func aCadreReportIsInvisibleToTheVillageConcerned() async throws {
        try await WebFixture.run { web in
            let report = try await submit(web, kind: "report", text: "反映村支书陈志强把低保给了亲戚。", realName: true, photos: [("证据.png", Self.png)])
            let photo = try await web.database.read { try await $0.raw("SELECT id FROM echo_photos").first(decodingColumn: "id", as: Int64.self) }!
            for username in ["clerk-a", "committee-a", "town-a", "auditor-a", "officer-b"] {
                var user = try await web.signIn(username)
                let list = try await user.get("/admin/echo")
                #expect(!list.bodyText.contains("/admin/echo/\(report.id)\"") && !list.bodyText.contains("陈志强"), "\(username) lists it")
                #expect(try await user.get("/admin/echo/\(report.id)").status == .forbidden, "\(username) opens it")
                #expect(try await user.get("/admin/echo/\(report.id)/photos/\(photo)").status == .forbidden, "\(username) sees the photo")
                #expect(try await user.post("/admin/echo/\(report.id)/reporter", form: ["csrf": user.csrf]).status == .forbidden, "\(username) reveals")
            }
            var officer = try await web.signIn("officer-a")
            let page = try await officer.get("/admin/echo/\(report.id)")
            #expect(page.bodyText.contains("陈志强") && !page.bodyText.contains("王秀英"))
            let revealed = try await officer.post("/admin/echo/\(report.id)/reporter", form: ["csrf": officer.csrf])
            #expect(revealed.bodyText.contains("王秀英 13912345678"))
            #expect(try await officer.post("/admin/echo/\(report.id)/answer", form: ["csrf": officer.csrf, "answer": "经核查，已责令整改并追回资金。"]).status == .seeOther)
            var villager = Browser(client: web.client)
            _ = try await villager.post("/echo/rate", form: ["code": report.code, "rating": "4"])
            for path in ["/echo/items/\(report.id)", "/areas/\(TestWorld.villageA)/echo", "/areas/\(TestWorld.villageA)", "/open311/v2/requests/\(report.id).json"] {
                let body = try await villager.get(path).bodyText
                #expect(body.contains("经核查，已责令整改并追回资金。") || path == "/areas/\(TestWorld.villageA)", "\(path)")
                #expect(!body.contains("陈志强") && !body.contains("王秀英") && !body.contains("****5678"), "\(path)")
            }
        }
    }

    @Test func everyAdminRouteChecksRoleAndArea() async throws {
        try await WebFixture.run { web in
            let question = try await submit(web, kind: "question", text: "村卫生站周末有人值班吗？")
            let complaint = try await submit(web, kind: "complaint", text: "垃圾一个多星期没有清运。")
            var anonymous = Browser(client: web.client)
            #expect(try await anonymous.get("/admin/echo").status == .seeOther)
            var department = try await web.signIn("minzheng")
            #expect(try await department.get("/admin/echo").status == .forbidden)
            var otherVillage = try await web.signIn("clerk-b")
            #expect(try await otherVillage.get("/admin/echo/\(question.id)").status == .forbidden)
            #expect(try await otherVillage.post("/admin/echo/\(question.id)/acknowledge", form: ["csrf": otherVillage.csrf]).status == .forbidden)
            var committee = try await web.signIn("committee-a")
            #expect(try await committee.get("/admin/echo/\(question.id)").status == .ok)                       // sees, does not answer
            #expect(try await committee.post("/admin/echo/\(question.id)/answer", form: ["csrf": committee.csrf, "answer": "我们来答复一下。"]).status == .forbidden)
            var town = try await web.signIn("town-a")
            #expect(try await town.post("/admin/echo/\(question.id)/answer", form: ["csrf": town.csrf, "answer": "镇里代为答复一下。"]).status == .forbidden)
            #expect(try await town.post("/admin/echo/\(complaint.id)/answer", form: ["csrf": town.csrf, "answer": "已安排清运并每周巡查。"]).status == .seeOther)
            var clerk = try await web.signIn("clerk-a")
            #expect(try await clerk.post("/admin/echo/\(complaint.id)/reporter", form: ["csrf": clerk.csrf]).status == .forbidden)
            #expect(try await clerk.get("/admin/echo/board").status == .forbidden)
            #expect(try await town.get("/admin/echo/board").bodyText.contains("白沙村委会"))
            #expect(try await town.get("/admin/echo/board?area=\(TestWorld.townB)").status == .forbidden)          // another town
            let compliance = try await town.get("/admin/compliance").bodyText
            #expect(compliance.contains("回音壁办理情况") && compliance.contains("/admin/echo/board?area=\(TestWorld.villageA)"))
            #expect(try await clerk.post("/admin/echo/\(question.id)/acknowledge", form: ["csrf": "forged"]).status == .forbidden)
        }
    }

    @Test func badInputIsRefusedAndNothingIsStored() async throws {
        try await WebFixture.run { web in
            var villager = Browser(client: web.client)
            let form = try await villager.get("/areas/\(TestWorld.villageA)/echo/new")
            let nonce = try #require(Browser.hiddenField("nonce", in: form.bodyText))
            let empty = try await villager.upload("/areas/\(TestWorld.villageA)/echo", fields: ["kind": "question", "category": "other", "text": "  ", "nonce": nonce], files: [])
            #expect(empty.status == .unprocessableContent && empty.bodyText.contains("内容应为 5 至 2000 字"))
            let notImage = try await villager.upload("/areas/\(TestWorld.villageA)/echo", fields: ["kind": "question", "category": "other", "text": "看看这张照片", "nonce": nonce],
                                                     files: [(field: "photos", name: "photo.jpg", bytes: Data("<html><script>alert(1)</script>".utf8))])
            #expect(notImage.status == .unprocessableContent && notImage.bodyText.contains("photo.jpg"))
            let named = try await villager.upload("/areas/\(TestWorld.villageA)/echo", fields: ["kind": "question", "category": "other", "text": "我想问一下", "nonce": nonce,
                                                                                                "identity": "real", "name": "王秀英"], files: [])
            #expect(named.status == .unprocessableContent && named.bodyText.contains("手机号码"))
            let html = "<script>alert('x')</script>路灯坏了"
            #expect(try await villager.upload("/areas/\(TestWorld.villageA)/echo", fields: ["kind": "question", "category": "other", "text": html, "nonce": nonce], files: []).status == .ok)
            let replay = try await villager.upload("/areas/\(TestWorld.villageA)/echo", fields: ["kind": "question", "category": "other", "text": "另一个问题：水渠", "nonce": nonce], files: [])
            #expect(replay.status == .unprocessableContent && replay.bodyText.contains("已经提交过"))
            #expect(try await villager.get("/areas/440882100999/echo/new").status == .notFound)
            #expect(try await villager.upload("/areas/\(TestWorld.townA)/echo", fields: ["kind": "question", "category": "other", "text": "镇上的问题"], files: []).status == .notFound)
            let guessed = try await villager.post("/echo/track", form: ["code": "AAAA-BBBB-CCCC-DDDD"])
            #expect(guessed.status == .unprocessableContent && guessed.bodyText.contains("回执码不正确"))
            var crossSite = Browser(client: web.client)
            #expect(try await crossSite.sendWithOrigin("/echo/track", origin: "https://evil.example").status == .forbidden)
            var clerk = try await web.signIn("clerk-a")
            let page = try await clerk.get("/admin/echo/1")
            #expect(page.bodyText.contains("&lt;script&gt;") && !page.bodyText.contains("<script>alert"))
            let stored = try await web.database.read { try await $0.raw("SELECT COUNT(*) AS n FROM echo_items").first(decodingColumn: "n", as: Int.self) }
            #expect(stored == 1)
        }
    }

    @Test func open311ClientsListPostAndReadInJSONAndXML() async throws {
        try await WebFixture.run { web in
            let key = try await Open311KeyStore(database: web.database).add(name: "wechat", by: .system)
            var client = Browser(client: web.client)
            let services = try await client.get("/open311/v2/services.json")
            #expect(services.headers[.contentType] == "application/json; charset=utf-8")
            let list = try #require(try JSONSerialization.jsonObject(with: Data(services.bodyText.utf8)) as? [[String: Any]])
            #expect(list.count == 24 && list[0]["service_code"] as? String == "question.finances" && list[0]["metadata"] as? Bool == false)
            #expect(try await client.get("/open311/v2/services.xml").bodyText.contains("<services><service><service_code>question.finances</service_code>"))
            #expect(try await client.get("/open311/v2/services/report.conduct.json").bodyText.contains("\"attributes\":[]"))
            let noKey = try await client.post("/open311/v2/requests.json", form: ["service_code": "question.services", "address_id": TestWorld.villageA, "description": "路灯坏了三个月"])
            #expect(noKey.status == .forbidden && noKey.bodyText.contains("\"code\":403"))
            let unknown = try await client.post("/open311/v2/requests.json", form: ["api_key": key, "service_code": "pothole", "address_id": TestWorld.villageA, "description": "路灯坏了"])
            #expect(unknown.status == .badRequest && unknown.bodyText.contains("未知的 service_code"))
            let noVillage = try await client.post("/open311/v2/requests.json", form: ["api_key": key, "service_code": "question.services", "description": "路灯坏了三个月"])
            #expect(noVillage.status == .badRequest && noVillage.bodyText.contains("address_id"))
            let unknownVillage = try await client.post("/open311/v2/requests.json", form: ["api_key": key, "service_code": "question.services",
                                                                                       "address_id": "440882100999", "description": "路灯坏了三个月"])
            #expect(unknownVillage.status == .badRequest && unknownVillage.bodyText.contains("没有找到该村"))
            let notImage = try await client.upload("/open311/v2/requests.json", fields: ["api_key": key, "service_code": "question.services",
                                                                                        "address_id": TestWorld.villageA, "description": "看看这张照片"],
                                                   files: [(field: "media", name: "photo.jpg", bytes: Data("<html>".utf8))])
            #expect(notImage.status == .badRequest && notImage.bodyText.contains("photo.jpg"))
            let posted = try await client.post("/open311/v2/requests.json", form: ["api_key": key, "service_code": "question.services", "address_id": TestWorld.villageA,
                                                                               "description": "路灯坏了三个月", "last_name": "王", "first_name": "秀英", "phone": "13912345678"])
            #expect(posted.status == .created)
            let created = try #require(try JSONSerialization.jsonObject(with: Data(posted.bodyText.utf8)) as? [[String: Any]])
            let id = try #require(created.first?["service_request_id"] as? String), token = try #require(created.first?["token"] as? String)
            let read = try #require(try JSONSerialization.jsonObject(with: Data(try await client.get("/open311/v2/requests/\(id).json").bodyText.utf8)) as? [[String: Any]])
            #expect(read.first?["description"] as? String == "路灯坏了三个月" && read.first?["status"] as? String == "open" && read.first?["address_id"] as? String == TestWorld.villageA)
            #expect(!(try await client.get("/open311/v2/requests/\(id).json").bodyText.contains("王秀英")))
            let xml = try await client.get("/open311/v2/requests/\(id).xml").bodyText
            #expect(xml.hasPrefix("<?xml") && xml.contains("<service_requests><request><service_request_id>\(id)</service_request_id><status>open</status>"))
            #expect(try await client.get("/open311/v2/tokens/\(token).json").bodyText.contains("\"service_request_id\":\"\(id)\""))
            #expect(try await client.get("/open311/v2/requests.json?status=closed").bodyText == "[]")
            #expect(try await client.get("/open311/v2/requests.json?status=open&service_code=question.services&page_size=1").bodyText.contains("\"\(id)\""))
            #expect(try await client.get("/open311/discovery.json").bodyText.contains("GeoReport_v2"))
            let source = try await web.database.read { try await $0.raw("SELECT source FROM echo_items").first(decodingColumn: "source", as: String.self) }
            #expect(source == "open311:wechat")
            #expect(try await client.get("/open311/v2/requests.json?start_date=yesterday").status == .badRequest)
            #expect(try await client.get("/open311/v2/requests.json?status=pending").status == .badRequest)
            #expect(try await client.get("/open311/v2/requests.json?page=9223372036854775807").status == .ok)
            // A pending report is not shown to anyone (it would tell the village someone reported its cadres);
            // photos come as multipart `media` files.
            let report = try await client.upload("/open311/v2/requests.json", fields: ["api_key": key, "service_code": "report.benefits",
                                                                                        "address_id": TestWorld.villageA, "description": "反映村干部优亲厚友"],
                                                 files: [(field: "media", name: "证据.png", bytes: Self.png)])
            #expect(report.status == .created)
            let reportID = try #require(Self.between(report.bodyText, "\"service_request_id\":\"", "\""))
            #expect(try await client.get("/open311/v2/requests/\(reportID).json").status == .notFound)
            #expect(!(try await client.get("/open311/v2/requests.json").bodyText.contains("\"\(reportID)\"")))
            let photos = try await web.database.read { try await $0.raw("SELECT COUNT(*) AS n FROM echo_photos").first(decodingColumn: "n", as: Int.self) }
            #expect(photos == 1)
            var officer = try await web.signIn("officer-a")
            _ = try await officer.get("/admin/echo/\(reportID)")
            _ = try await officer.post("/admin/echo/\(reportID)/answer", form: ["csrf": officer.csrf, "answer": "经核查，已停发并追回。"])
            let answered = try await client.get("/open311/v2/requests/\(reportID).json").bodyText
            #expect(answered.contains("举报内容不公开") && answered.contains("经核查，已停发并追回。") && !answered.contains("优亲厚友"))
        }
    }
}

extension Browser {
    /// A form post that says it comes from another site.
    mutating func sendWithOrigin(_ uri: String, origin: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .origin: origin],
                                 body: ByteBuffer(string: "code=AAAA"))
    }
}
