import Foundation
import VillageWatchCore

/// A county "map" without geometry: one square per village, rows by town, coloured from grey
/// (nothing open) through amber to red by a risk score, each square linking to its findings.
/// Server-rendered SVG, readable on a phone.
public struct RiskGrid: Sendable {
    public struct Cell: Sendable {
        public let label: String
        public let score: Int
        public let href: String

        public init(label: String, score: Int, href: String) {
            self.label = label
            self.score = score
            self.href = href
        }
    }

    public struct Row: Sendable {
        public let label: String
        public let cells: [Cell]

        public init(label: String, cells: [Cell]) {
            self.label = label
            self.cells = cells
        }
    }

    public let rows: [Row]
    let cell = 22.0, gap = 3.0, labelWidth = 76.0

    public init(rows: [Row]) { self.rows = rows }

    /// Grey for 0, then five steps from amber to deep red relative to the highest score.
    static func colour(_ score: Int, highest: Int) -> String {
        guard score > 0, highest > 0 else { return "#e3e7eb" }
        let steps = ["#fde68a", "#fbbf24", "#f59e0b", "#ea580c", "#b91c1c"]
        return steps[min(steps.count - 1, (score * steps.count - 1) / highest)]
    }

    public var svg: String {
        let highest = rows.flatMap(\.cells).map(\.score).max() ?? 0
        let columns = max(1, rows.map(\.cells.count).max() ?? 1)
        let width = labelWidth + Double(columns) * (cell + gap), height = Double(rows.count) * (cell + gap) + 4
        var parts = [String(format: "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" class=\"chart grid\">", width, height)]
        for (r, row) in rows.enumerated() {
            let y = Double(r) * (cell + gap) + 2
            parts.append(String(format: "<text x=\"0\" y=\"%.1f\" font-size=\"11\" fill=\"#1c2733\">", y + cell - 6) + HTMLEscape.escaped(row.label) + "</text>")
            for (c, item) in row.cells.enumerated() {
                let x = labelWidth + Double(c) * (cell + gap)
                parts.append("<a href=\"\(HTMLEscape.escaped(item.href))\">" + String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" ", x, y, cell, cell)
                             + "fill=\"\(Self.colour(item.score, highest: highest))\"><title>" + HTMLEscape.escaped("\(item.label) 风险分 \(item.score)")
                             + "</title></rect></a>")
            }
        }
        parts.append("</svg>")
        return parts.joined()
    }
}
