import Foundation
import VillageWatchCore

/// A server-rendered SVG flow diagram (a two-sided Sankey): where money came from on the left,
/// the account in the middle, where it went on the right, each band as thick as its amount.
/// Villagers read "who paid in, who was paid" at a glance without any JavaScript.
public struct FlowDiagram: Sendable {
    public struct Flow: Sendable, Equatable {
        public let label: String
        public let amountFen: Int64

        public init(label: String, amountFen: Int64) {
            self.label = label
            self.amountFen = amountFen
        }
    }

    public let sources: [Flow]
    public let hub: String
    public let destinations: [Flow]
    let width = 400.0, columnWidth = 10.0, bandHeight = 240.0, slotMinimum = 30.0, gap = 6.0, top = 8.0

    /// Flows of zero or less are left out; the largest come first.
    public init(sources: [Flow], hub: String, destinations: [Flow]) {
        self.sources = sources.filter { $0.amountFen > 0 }.sorted { $0.amountFen > $1.amountFen }
        self.hub = hub
        self.destinations = destinations.filter { $0.amountFen > 0 }.sorted { $0.amountFen > $1.amountFen }
    }

    /// A node's place: its drawn band (`y0`–`y1`) inside a slot tall enough for its label.
    struct Node: Equatable {
        let flow: Flow
        let y0: Double, y1: Double
    }

    var scale: Double {
        let largest = max(sources.reduce(0) { $0 + $1.amountFen }, destinations.reduce(0) { $0 + $1.amountFen })
        return largest > 0 ? bandHeight / Double(largest) : 0
    }

    /// Stacks flows top-down, each in a slot at least `slotMinimum` tall so labels never overlap.
    func column(_ flows: [Flow]) -> [Node] {
        var y = top
        return flows.map { flow in
            let thickness = max(1, Double(flow.amountFen) * scale)
            defer { y += max(thickness, slotMinimum) + gap }
            return Node(flow: flow, y0: y, y1: y + thickness)
        }
    }

    var height: Double {
        let tallest = [column(sources), column(destinations)].compactMap { $0.last?.y1 }.max() ?? top
        return max(tallest + slotMinimum + top, bandHeight * 0.5)
    }

    public var svg: String {
        let left = column(sources), right = column(destinations)
        let hubX = (width - columnWidth) / 2, sourceX = 108.0, destinationX = width - 108 - columnWidth
        var parts = [String(format: "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" class=\"chart flow\">", width, height)]
        let hubHeight = max(left.reduce(0) { $0 + $1.y1 - $1.y0 }, right.reduce(0) { $0 + $1.y1 - $1.y0 }, 1)
        parts.append(String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#1c2733\"/>", hubX, top, columnWidth, hubHeight))
        parts.append(String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\" fill=\"#1c2733\">", hubX + columnWidth / 2, top + hubHeight + 16)
                     + HTMLEscape.escaped(hub) + "</text>")
        parts += bands(left, from: sourceX + columnWidth, to: hubX, colour: "#2e7d32", nodeX: sourceX, labelX: sourceX - 6, anchor: "end")
        parts += bands(right, from: hubX + columnWidth, to: destinationX, colour: "#b3261e", nodeX: destinationX, labelX: destinationX + columnWidth + 6,
                       anchor: "start", hubSide: .left)
        parts.append("</svg>")
        return parts.joined()
    }

    enum HubSide { case right, left }

    /// The bands between a column of nodes and the hub, stacked on the hub in the same order.
    func bands(_ nodes: [Node], from x0: Double, to x1: Double, colour: String, nodeX: Double, labelX: Double, anchor: String,
               hubSide: HubSide = .right) -> [String] {
        var hubY = top, parts: [String] = []
        let middle = (x0 + x1) / 2
        for node in nodes {
            let thickness = node.y1 - node.y0
            // Sources run node → hub; destinations run hub → node.
            let (a0, a1, b0, b1) = hubSide == .right ? (node.y0, node.y1, hubY, hubY + thickness) : (hubY, hubY + thickness, node.y0, node.y1)
            parts.append(String(format: "<path d=\"M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f L%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f Z\" ",
                                x0, a0, middle, a0, middle, b0, x1, b0, x1, b1, middle, b1, middle, a1, x0, a1)
                         + "fill=\"\(colour)\" fill-opacity=\"0.35\"><title>" + HTMLEscape.escaped(node.flow.label + " " + Fen(node.flow.amountFen).yuanText) + "</title></path>")
            parts.append(String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" ", nodeX, node.y0, columnWidth, thickness) + "fill=\"\(colour)\"/>")
            parts.append(String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" ", labelX, node.y0 + 12) + "text-anchor=\"\(anchor)\" fill=\"#1c2733\">"
                         + HTMLEscape.escaped(node.flow.label) + "</text>")
            parts.append(String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" ", labelX, node.y0 + 26) + "text-anchor=\"\(anchor)\" fill=\"#5b6775\">"
                         + HTMLEscape.escaped(Fen(node.flow.amountFen).yuanText) + "</text>")
            hubY += thickness
        }
        return parts
    }
}
