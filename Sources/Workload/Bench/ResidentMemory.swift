import Foundation

/// This process's memory as the kernel counts it (Linux /proc/self/status); nil where unavailable.
public enum ResidentMemory {
    /// Resident set size now, in MiB.
    public static var currentMiB: Double? { field("VmRSS:") }
    /// The peak resident set size since the process started, in MiB.
    public static var peakMiB: Double? { field("VmHWM:") }

    private static func field(_ name: String) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(name) {
            let number = line.dropFirst(name.count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap { Double($0) }
            return number.map { $0 / 1024 }
        }
        return nil
    }
}
