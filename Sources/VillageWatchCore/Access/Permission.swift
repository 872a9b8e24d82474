/// What a request wants to do. Every non-public route names one of these and the area it
/// touches; `AccessPolicy` decides.
public enum Permission: String, Sendable, CaseIterable {
    /// Household registry, cadres and declared relatives with full names and ID numbers.
    case viewRegistry
    /// Load canonical CSVs into the registry (rows outside the user's area are refused).
    case importRegistry
    /// Load the county departments' benefit rolls and registries (deaths, public employees,
    /// vehicles, businesses, contracted land, filings, programmes).
    case importDepartmentData
    /// See the record of import runs.
    case viewImports
    /// Create, disable and reset back-office accounts below oneself.
    case manageUsers
    /// Read the audit chain.
    case viewAudit
    /// Draft, submit, amend and withdraw the village's publications (三公开).
    case editPublications
    /// Sign off a submitted publication: the village supervision committee's duty.
    case signOffPublications
    /// See drafts and submissions that are not public yet.
    case viewDraftPublications
    /// Compliance dashboards, rankings, exports, and villagers' reports of missing publications.
    case viewCompliance
    /// Collective accounts with balances and full bank flows (counterparties unmasked).
    case viewFunds
    /// Correct a transaction's category (the village clerk's bookkeeping).
    case editFunds
    /// The comparison engine's findings: people, payments and flows with full names and numbers.
    case viewFindings
    /// Open leads from findings, assign them, record verification and close them.
    case handleLeads
    /// Verify the leads assigned to one's village supervision committee (notes only).
    case verifyLeads
    /// Villagers' questions, suggestions and complaints on the echo wall in full (text, photos),
    /// before and after their answer; not the reporter's identity.
    case viewEchoItems
    /// Reports about cadres: never the village's or the town's to see.
    case viewCadreReports
    /// Acknowledge and answer the echo wall items at village level (and see their reporters).
    case answerVillageEchoItems
    /// Acknowledge and answer complaints and escalated items at town level.
    case answerTownEchoItems
    /// Acknowledge and answer cadre reports and items escalated to the commission.
    case answerCommissionEchoItems
}
