import Foundation

/// The kinds of file a publication may carry: images and PDF.
public enum AttachmentKind: String, CaseIterable, Sendable {
    case png
    case jpeg
    case gif
    case webp
    case pdf

    public var contentType: String {
        switch self {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .gif: "image/gif"
        case .webp: "image/webp"
        case .pdf: "application/pdf"
        }
    }

    /// The name villagers and officers see.
    public var chineseName: String {
        switch self {
        case .png: "PNG 图片"
        case .jpeg: "JPEG 图片"
        case .gif: "GIF 图片"
        case .webp: "WebP 图片"
        case .pdf: "PDF 文档"
        }
    }

    /// File name extensions (lower case, no dot) that may carry this kind.
    public var fileExtensions: [String] {
        switch self {
        case .png: ["png"]
        case .jpeg: ["jpg", "jpeg"]
        case .gif: ["gif"]
        case .webp: ["webp"]
        case .pdf: ["pdf"]
        }
    }

    public var isImage: Bool { self != .pdf }

    /// The kind the content is, by its first bytes; nil for anything else.
    public static func detect(_ bytes: Data) -> AttachmentKind? {
        let head = [UInt8](bytes.prefix(16))
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + prefix.count && Array(head[offset ..< offset + prefix.count]) == prefix
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        return nil
    }
}

/// Why an attachment was refused; `reason` is shown to the clerk.
public struct AttachmentProblem: Error, Equatable, Sendable {
    public let reason: String

    public init(_ reason: String) {
        self.reason = reason
    }
}

/// Checks an uploaded attachment before anything is stored: its type is taken from its content,
/// never from its name or the browser's claim, and the name must agree with it.
///
/// Serve stored attachments with `kind.contentType` and `X-Content-Type-Options: nosniff`.
public enum AttachmentCheck {
    public static let maxBytes = 10 * 1024 * 1024
    /// The longest file name kept, in characters, extension included.
    public static let maxFileNameLength = 100

    private static let accepted = "仅接受 PNG、JPEG、GIF、WebP 图片和 PDF 文档 (only PNG, JPEG, GIF and WebP images and PDF documents are accepted)"

    public static func check(fileName: String, bytes: Data) throws(AttachmentProblem) -> AttachmentKind {
        guard !bytes.isEmpty else { throw AttachmentProblem("文件为空 (the file is empty)") }
        guard bytes.count <= maxBytes else {
            throw AttachmentProblem("文件过大：\(megabytes(bytes.count))，上限为 \(maxBytes / 1_048_576) MB "
                + "(file too large: \(megabytes(bytes.count)), the limit is \(maxBytes / 1_048_576) MB)")
        }
        let ext = fileExtension(safeFileName(fileName))
        guard let kind = AttachmentKind.detect(bytes) else {
            let claimed = ext.flatMap { ext in AttachmentKind.allCases.first { $0.fileExtensions.contains(ext) } }
            if let other = OtherKind.detect(bytes) {
                if let claimed, let ext {
                    throw AttachmentProblem("文件名为 .\(ext)，但内容不是\(claimed.chineseName)，而是\(other.chineseName)，不能上传 "
                        + "(named .\(ext) but the content is not a \(claimed.rawValue.uppercased()) file: it looks like \(other.englishName)); \(accepted)")
                }
                throw AttachmentProblem("不支持的文件类型：内容是\(other.chineseName) (unsupported file type: it looks like \(other.englishName)); \(accepted)")
            }
            if let claimed, let ext {
                throw AttachmentProblem("文件名为 .\(ext)，但内容不是有效的\(claimed.chineseName) "
                    + "(named .\(ext) but the content is not a valid \(claimed.rawValue.uppercased()) file); \(accepted)")
            }
            throw AttachmentProblem("无法识别的文件类型 (unrecognised file type); \(accepted)")
        }
        // A name without an extension is accepted: the stored kind comes from the content.
        if let ext, !kind.fileExtensions.contains(ext) {
            throw AttachmentProblem("文件扩展名 .\(ext) 与内容不符：内容是\(kind.chineseName)，请改为 .\(kind.fileExtensions[0]) 后重新上传 "
                + "(the extension .\(ext) does not match the content, which is a \(kind.rawValue.uppercased()) file; rename it to .\(kind.fileExtensions[0]))")
        }
        return kind
    }

    /// A file name safe to store and show: the last path component only, without control or
    /// invisible formatting characters (such as the right-to-left override that turns
    /// `exe.pdf` around), without characters Windows forbids, with no leading dots, NFC
    /// normalised, at most `maxFileNameLength` characters with the extension kept. Never empty.
    public static func safeFileName(_ name: String) -> String {
        let fallback = "附件"
        // Both separators: browsers on Windows may send the full path.
        let lastComponent = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var scalars = String.UnicodeScalarView()
        for scalar in lastComponent.precomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                continue
            case .spaceSeparator:
                scalars.append(" ")
            default:
                scalars.append(":*?\"<>|".unicodeScalars.contains(scalar) ? "_" : scalar)
            }
        }
        var result = String(scalars)
        // Collapse runs of spaces, trim spaces, and trailing dots (which Windows drops).
        result = result.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        while result.hasSuffix(".") || result.hasSuffix(" ") { result.removeLast() }
        if result.hasPrefix(".") {
            let rest = result.drop(while: { $0 == "." || $0 == " " })
            result = rest.isEmpty ? "" : fallback + "." + rest
        }
        if result.isEmpty { return fallback }
        var base = result, ext = ""
        if let dot = result.lastIndex(of: "."), dot != result.startIndex {
            base = String(result[..<dot])
            ext = String(result[dot...])
        }
        let numbered: [String] = (1...9).flatMap { ["com\($0)", "lpt\($0)"] }
        let reserved = Set(["con", "prn", "aux", "nul"] + numbered)
        if reserved.contains(base.lowercased().trimmingCharacters(in: .whitespaces)) { base = "_" + base }
        result = base + ext
        if result.count > maxFileNameLength {
            if ext.count <= 16 {
                let kept = base.prefix(maxFileNameLength - ext.count)
                result = String(kept).trimmingCharacters(in: .whitespaces) + ext
            } else {
                result = String(result.prefix(maxFileNameLength))
                while result.hasSuffix(".") || result.hasSuffix(" ") { result.removeLast() }
            }
        }
        return result.isEmpty ? fallback : result
    }

    /// The lower-cased extension of a (safe) file name, without the dot; nil when it has none.
    static func fileExtension(_ name: String) -> String? {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let ext = name[name.index(after: dot)...].lowercased()
        return ext.isEmpty ? nil : ext
    }

    private static func megabytes(_ count: Int) -> String {
        String(format: "%.1f MB", Double(count) / 1_048_576)
    }

    /// Recognisable kinds that are refused, to tell the clerk what the file really is.
    enum OtherKind {
        case windowsExecutable, elfExecutable, macExecutable, script, zip, rar, sevenZip, gzip, officeLegacy, bmp, tiff, html, svg

        var chineseName: String {
            switch self {
            case .windowsExecutable: "Windows 可执行文件"
            case .elfExecutable: "Linux 可执行文件"
            case .macExecutable: "macOS 可执行文件"
            case .script: "脚本文件"
            case .zip: "ZIP 压缩包（或 docx/xlsx 等 Office 文档）"
            case .rar: "RAR 压缩包"
            case .sevenZip: "7z 压缩包"
            case .gzip: "gzip 压缩文件"
            case .officeLegacy: "旧版 Office 文档（doc/xls/ppt）"
            case .bmp: "BMP 图片"
            case .tiff: "TIFF 图片"
            case .html: "HTML 网页"
            case .svg: "SVG 图形"
            }
        }

        var englishName: String {
            switch self {
            case .windowsExecutable: "a Windows executable"
            case .elfExecutable: "a Linux (ELF) executable"
            case .macExecutable: "a macOS executable"
            case .script: "a script"
            case .zip: "a ZIP archive or an Office document"
            case .rar: "a RAR archive"
            case .sevenZip: "a 7z archive"
            case .gzip: "a gzip file"
            case .officeLegacy: "a legacy Office document"
            case .bmp: "a BMP image"
            case .tiff: "a TIFF image"
            case .html: "an HTML page"
            case .svg: "an SVG image"
            }
        }

        static func detect(_ bytes: Data) -> OtherKind? {
            let head = [UInt8](bytes.prefix(512))
            func starts(_ prefix: [UInt8]) -> Bool { head.starts(with: prefix) }
            if starts([0x4D, 0x5A]) { return .windowsExecutable }
            if starts([0x7F, 0x45, 0x4C, 0x46]) { return .elfExecutable }
            if starts([0xFE, 0xED, 0xFA, 0xCE]) || starts([0xFE, 0xED, 0xFA, 0xCF])
                || starts([0xCE, 0xFA, 0xED, 0xFE]) || starts([0xCF, 0xFA, 0xED, 0xFE]) || starts([0xCA, 0xFE, 0xBA, 0xBE]) {
                return .macExecutable
            }
            if starts(Array("#!".utf8)) { return .script }
            if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) || starts([0x50, 0x4B, 0x07, 0x08]) { return .zip }
            if starts(Array("Rar!".utf8) + [0x1A, 0x07]) { return .rar }
            if starts([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) { return .sevenZip }
            if starts([0x1F, 0x8B]) { return .gzip }
            if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .officeLegacy }
            if starts(Array("BM".utf8)) { return .bmp }
            if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
            // Markup: skip a UTF-8 byte order mark and leading blanks, then look at the start.
            var text = head[...]
            if text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
            text = text.drop(while: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
            let lower = String(decoding: text.prefix(256), as: UTF8.self).lowercased()
            if lower.hasPrefix("<svg") || (lower.hasPrefix("<?xml") && lower.contains("<svg")) { return .svg }
            if lower.hasPrefix("<!doctype html") || lower.hasPrefix("<html") || lower.hasPrefix("<script") || lower.hasPrefix("<head")
                || lower.hasPrefix("<body") || lower.hasPrefix("<iframe") { return .html }
            return nil
        }
    }
}
