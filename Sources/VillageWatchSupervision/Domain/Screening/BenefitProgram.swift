/// A subsidy or assistance programme. Whether it is means-tested decides which registries its
/// payments are compared against; whether it is area-based, whether quantities are compared with
/// contracted land.
public struct BenefitProgram: Sendable, Equatable {
    public let code: String
    public let name: String
    public let department: String
    public let meansTested: Bool
    public let areaBased: Bool

    public init(code: String, name: String, department: String, meansTested: Bool, areaBased: Bool) {
        self.code = code
        self.name = name
        self.department = department
        self.meansTested = meansTested
        self.areaBased = areaBased
    }

    /// The programmes IMPORT-FORMATS.md names; a county's `programs.csv` overrides them by code.
    public static let builtIn: [BenefitProgram] = [
        BenefitProgram(code: "DIBAO", name: "最低生活保障", department: "民政", meansTested: true, areaBased: false),
        BenefitProgram(code: "TEKUN", name: "特困人员救助供养", department: "民政", meansTested: true, areaBased: false),
        BenefitProgram(code: "LINSHI", name: "临时救助", department: "民政", meansTested: true, areaBased: false),
        BenefitProgram(code: "GENGDI", name: "耕地地力保护补贴", department: "农业农村", meansTested: false, areaBased: true),
    ]
}
