import Foundation

/// `Content-Disposition` for a download with a Chinese file name: RFC 6266 `filename*` with
/// UTF-8 percent-encoding, so the header itself stays ASCII as HTTP requires.
public enum ContentDisposition {
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    public static func value(fileName: String, inline: Bool) -> String {
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "download"
        return "\(inline ? "inline" : "attachment"); filename*=UTF-8''\(encoded)"
    }
}
