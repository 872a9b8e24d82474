/// Character encodings accepted for imported CSV files.
///
/// Village and township offices export spreadsheets either as UTF-8 or in the
/// legacy Chinese code pages (GBK / GB2312), both of which are subsets of GB18030.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8", gb18030

    /// Accepts "utf-8", "utf8", "gbk", "gb2312", "gb18030" (case-insensitive);
    /// GBK and GB2312 are subsets of GB18030, so both map to `.gb18030`. `nil` otherwise.
    public init?(name: String) {
        switch name.lowercased() {
        case "utf-8", "utf8": self = .utf8
        case "gbk", "gb2312", "gb18030": self = .gb18030
        default: return nil
        }
    }
}
