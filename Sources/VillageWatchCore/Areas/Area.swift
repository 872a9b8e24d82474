/// One area of the county's hierarchy as stored.
public struct Area: Sendable, Hashable, Codable {
    public let code: AreaCode
    public let name: String
    public let parentCode: String?

    public var level: AreaLevel { code.level }

    public init(code: AreaCode, name: String, parentCode: String?) {
        self.code = code
        self.name = name
        self.parentCode = parentCode
    }
}

/// How many areas of each level lie below an area.
public struct AreaCounts: Sendable, Hashable, Codable {
    public var towns = 0
    public var villages = 0
    public var groups = 0

    public init(towns: Int = 0, villages: Int = 0, groups: Int = 0) {
        self.towns = towns
        self.villages = villages
        self.groups = groups
    }
}
