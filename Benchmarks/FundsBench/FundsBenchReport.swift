/// The lines FundsBench prints.
enum FundsBenchReport {
    static func line(_ label: String, rows: Int, seconds: Double) {
        print(label.padding(toLength: 36, withPad: " ", startingAt: 0)
              + String(format: "%9d rows %8.2f s %10.0f rows/s", rows, seconds, Double(rows) / seconds))
    }

    static func ratio(_ engine: String, pipeline: Double, raw: Double) {
        print(String(format: "\(engine): pipeline rate / raw rate = %.2f (target ≥ 0.50)", raw / pipeline))
    }
}
