/// A benefit programme of the demo's rolls and how it pays: monthly, once a year or once.
struct DemoProgram: Sendable, Equatable {
    let code: String, name: String, department: String
    let meansTested: Bool, areaBased: Bool

    static let dibao = DemoProgram(code: "DIBAO", name: "最低生活保障", department: "雷州市民政局", meansTested: true, areaBased: false)
    static let tekun = DemoProgram(code: "TEKUN", name: "特困人员救助供养", department: "雷州市民政局", meansTested: true, areaBased: false)
    static let linshi = DemoProgram(code: "LINSHI", name: "临时救助", department: "雷州市民政局", meansTested: true, areaBased: false)
    static let gaoling = DemoProgram(code: "GAOLING", name: "高龄津贴", department: "雷州市民政局", meansTested: false, areaBased: false)
    static let canji = DemoProgram(code: "CANJI", name: "困难残疾人生活补贴", department: "雷州市残疾人联合会", meansTested: true, areaBased: false)
    static let gengdi = DemoProgram(code: "GENGDI", name: "耕地地力保护补贴", department: "雷州市农业农村局", meansTested: false, areaBased: true)

    static let all = [dibao, tekun, linshi, gaoling, canji, gengdi]

    /// The row of programs.csv.
    var row: [String] { [code, name, department, meansTested ? "true" : "false", areaBased ? "true" : "false"] }
    static let header = ["program_code", "program_name", "department", "means_tested", "area_based"]
}
