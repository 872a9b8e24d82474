import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VillageWatchCore
import VillageWatchServer
import VillageWatchTestSupport

/// The public portal and the operational endpoints.
@Suite struct PublicPagesTests {
    @Test func homeListsEveryTownAndVillagePagesMaskIndividuals() async throws {
        try await WebFixture.run { web in
            var browser = Browser(client: web.client)
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            let towns = try String(contentsOf: try SharedData.divisions, encoding: .utf8).split(separator: "\n").filter { $0.contains(",town,") }
            #expect(towns.count == 22)
            for town in towns { #expect(home.bodyText.contains(String(town.split(separator: ",")[1]))) }
            let village = try await browser.get("/areas/\(TestWorld.villageA)")
            #expect(village.status == .ok)
            #expect(village.bodyText.contains("陈*强") && village.bodyText.contains("党支部书记"))
            #expect(!village.bodyText.contains("陈志强") && !village.bodyText.contains(TestWorld.cadreA))
            #expect(village.bodyText.contains("陈屋村民小组"))
            #expect(try await browser.get("/areas/440882999999").status == .notFound)
            #expect(try await browser.get("/areas/not-a-code").status == .notFound)
        }
    }

    @Test func areaAPIReportsChildrenAndCounts() async throws {
        try await WebFixture.run { web in
            let response = try await web.client.execute(uri: "/api/v1/areas/440882000000", method: .get)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            #expect((json["children"] as? [Any])?.count == 22)
            #expect(json["counts"] as? [String: Int] == ["towns": 22, "villages": 485, "groups": 2])
            #expect((json["area"] as? [String: String])?["level"] == "county")
            let village = try await web.client.execute(uri: "/api/v1/areas/\(TestWorld.villageA)", method: .get)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: village.body)) as? [String: Any])
            #expect((body["area"] as? [String: String])?["parent_code"] == TestWorld.townA)
            #expect(try await web.client.execute(uri: "/api/v1/areas/440882999999", method: .get).status == .notFound)
        }
    }

    @Test func responsesCarrySecurityHeadersAndRequestIDs() async throws {
        try await WebFixture.run { web in
            let response = try await web.client.execute(uri: "/", method: .get)
            #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(response.headers[.init("X-Frame-Options")!] == "DENY")
            #expect(response.headers[.init("X-Request-Id")!]?.isEmpty == false)
        }
    }

    @Test func healthReadinessAndMetrics() async throws {
        try await WebFixture.run { web in
            #expect(try await web.client.execute(uri: "/healthz", method: .get).status == .ok)
            #expect(try await web.client.execute(uri: "/readyz", method: .get).status == .ok)
            _ = try await web.client.execute(uri: "/", method: .get)
            let metrics = try await web.client.execute(uri: "/metrics", method: .get)
            #expect(metrics.status == .ok)
            #expect(String(buffer: metrics.body).contains("hb_requests"))
            #expect(String(buffer: metrics.body).contains("http_server_request_duration_bucket"))
        }
    }
}
