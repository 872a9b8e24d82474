/// Currency names as Chinese bank exports write them, mapped to ISO 4217 codes.
enum BankCurrencyNames {
    static let builtIn: [String: String] = [
        "人民币": "CNY", "人民币元": "CNY", "RMB": "CNY", "¥": "CNY", "￥": "CNY", "本币": "CNY",
        "美元": "USD", "美金": "USD", "港币": "HKD", "港元": "HKD", "日元": "JPY", "欧元": "EUR", "英镑": "GBP",
        "澳元": "AUD", "澳大利亚元": "AUD", "加元": "CAD", "加拿大元": "CAD", "新加坡元": "SGD", "瑞士法郎": "CHF",
        "韩元": "KRW", "新台币": "TWD", "澳门元": "MOP", "卢布": "RUB", "泰铢": "THB", "新西兰元": "NZD",
    ]

    /// The ISO code for `text` (trimmed): a three-letter code as is (upper-cased), else a known name
    /// (the profile's own aliases first); nil if unknown.
    static func code(for text: String, aliases: [String: String]) -> String? {
        if let alias = aliases[text] ?? builtIn[text] { return alias }
        if text.count == 3, text.allSatisfy({ $0.isASCII && $0.isLetter }) { return text.uppercased() }
        return nil
    }
}
