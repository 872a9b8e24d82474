/// A registered resident (户籍人口).
public struct Person: Sendable, Hashable {
    public let idNumber: String
    /// Why the ID number failed GB 11643 validation; `nil` when valid.
    public let idProblem: String?
    public let name: String
    public let householdID: String
    public let groupCode: AreaCode
    public let relationToHead: String?
    public let gender: String?
    public let phone: String?
    public let birthDate: String?

    public var villageCode: AreaCode { groupCode.village ?? groupCode }
}

/// Relations to the head of household accepted in `persons.csv`.
public enum HouseholdRelation {
    public static let all: Set<String> = ["户主", "配偶", "子", "女", "父母", "孙子女", "兄弟姐妹", "其他"]
}
