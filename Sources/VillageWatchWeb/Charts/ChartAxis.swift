import Foundation
import VillageWatchCore

/// The frame every server-rendered chart shares: plot margins, a value axis from a lower to an
/// upper bound with three labelled grid lines, and category labels along the bottom. Charts only
/// decide where their marks go; the axis, its text and the escaping are done once here.
struct ChartAxis: Sendable {
    let width: Int, height: Int
    let lower: Int64, upper: Int64
    let tickText: @Sendable (Int64) -> String
    let left = 44.0, right = 12.0, bottom = 36.0
    /// Room above the plot: more when a legend sits there.
    var top = 12.0

    init(width: Int, height: Int, lower: Int64, upper: Int64, tickText: @escaping @Sendable (Int64) -> String) {
        self.width = width
        self.height = height
        self.lower = lower
        self.upper = upper > lower ? upper : lower + 1
        self.tickText = tickText
    }

    /// A range from zero (or the lowest negative value) to the largest value.
    init(width: Int, height: Int, values: [Int64], tickText: @escaping @Sendable (Int64) -> String) {
        self.init(width: width, height: height, lower: min(0, values.min() ?? 0), upper: max(0, values.max() ?? 0), tickText: tickText)
    }

    var plotWidth: Double { Double(width) - left - right }
    var plotHeight: Double { Double(height) - top - bottom }

    func y(_ value: Int64) -> Double {
        let clamped = min(max(value, lower), upper)
        return top + plotHeight * (1 - Double(clamped - lower) / Double(upper - lower))
    }

    /// The opening tag, the grid lines with their values, and the category labels.
    func frame(labels: [String], x: (Int) -> Double) -> [String] {
        var parts = ["<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" class=\"chart\">"]
        for tick in [lower, lower + (upper - lower) / 2, upper] {
            parts.append(String(format: "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#d9dee4\"/>", left, left + plotWidth, y(tick), y(tick)))
            parts.append(String(format: "<text x=\"4\" y=\"%.1f\" font-size=\"11\" fill=\"#5b6775\">", y(tick) + 4) + HTMLEscape.escaped(tickText(tick)) + "</text>")
        }
        let every = max(1, labels.count / 6)
        for (i, label) in labels.enumerated() where i % every == 0 || i == labels.count - 1 {
            parts.append(String(format: "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5b6775\">", x(i), height - 12)
                         + HTMLEscape.escaped(label) + "</text>")
        }
        return parts
    }


    /// Amounts in fen as the axis shows them: 万元 above ten thousand yuan, else 元.
    static func yuanTick(_ fen: Int64) -> String {
        let yuan = fen / 100
        return yuan.magnitude >= 10_000 ? "\(yuan / 10_000)万" : "\(yuan)"
    }
}
