/// ISO 4217 minor units: how many decimals an amount in a currency has, so that every parser
/// turns text into the same integer minor units.
public enum CurrencyMinorUnit {
    /// Currencies whose minor unit is not 2 digits; every other code (CNY, EUR, PLN, CHF, the
    /// withdrawn DEM, …) has 2.
    private static let exponents: [String: Int] = [
        "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0, "RWF": 0,
        "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
        "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
        "CLF": 4, "UYW": 4,
    ]

    /// Digits after the decimal separator in `currency`'s minor unit; 2 when unknown.
    public static func exponent(of currency: String) -> Int {
        exponents[currency] ?? 2
    }

    /// Whether `text` is three capital letters, as an ISO 4217 code is.
    public static func isCurrencyCode(_ text: some StringProtocol) -> Bool {
        text.count == 3 && text.allSatisfy { $0.isASCII && $0.isUppercase }
    }
}
