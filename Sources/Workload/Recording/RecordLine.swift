import Foundation

/// One line of a recording (JSON Lines): the header first, then the seconds, the events and the runs' phases in
/// the order they happened. Each line is one JSON object whose `type` says which; the rest are its fields.
public enum RecordLine: Sendable, Equatable, Codable {
    case header(RecordingHeader)
    case second(RecordedSecond)
    case event(RecordedEvent)
    case phase(RecordedPhase)

    /// The version of the line format this build writes and reads.
    public static let formatVersion = 1

    private enum Kind: String, Codable {
        case header, second, event, phase
    }

    private enum CodingKeys: String, CodingKey { case type }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch Kind(rawValue: type) {
        case .header: self = .header(try RecordingHeader(from: decoder))
        case .second: self = .second(try RecordedSecond(from: decoder))
        case .event: self = .event(try RecordedEvent(from: decoder))
        case .phase: self = .phase(try RecordedPhase(from: decoder))
        case nil:
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "unknown line type '\(type)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .header(let header):
            try container.encode(Kind.header, forKey: .type)
            try header.encode(to: encoder)
        case .second(let second):
            try container.encode(Kind.second, forKey: .type)
            try second.encode(to: encoder)
        case .event(let event):
            try container.encode(Kind.event, forKey: .type)
            try event.encode(to: encoder)
        case .phase(let phase):
            try container.encode(Kind.phase, forKey: .type)
            try phase.encode(to: encoder)
        }
    }

    /// The line as written: one JSON object, keys sorted, no newline.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads one line; the error names what is wrong in a few words (`RecordingReader` reports it).
    public static func decode(_ line: Data) throws(RecordingDamage.Problem) -> RecordLine {
        guard (try? JSONSerialization.jsonObject(with: line)) is [String: Any] else { throw .notJSON }
        do {
            return try JSONDecoder().decode(RecordLine.self, from: line)
        } catch let DecodingError.keyNotFound(key, _) {
            throw .missing(key.stringValue)
        } catch let DecodingError.dataCorrupted(context) {
            throw .invalid(context.debugDescription)
        } catch let DecodingError.typeMismatch(_, context) {
            throw .invalid("wrong type for \(context.codingPath.map(\.stringValue).joined(separator: "."))")
        } catch let DecodingError.valueNotFound(_, context) {
            throw .invalid("no value for \(context.codingPath.map(\.stringValue).joined(separator: "."))")
        } catch {
            throw .invalid("\(error)")
        }
    }
}
