/// A failed handshake's error as libpq wrote it in verbose mode, read back into the message a user
/// sees and the SQLSTATE the server sent. libpq 15 keeps a connect-time server error only as text
/// (no PQconnectionErrorField; the result PQgetResult returns then has no fields), and only verbose
/// mode puts the code in it ("FATAL:  53300: sorry, too many clients already"), so the handshake
/// asks for verbose messages and this takes the code out again, with the LOCATION line verbose adds.
struct HandshakeErrorText {
    /// One line, as in libpq's default mode.
    let message: String
    /// The server's SQLSTATE, when the server refused the session (the last host's, with several).
    let sqlState: String?

    init(verbose text: String) {
        var code: String?
        var kept: [String] = []
        for line in text.split(whereSeparator: \.isNewline).map(String.init) {
            if Self.isLocation(line) { continue }
            if let found = Self.sqlState(in: line) {
                code = String(line[found])
                var shortened = line
                shortened.removeSubrange(found.lowerBound..<line.index(found.upperBound, offsetBy: 2))
                kept.append(shortened)
            } else {
                kept.append(line)
            }
        }
        message = singleLine(kept.joined(separator: "\n"))
        sqlState = code
    }

    /// The range of a five-character code written as "SEVERITY:  CODE: " (severity words are localised).
    private static func sqlState(in line: String) -> Range<String.Index>? {
        var rest = line[...]
        while let separator = rest.firstRange(of: ":  ") {
            let candidate = line[separator.upperBound...]
            let code = candidate.prefix(5)
            if code.count == 5, code.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isUppercase) }),
               candidate.dropFirst(5).hasPrefix(": ") {
                return code.startIndex..<code.endIndex
            }
            rest = line[separator.upperBound...]
        }
        return nil
    }

    /// True for verbose mode's "LOCATION:  function, file.c:123" line (its label is localised).
    private static func isLocation(_ line: String) -> Bool {
        guard let separator = line.firstRange(of: ":  ") else { return false }
        let parts = line[separator.upperBound...].split(separator: ", ")
        guard parts.count == 2, parts[0].allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }),
              let colon = parts[1].lastIndex(of: ":") else { return false }
        let number = parts[1][parts[1].index(after: colon)...]
        return parts[1][..<colon].contains(".") && !number.isEmpty && number.allSatisfy(\.isNumber)
    }
}
