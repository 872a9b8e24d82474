/// Minimum password rules for back-office accounts: at least 10 characters, letters and
/// digits, and not the username.
public enum PasswordPolicy {
    public static let minimumLength = 10

    /// The reason a password is refused, in Chinese for the form, or `nil` when acceptable.
    public static func problem(with password: String, username: String) -> String? {
        if password.count < minimumLength { return "密码至少 \(minimumLength) 位" }
        if !password.contains(where: \.isLetter) || !password.contains(where: { $0.isASCIIDigit }) { return "密码须同时包含字母和数字" }
        if password.lowercased().contains(username.lowercased()) { return "密码不能包含用户名" }
        return nil
    }
}
