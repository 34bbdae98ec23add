import Foundation
import Synchronization

/// A one-line progress bar on stderr, redrawn in place; silent when stderr is not a terminal.
final class ProgressLine: Sendable {
    private let enabled: Bool
    private let lastDrawn = Mutex<String>("")

    init(enabled: Bool) { self.enabled = enabled }

    func show(fraction: Double, label: String) {
        guard enabled else { return }
        let width = 30
        let filled = Int((min(max(fraction, 0), 1) * Double(width)).rounded())
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = "\r\(bar) \(Int(fraction * 100))% \(label)\u{1B}[K"
        let changed = lastDrawn.withLock { last in
            defer { last = line }
            return last != line
        }
        if changed { FileHandle.standardError.write(Data(line.utf8)) }
    }

    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
