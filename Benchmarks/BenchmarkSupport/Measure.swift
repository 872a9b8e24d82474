import Foundation
import VillageWatchCore

/// What every benchmark executable measures the same way: wall time and process memory.
public enum Measure {
    /// Seconds `body` took on the monotonic clock.
    public static func seconds(_ body: () async throws -> Void) async rethrows -> Double {
        let start = ContinuousClock.now
        try await body()
        return (ContinuousClock.now - start).seconds
    }

    /// Peak resident memory of this process so far, in MiB (`VmHWM`).
    public static var peakMiB: Int { statusMiB("VmHWM:") }

    /// Current resident memory, in MiB (`VmRSS`).
    public static var residentMiB: Int { statusMiB("VmRSS:") }

    private static func statusMiB(_ key: String) -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix(key) } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
    }
}

extension Measure {
    /// Starts a new high-water mark at the current resident memory (`/proc/self/clear_refs`),
    /// so `peakMiB` afterwards is the peak of what ran since.
    public static func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }
}
