import Foundation
import VillageWatchCore

/// A small server-rendered SVG line chart (no JavaScript): one series over labelled points,
/// such as a village's monthly compliance score (0–100) or its balance in fen.
public struct LineChart: Sendable {
    public let labels: [String]
    public let values: [Int64]
    let axis: ChartAxis

    /// Scores from 0 to 100.
    public init(labels: [String], values: [Int]) {
        self.labels = labels
        self.values = values.map(Int64.init)
        axis = ChartAxis(width: 400, height: 200, lower: 0, upper: 100) { "\($0)" }
    }

    /// Amounts in fen, the axis in yuan.
    public init(labels: [String], fen values: [Int64]) {
        self.labels = labels
        self.values = values
        axis = ChartAxis(width: 400, height: 200, values: values, tickText: ChartAxis.yuanTick)
    }

    public var svg: String {
        let step = values.count > 1 ? axis.plotWidth / Double(values.count - 1) : 0
        func x(_ i: Int) -> Double { axis.left + Double(i) * step }
        var parts = axis.frame(labels: labels, x: x)
        let points = values.indices.map { String(format: "%.1f,%.1f", x($0), axis.y(values[$0])) }.joined(separator: " ")
        parts.append("<polyline fill=\"none\" stroke=\"#b3261e\" stroke-width=\"2\" points=\"\(points)\"/>")
        parts.append("</svg>")
        return parts.joined()
    }
}
