/// What villagers write to the echo wall and what handlers answer, by kind and category
/// (`question`, `suggestion`, `complaint`, `report` × `finances`, `benefits`, `land`, `conduct`,
/// `services`, `other`): realistic material for the demo's year of items.
public enum DemoEchoTexts {
    public struct Entry: Sendable {
        public let kind: String, category: String, text: String, answer: String
    }

    public static let entries: [Entry] = [
        .init(kind: "question", category: "finances", text: "村里去年鱼塘承包费收了多少？用到哪些地方了？",
              answer: "去年鱼塘承包费收入已在财务公开栏和本平台每月公开，主要用于村道维修和卫生保洁，明细可在本村资金页面查询。"),
        .init(kind: "question", category: "benefits", text: "我家老人今年满 80 岁，高龄津贴怎么申请？要带什么材料？",
              answer: "请携带老人身份证、户口簿和银行卡到村委会代办点填表，村里统一报镇民政办审核，审核通过后次月发放。"),
        .init(kind: "question", category: "land", text: "村东边那块集体地要重新发包吗？什么时候公示？",
              answer: "该地块合同年底到期，村里将按规定公开招标，招标公告会提前 15 天在公开栏和本平台公示。"),
        .init(kind: "question", category: "services", text: "村卫生站周末有人值班吗？晚上孩子发烧去哪里看？",
              answer: "卫生站周六上午有人值班，其他时间请到镇卫生院急诊，值班电话已张贴在卫生站门口。"),
        .init(kind: "question", category: "other", text: "今年的村民代表会议什么时候开？村民可以旁听吗？",
              answer: "本季度村民代表会议定于月底召开，会议通知会提前公示，村民可以到会旁听。"),
        .init(kind: "suggestion", category: "services", text: "建议在村口路段装几盏路灯，晚上老人和孩子走路不安全。",
              answer: "感谢建议。村委会已将村口路灯列入今年一事一议项目，预计下月完成安装。"),
        .init(kind: "suggestion", category: "finances", text: "建议把每个月的收支明细贴在祠堂门口，很多老人不会用手机。",
              answer: "采纳。从下月起每月财务公开同时张贴在祠堂和村委会公开栏，并保留三个月。"),
        .init(kind: "suggestion", category: "other", text: "建议组织一次防溺水宣传，池塘边加装警示牌。",
              answer: "村里已在三处池塘边加装警示牌，暑假前将联合学校开展防溺水宣传。"),
        .init(kind: "complaint", category: "services", text: "村里垃圾清运不及时，路边垃圾堆了一个多星期，气味很大。",
              answer: "经镇环卫所核实，清运车辆故障导致延误，已安排加班清运，并调整为每周三次定时清运。"),
        .init(kind: "complaint", category: "benefits", text: "我家符合低保条件，申请了三个月一直没有回音，村里说在等镇里。",
              answer: "经核查，申请材料缺少收入证明，镇民政办已联系您补充材料，补齐后 10 个工作日内完成审核。"),
        .init(kind: "complaint", category: "land", text: "邻村有人在我们组的承包地上倒建筑垃圾，多次反映没人管。",
              answer: "镇综合执法队已现场核查并责令清理，建筑垃圾已于本周清运完毕，将加强巡查。"),
        .init(kind: "complaint", category: "finances", text: "修村道的钱公示了，但路修了一半就停工了，施工队说没拿到钱。",
              answer: "经镇财政所核实，工程款按合同分期支付，第二期已于本月拨付，施工队已复工，预计月底完工。"),
        .init(kind: "complaint", category: "conduct", text: "到村委会办事经常找不到人，上班时间门都是关的。",
              answer: "镇里已约谈村委会主要负责人，村委会实行工作日坐班和值班公示制度，值班电话在门口公示。"),
        .init(kind: "report", category: "benefits", text: "反映村干部把低保名额给了自己亲戚，亲戚家有车有铺面。",
              answer: "经县纪委监委和镇监察专干核查，涉及的低保对象已按规定复核，不符合条件的已停发并追回资金，相关干部已作出处理。"),
        .init(kind: "report", category: "finances", text: "反映村里修水渠的工程没有公开招标，由村干部亲属承包，价格偏高。",
              answer: "经核查，该工程未按规定程序发包，已责令整改并重新审计工程造价，对相关责任人作出处理。"),
        .init(kind: "report", category: "land", text: "反映村集体鱼塘被低价承包给村干部的亲戚，没有开村民代表会议。",
              answer: "经核查，该鱼塘发包程序不规范，已依法终止合同并重新公开招标，相关责任人已被诫勉谈话。"),
        .init(kind: "report", category: "conduct", text: "反映村干部办理证明时收取好处费。",
              answer: "经核查，反映的问题部分属实，已对相关村干部立案调查，收取的费用已退还群众。"),
    ]
}
