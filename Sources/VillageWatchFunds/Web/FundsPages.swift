import Foundation
import VillageWatchCore
import VillageWatchWeb

/// What the funds module adds to the shared area pages: on a village's or group's public page
/// the link to its funds page with the current balance; on the back office's area page the
/// accounts and the finance-publication check.
public struct FundsPages: AreaPageContributor {
    public init() {}

    public func publicSections(for area: Area, services: WebServices) async throws -> [PageSection] {
        guard area.level >= .village else { return [] }
        let accounts = try await services.database.read { try await BankAccountReader($0).accounts(within: area.code) }
        guard !accounts.isEmpty else { return [] }
        let html = services.pages.fragment("funds-area-section", [
            "code": area.code.text, "accounts": accounts.count, "balance": Fen(accounts.reduce(0) { $0 + $1.balanceFen }).yuanText,
            "last": accounts.compactMap(\.lastBookedOn).max() ?? "—",
        ])
        return [PageSection(title: "集体资金", html: html)]
    }

    public func adminSections(for area: Area, principal: Principal, services: WebServices) async throws -> [PageSection] {
        guard AccessPolicy.allows(principal, .viewFunds, in: area.code) else { return [] }
        return [PageSection(title: "集体资金", html: services.pages.fragment("funds-admin-section", ["code": area.code.text]))]
    }
}
