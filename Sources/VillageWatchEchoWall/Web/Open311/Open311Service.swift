/// An Open311 service: one kind of item about one category (`question.finances`, 咨询·村级财务).
/// Services have no extra attributes (`metadata: false`); the village is the request's `address_id`.
struct Open311Service {
    let kind: EchoItemKind
    let category: EchoCategory

    /// Questions first: a client that posts to "the first service" posts an ordinary question.
    static let all: [Open311Service] = EchoItemKind.allCases.flatMap { kind in EchoCategory.allCases.map { Open311Service(kind: kind, category: $0) } }

    init(kind: EchoItemKind, category: EchoCategory) {
        self.kind = kind
        self.category = category
    }

    init?(code: String) {
        let parts = code.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let kind = EchoItemKind(rawValue: parts[0]), let category = EchoCategory(rawValue: parts[1]) else { return nil }
        self.init(kind: kind, category: category)
    }

    var code: String { "\(kind.rawValue).\(category.rawValue)" }
    var name: String { "\(kind.chineseName)·\(category.chineseName)" }

    var description: String {
        switch kind {
        case .question: "向村（居）委会咨询\(category.chineseName)方面的问题"
        case .suggestion: "就\(category.chineseName)向村（居）委会提出建议"
        case .complaint: "就\(category.chineseName)投诉，由镇（街道）办理"
        case .report: "举报村干部在\(category.chineseName)方面的问题，由监察专干和县纪委监委办理，内容与举报人信息不公开"
        }
    }

    var record: Open311Document.Record {
        Open311Document.Record([("service_code", .text(code)), ("service_name", .text(name)), ("description", .text(description)),
                                ("metadata", .flag(false)), ("type", .text("realtime")), ("keywords", .text(category.chineseName)),
                                ("group", .text(kind.chineseName))])
    }
}
