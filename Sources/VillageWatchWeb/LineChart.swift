import Foundation

/// A small server-rendered SVG line chart (no JavaScript): one series of values 0–100 over
/// labelled points, for trends such as a village's monthly compliance score.
public struct LineChart: Sendable {
    public let labels: [String]
    public let values: [Int]
    public var width = 640, height = 220

    public init(labels: [String], values: [Int]) {
        self.labels = labels
        self.values = values
    }

    public var svg: String {
        let left = 36.0, right = 12.0, top = 12.0, bottom = 36.0
        let plotW = Double(width) - left - right, plotH = Double(height) - top - bottom
        let step = values.count > 1 ? plotW / Double(values.count - 1) : 0
        func x(_ i: Int) -> Double { left + Double(i) * step }
        func y(_ v: Int) -> Double { top + plotH * (1 - Double(min(max(v, 0), 100)) / 100) }
        var parts = ["<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" class=\"chart\">"]
        for tick in [0, 50, 100] {
            parts.append(String(format: "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#d9dee4\"/>", left, left + plotW, y(tick), y(tick)))
            parts.append(String(format: "<text x=\"4\" y=\"%.1f\" font-size=\"11\" fill=\"#5b6775\">%d</text>", y(tick) + 4, tick))
        }
        let points = values.indices.map { String(format: "%.1f,%.1f", x($0), y(values[$0])) }.joined(separator: " ")
        parts.append("<polyline fill=\"none\" stroke=\"#b3261e\" stroke-width=\"2\" points=\"\(points)\"/>")
        let every = max(1, labels.count / 6)
        for (i, label) in labels.enumerated() where i % every == 0 || i == labels.count - 1 {
            parts.append(String(format: "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5b6775\">", x(i), height - 12)
                         + Self.escape(label) + "</text>")
        }
        parts.append("</svg>")
        return parts.joined()
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
