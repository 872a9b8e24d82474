/// Name material for the synthetic county: Leizhou-typical surnames with weights, given-name
/// characters by sex and generation, and natural-village (自然村) names for village groups.
public enum DemoNames {
    /// Surnames with rough relative frequencies for the Leizhou peninsula (陈 dominates).
    static let surnameTable: [(String, Int)] = [
        ("陈", 190), ("李", 62), ("黄", 58), ("林", 55), ("吴", 48), ("王", 46), ("梁", 40),
        ("蔡", 36), ("何", 30), ("莫", 28), ("邓", 26), ("杨", 25), ("张", 25), ("罗", 20),
        ("庞", 18), ("揭", 15), ("郑", 15), ("许", 14), ("洪", 13), ("唐", 13), ("周", 12),
        ("钟", 12), ("彭", 11), ("符", 11), ("戚", 10), ("谢", 10), ("刘", 10), ("冯", 9),
        ("朱", 9), ("苏", 8), ("邱", 8), ("麦", 8), ("潘", 7), ("曾", 7), ("詹", 7), ("宋", 6),
        ("龙", 6), ("卢", 6), ("徐", 6), ("赵", 5), ("欧", 5), ("柯", 5), ("袁", 4), ("颜", 4),
        ("文", 4), ("劳", 4), ("薛", 3), ("邹", 3), ("全", 3), ("韦", 3), ("纪", 3), ("沈", 3),
    ]
    static let surnames: [String] = surnameTable.map(\.0)
    static let surnameCumulative: [Int] = {
        var total = 0
        return surnameTable.map { total += $0.1; return total }
    }()

    /// Characters for men born roughly before 1975.
    static let maleOld: [String] = [
        "国", "华", "建", "文", "明", "德", "福", "金", "昌", "永", "祥", "荣", "光", "生", "才",
        "发", "财", "贵", "忠", "保", "安", "耀", "钦", "焕", "培", "炳", "祖", "茂", "添", "瑞",
        "运", "先", "学", "武", "汉", "兴", "振", "庆", "春", "水", "进", "良", "成", "胜", "坤",
        "雄", "强", "平", "东", "海", "志", "军", "树", "章", "桂", "伯", "仁", "义", "有", "富",
    ]
    /// Characters for men born roughly after 1990.
    static let maleYoung: [String] = [
        "伟", "杰", "俊", "浩", "宇", "辉", "锋", "健", "鹏", "飞", "涛", "波", "亮", "斌", "勇",
        "泽", "航", "博", "睿", "晨", "轩", "铭", "康", "豪", "然", "皓", "阳", "凯", "子", "嘉",
        "宏", "智", "毅", "鑫", "楠", "洋", "彬", "翔", "超", "峰", "哲", "骏", "炜", "烨", "霖",
        "文", "明", "志", "海", "新", "家", "诚", "俊", "宁", "逸", "昊", "源", "铭", "晟", "煜",
    ]
    /// Characters for women born roughly before 1975.
    static let femaleOld: [String] = [
        "秀", "英", "兰", "珍", "凤", "琼", "莲", "花", "妹", "桂", "梅", "玉", "美", "金", "珠",
        "爱", "彩", "娇", "翠", "萍", "月", "春", "芳", "娟", "霞", "红", "群", "琴", "菊", "香",
        "娥", "连", "女", "好", "带", "銮", "葵", "清", "惠", "贞", "瑞", "丽", "燕", "杏", "仙",
    ]
    /// Characters for women born roughly after 1990.
    static let femaleYoung: [String] = [
        "婷", "雪", "琳", "晶", "慧", "颖", "洁", "欣", "怡", "悦", "诗", "涵", "雨", "佳", "思",
        "妍", "嘉", "倩", "蓉", "静", "敏", "丹", "璐", "瑶", "萱", "琪", "娜", "薇", "晴", "婉",
        "芷", "琦", "冰", "露", "霏", "钰", "茜", "菲", "莹", "梦", "琬", "馨", "玥", "可", "欣",
    ]

    /// A given name of one or two characters fitting the person's sex and birth year.
    static func givenName(male: Bool, birthYear: Int, rng: inout DemoRandom) -> String {
        let old: Bool
        if birthYear < 1972 { old = true } else if birthYear > 1992 { old = false } else { old = rng.chance(0.5) }
        let chars = male ? (old ? maleOld : maleYoung) : (old ? femaleOld : femaleYoung)
        let first = rng.pick(chars)
        // One-character given names are more common among older generations.
        if rng.chance(old ? 0.22 : 0.12) { return first }
        // Leizhou nicknames registered as names: 亚X for some older people.
        if old, rng.chance(0.06) { return "亚" + first }
        var second = rng.pick(chars)
        if second == first, !(!male && !old && rng.chance(0.5)) { second = rng.pick(chars) }
        return first + second
    }

    /// A villager's full name (surname by the county's frequencies), for demo items.
    public static func villagerName(rng: inout DemoRandom) -> String {
        surnames[rng.index(cumulative: surnameCumulative)] + givenName(male: rng.chance(0.5), birthYear: rng.int(1950...2000), rng: &rng)
    }

    // MARK: Village groups

    static let groupNumerals: [String] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    /// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五, 100 → 一百 (enough for group numbers).
    static func chineseNumber(_ n: Int) -> String {
        precondition(n > 0 && n < 1000)
        if n < 10 { return groupNumerals[n] }
        if n < 20 { return "十" + groupNumerals[n - 10] }
        if n < 100 { return groupNumerals[n / 10] + "十" + groupNumerals[n % 10] }
        let rest = n % 100
        let tail = rest == 0 ? "" : (rest < 10 ? "零" + groupNumerals[rest] : (rest < 20 ? "一" : "") + chineseNumber(rest))
        return groupNumerals[n / 100] + "百" + tail
    }

    static let placePrefixes = ["东", "西", "南", "北", "上", "下", "新", "后", "前", "大", "小", "中", "老"]
    static let placeFeatures = ["塘", "岭", "坡", "湾", "园", "港", "山", "田", "洋", "井", "溪", "墩", "埚", "尾", "头"]
    static let clanSuffixes = ["屋", "村", "坡", "园", "宅", "家"]

    /// A natural-village style name (without the 村民小组 suffix) for a rural group.
    static func naturalVillageName(dominantSurname: Int, rng: inout DemoRandom) -> String {
        let surname = surnames[dominantSurname]
        let r = rng.unit()
        if r < 0.55 {
            let suffix = rng.pick(clanSuffixes)
            return suffix == "家" ? surname + "家村" : surname + suffix
        } else if r < 0.80 {
            return rng.pick(placePrefixes) + surname + "村"
        } else {
            return rng.pick(placePrefixes) + rng.pick(placeFeatures) + "村"
        }
    }
}
