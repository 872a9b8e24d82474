/// The lines FundsBench prints.
enum FundsBenchReport {
    static func line(_ label: String, rows: Int, seconds: Double) {
        print(label.padding(toLength: 44, withPad: " ", startingAt: 0)
              + String(format: "%9d rows %8.2f s %10.0f rows/s", rows, seconds, Double(rows) / seconds))
    }

    /// One raw load and the pipeline's rate as a fraction of it: the bare table shows the whole
    /// gap, the keyed one what is left once the key and indexes every real load pays are counted.
    static func reference(_ engine: String, tool: String, table: FundsBenchRaw.Table, rows: Int, seconds raw: Double, pipeline: Double) {
        line("\(tool) (\(table.label))", rows: rows, seconds: raw)
        print(String(format: "\(engine): pipeline rate / raw rate into the \(table.label) = %.2f (target ≥ 0.50)", raw / pipeline))
    }
}
