/// Where the supervision cases are planted: by the village's position in the division file,
/// like `DemoBankPlan`'s bank irregularities (positions 0–3 of every 97), so each kind lands in
/// five of Leizhou's 485 villages and a test on a few dozen villages meets every one. Each
/// kind plants its finding and, in the same village, the near-misses the rule must let pass.
enum DemoSupervisionPlant: Int, CaseIterable, Sendable {
    case deceased = 10, deceasedTypo, publicEmployee, vehicle, business, cadreRelative, duplicate, duplicateElsewhere
    case areaOverstated, payeeMismatch, sharedAccount
    case benford, splitAboveThreshold
    case relativeLessee, relativeLesseeByName, noBidding, term, rentArrears, rentLow

    static func plant(forVillageAt index: Int) -> Self? { Self(rawValue: index % 97) }
}
