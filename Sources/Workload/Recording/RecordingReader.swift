import Foundation

/// Reads a recording file: the header must come first and be one this build reads (else the file is not a
/// recording: `RecordingError`); after it, lines are read up to the first one that does not parse.
public enum RecordingReader {
    public static func read(path: String) throws(RecordingError) -> Recording {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file"
            throw RecordingError(path: path, problem: reason)
        }
        return try parse(data, path: path)
    }

    public static func parse(_ data: Data, path: String) throws(RecordingError) -> Recording {
        let newline = UInt8(ascii: "\n")
        var lines = data.split(separator: newline, omittingEmptySubsequences: false)
        let ended = lines.last?.isEmpty ?? true
        if ended, !lines.isEmpty { lines.removeLast() }
        guard let first = lines.first, case .header(let header)? = try? RecordLine.decode(Data(first)) else {
            throw RecordingError(path: path, problem: "not a pooltop recording (its first line is no recording header)")
        }
        guard header.format <= RecordLine.formatVersion else {
            throw RecordingError(path: path, problem: "recording format \(header.format); this pooltop reads up to \(RecordLine.formatVersion)")
        }
        var recording = Recording(header: header)
        for (index, line) in lines.enumerated().dropFirst() {
            let number = index + 1
            do throws(RecordingDamage.Problem) {
                let record = try RecordLine.decode(Data(line))
                if case .header = record { throw .invalid("a second header") }
                recording.lines.append(record)
            } catch {
                let cut = number == lines.count && !ended
                recording.damage = RecordingDamage(line: number, problem: cut ? .cutShort : error)
                break
            }
        }
        return recording
    }
}
