import Foundation
import VillageWatchCore

/// A server-rendered SVG chart of side-by-side bars per label, such as a village's monthly
/// income and spending, with a legend. Amounts are fen; the axis shows yuan.
public struct BarChart: Sendable {
    public struct Series: Sendable {
        public let name: String
        public let colour: String
        public let values: [Int64]

        public init(name: String, colour: String, values: [Int64]) {
            self.name = name
            self.colour = colour
            self.values = values
        }
    }

    public let labels: [String]
    public let series: [Series]

    public init(labels: [String], series: [Series]) {
        self.labels = labels
        self.series = series
    }

    public var svg: String {
        var axis = ChartAxis(width: 400, height: 230, values: series.flatMap(\.values), tickText: ChartAxis.yuanTick)
        axis.top = 28
        let slot = labels.isEmpty ? 0 : axis.plotWidth / Double(labels.count)
        let bar = max(1, slot * 0.8 / Double(max(series.count, 1)))
        func x(_ i: Int) -> Double { axis.left + slot * (Double(i) + 0.5) }
        var parts = axis.frame(labels: labels, x: x)
        for (s, series) in series.enumerated() {
            for (i, value) in series.values.enumerated() where i < labels.count {
                let left = x(i) - bar * Double(self.series.count) / 2 + bar * Double(s)
                let top = min(axis.y(value), axis.y(0)), height = abs(axis.y(value) - axis.y(0))
                parts.append(String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" ", left, top, bar, height)
                             + "fill=\"\(series.colour)\"><title>" + HTMLEscape.escaped("\(labels[i]) \(series.name) \(Fen(value).yuanText)") + "</title></rect>")
            }
            parts.append(String(format: "<rect x=\"%.1f\" y=\"2\" width=\"10\" height=\"10\" ", axis.left + 90 * Double(s)) + "fill=\"\(series.colour)\"/>")
            parts.append(String(format: "<text x=\"%.1f\" y=\"11\" font-size=\"11\" fill=\"#1c2733\">", axis.left + 90 * Double(s) + 14)
                         + HTMLEscape.escaped(series.name) + "</text>")
        }
        parts.append("</svg>")
        return parts.joined()
    }
}
