import Foundation
import VillageWatchCore

/// What a village owes under the county's `ComplianceRules`, and how it stands, as of a day.
///
/// A pure function of the published items: the storage layer loads a village's items once and
/// the dashboards, rankings and the `PUB-OVERDUE` findings are all derived from the result.
/// Evaluating "as of" an earlier day (items published after it are ignored) gives the state of
/// any past month, which is what trends are drawn from.
///
/// The work is split into small steps — which periods are owed, when each is due, which version
/// counts, which status follows — so that each rule can be read and tested on its own.
public struct ComplianceCalendar: Sendable {
    public let rules: ComplianceRules

    public init(rules: ComplianceRules = .defaults) {
        self.rules = rules
    }

    /// Every obligation of one village from the start of `from` (a month) up to `today`.
    ///
    /// - Regular publications: one per period of each kind's cadence that starts on or after the
    ///   first day of `from` and has ended before `today`, including those not yet due
    ///   (`pending`). A quarter that began before `from` is left out, like a partial month.
    /// - Major matters, 五议 proposals and resolutions: one per publication whose decision or
    ///   vote date is on or after the first day of `from`, plus one `overdue`/`pending`
    ///   obligation for each counterpart that is evidently owed but missing.
    ///
    /// Items published after `today` are ignored. Sorted by due date, then kind and category.
    public func obligations(items: [PublishedItem], from: PublicationPeriod, through today: CalendarDate) -> [Obligation] {
        let known = items.filter { $0.publishedOn <= today }
        let start = from.firstDay
        var result: [Obligation] = []
        for kind in PublicationKind.allCases {
            result += regularObligations(kind, items: known, from: start, through: today)
        }
        let events = Self.publications(of: known.filter { $0.category != .regular })
        result += majorObligations(events, from: start, through: today)
        result += fiveStepObligations(events, from: start, through: today)
        return result.sorted(by: Self.precedes)
    }

    // MARK: Regular publications

    /// The periods of `kind` owed in the window: whole periods of its cadence that start on or
    /// after `start` and have ended before `today`. A period still running is not owed yet, so
    /// it is not listed even as pending.
    func owedPeriods(_ kind: PublicationKind, from start: CalendarDate, through today: CalendarDate) -> [PublicationPeriod] {
        var period = rules.regular(kind).cadence.periodLength == .month
            ? PublicationPeriod.month(containing: start) : PublicationPeriod.quarter(containing: start)
        if period.firstDay < start { period = period.next }
        var periods: [PublicationPeriod] = []
        while period.lastDay < today {
            periods.append(period)
            period = period.next
        }
        return periods
    }

    /// Day `dueDay` of the month after the period ends, clamped to that month's length so that
    /// a county rule of "31" means the last day even in February.
    func dueDate(of period: PublicationPeriod, rule: ComplianceRules.Regular) -> CalendarDate {
        let following = PublicationPeriod.month(containing: period.lastDay.adding(days: 1))
        let day = min(rule.dueDay, CalendarDate.daysIn(month: following.index, year: following.year))
        return CalendarDate(year: following.year, month: following.index, day: day)!
    }

    /// The version that fulfils a regular obligation: the earliest published regular item of the
    /// kind for exactly that period. Later versions are amendments; letting them count would
    /// turn a timely publication into a late one, or hide that the first one was late. A
    /// withdrawal does not undo the publication: the original stays visible with its reason.
    static func fulfilling(_ kind: PublicationKind, _ period: PublicationPeriod, in items: [PublishedItem]) -> PublishedItem? {
        earliest(items.filter { $0.category == .regular && $0.kind == kind && $0.period == period })
    }

    func regularObligations(_ kind: PublicationKind, items: [PublishedItem], from start: CalendarDate, through today: CalendarDate) -> [Obligation] {
        let rule = rules.regular(kind)
        return owedPeriods(kind, from: start, through: today).map { period in
            let item = Self.fulfilling(kind, period, in: items)
            let due = dueDate(of: period, rule: rule)
            return Obligation(
                kind: kind, category: .regular, label: "\(period.chineseName)\(kind.chineseName)", period: period,
                dueOn: due, fulfilledOn: item?.publishedOn, itemID: item?.id,
                status: Self.status(dueOn: due, fulfilledOn: item?.publishedOn, asOf: today)
            )
        }
    }

    // MARK: Decisions (major matters, 五议)

    /// One publication seen through its versions: the earliest version is what counts for the
    /// deadline; the latest carries the corrected facts (an amendment may fix a date); it is
    /// withdrawn only if every version is.
    struct VersionGroup {
        let first: PublishedItem
        let latest: PublishedItem
        let withdrawnOn: CalendarDate?
    }

    private enum PublicationKey: Hashable {
        case publication(Int64)
        case event(PublicationKind, PublicationCategory, CalendarDate?, CalendarDate?)
    }

    /// Groups versions into publications by `publicationID`, or, when the storage layer does
    /// not know it, by kind, category and decision/vote date, so that an amendment never counts
    /// as a second, late publication.
    static func publications(of items: [PublishedItem]) -> [VersionGroup] {
        let groups = Dictionary(grouping: items) { item in
            item.publicationID.map(PublicationKey.publication) ?? .event(item.kind, item.category, item.decidedOn, item.voteOn)
        }
        return groups.values.map { versions in
            let ordered = versions.sorted(by: publishedBefore)
            let withdrawn = ordered.contains { $0.withdrawnOn == nil } ? nil : ordered.compactMap(\.withdrawnOn).max()
            return VersionGroup(first: ordered.first!, latest: ordered.last!, withdrawnOn: withdrawn)
        }
        .sorted { publishedBefore($0.first, $1.first) }
    }

    /// A major matter is due `majorMatterDays` after its decision. One without a decision date
    /// cannot be judged and is left to the storage layer's validation.
    func majorObligations(_ publications: [VersionGroup], from start: CalendarDate, through today: CalendarDate) -> [Obligation] {
        publications.compactMap { publication in
            guard publication.latest.category == .major, let decided = publication.latest.decidedOn, decided >= start else { return nil }
            let due = decided.adding(days: rules.majorMatterDays)
            return Obligation(
                kind: publication.latest.kind, category: .major, label: "重大事项：\(decided.chineseText)决定",
                period: .month(containing: decided), dueOn: due, fulfilledOn: publication.first.publishedOn,
                itemID: publication.first.id, status: Self.status(dueOn: due, fulfilledOn: publication.first.publishedOn, asOf: today)
            )
        }
    }

    private struct Vote: Hashable {
        let kind: PublicationKind
        let on: CalendarDate
    }

    /// Proposals and resolutions are paired by kind and vote date, since a vote is what links
    /// them. Each published one is an obligation of its own; a resolution without a proposal
    /// reveals a proposal that was never displayed (overdue), and a proposal still standing at
    /// its vote without a resolution reveals a resolution that is owed (pending, then overdue).
    /// A proposal withdrawn before its vote means the vote was called off: no resolution is owed.
    func fiveStepObligations(_ publications: [VersionGroup], from start: CalendarDate, through today: CalendarDate) -> [Obligation] {
        var proposals: [Vote: [VersionGroup]] = [:], resolutions: [Vote: [VersionGroup]] = [:]
        for publication in publications {
            guard let vote = publication.latest.voteOn, vote >= start else { continue }
            let key = Vote(kind: publication.latest.kind, on: vote)
            switch publication.latest.category {
            case .proposal: proposals[key, default: []].append(publication)
            case .resolution: resolutions[key, default: []].append(publication)
            default: continue
            }
        }
        var result: [Obligation] = []
        for vote in Set(proposals.keys).union(resolutions.keys) {
            let proposed = proposals[vote] ?? [], resolved = resolutions[vote] ?? []
            result += proposed.map { proposalObligation(vote, $0, through: today) }
            result += resolved.map { resolutionObligation(vote, $0, through: today) }
            let standing = proposed.filter { proposal in proposal.withdrawnOn.map { $0 >= vote.on } ?? true }
            for _ in 0..<max(0, resolved.count - proposed.count) {
                result.append(proposalObligation(vote, nil, through: today))
            }
            for _ in 0..<max(0, standing.count - resolved.count) {
                result.append(resolutionObligation(vote, nil, through: today))
            }
        }
        return result
    }

    /// Displayed at least `proposalDisplayDays` before the vote: due on vote − N, and a proposal
    /// put up later is late by the shortfall.
    private func proposalObligation(_ vote: Vote, _ publication: VersionGroup?, through today: CalendarDate) -> Obligation {
        let due = vote.on.adding(days: -rules.proposalDisplayDays)
        return Obligation(
            kind: vote.kind, category: .proposal, label: "五议提议：\(vote.on.chineseText)表决",
            period: .month(containing: vote.on), dueOn: due, fulfilledOn: publication?.first.publishedOn,
            itemID: publication?.first.id, status: Self.status(dueOn: due, fulfilledOn: publication?.first.publishedOn, asOf: today)
        )
    }

    /// Due `resolutionDueDays` after the vote and displayed at least `resolutionDisplayDays`;
    /// days published late and days taken down too early add up.
    private func resolutionObligation(_ vote: Vote, _ publication: VersionGroup?, through today: CalendarDate) -> Obligation {
        let due = vote.on.adding(days: rules.resolutionDueDays)
        let shortfall = publication.map {
            Self.displayShortfall(publishedOn: $0.first.publishedOn, withdrawnOn: $0.withdrawnOn, minimum: rules.resolutionDisplayDays)
        } ?? 0
        return Obligation(
            kind: vote.kind, category: .resolution, label: "五议决议：\(vote.on.chineseText)表决",
            period: .month(containing: vote.on), dueOn: due, fulfilledOn: publication?.first.publishedOn,
            itemID: publication?.first.id,
            status: Self.status(dueOn: due, fulfilledOn: publication?.first.publishedOn, extraDays: shortfall, asOf: today)
        )
    }

    // MARK: Shared rules

    /// The status of one obligation, in calendar days: published → on time or late by the days
    /// after the due date (plus `extraDays` of other shortfall); not published → pending up to
    /// and including the due date, overdue after it. Publishing before the period has even
    /// ended is on time.
    static func status(dueOn: CalendarDate, fulfilledOn: CalendarDate?, extraDays: Int = 0, asOf today: CalendarDate) -> Obligation.Status {
        guard let fulfilled = fulfilledOn else {
            return today > dueOn ? .overdue(days: dueOn.days(to: today)) : .pending
        }
        let late = max(0, dueOn.days(to: fulfilled)) + max(0, extraDays)
        return late > 0 ? .late(days: late) : .onTime
    }

    /// "Displayed at least N days": days missing when the publication was taken down before N
    /// days had passed; a publication still up is taken to stay up, so nothing is missing.
    static func displayShortfall(publishedOn: CalendarDate, withdrawnOn: CalendarDate?, minimum: Int) -> Int {
        guard let withdrawn = withdrawnOn else { return 0 }
        return max(0, minimum - publishedOn.days(to: withdrawn))
    }

    /// The earliest version, the id breaking ties so the choice never depends on input order.
    static func earliest(_ items: [PublishedItem]) -> PublishedItem? {
        items.min(by: publishedBefore)
    }

    static func publishedBefore(_ a: PublishedItem, _ b: PublishedItem) -> Bool {
        (a.publishedOn, a.id) < (b.publishedOn, b.id)
    }

    /// Due date, then kind and category in declaration order, then label and item.
    static func precedes(_ a: Obligation, _ b: Obligation) -> Bool {
        if a.dueOn != b.dueOn { return a.dueOn < b.dueOn }
        let kinds = PublicationKind.allCases, categories = PublicationCategory.allCases
        let ak = kinds.firstIndex(of: a.kind)!, bk = kinds.firstIndex(of: b.kind)!
        if ak != bk { return ak < bk }
        let ac = categories.firstIndex(of: a.category)!, bc = categories.firstIndex(of: b.category)!
        if ac != bc { return ac < bc }
        if a.label != b.label { return a.label < b.label }
        return (a.itemID ?? -1, a.fulfilledOn == nil ? 1 : 0) < (b.itemID ?? -1, b.fulfilledOn == nil ? 1 : 0)
    }
}
