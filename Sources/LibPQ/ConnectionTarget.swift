import CLibPQ

/// Where to connect: a `postgresql://` URL or a key=value conninfo string, or nothing (libpq's
/// defaults and PG* environment variables). libpq parses it; the password never leaves this value
/// except to libpq.
public struct ConnectionTarget: Sendable, Equatable, CustomStringConvertible {
    /// One keyword=value pair as libpq parsed it (only those the text set; libpq fills the rest).
    struct Option: Sendable, Equatable {
        var keyword: String
        var value: String
    }

    let options: [Option]
    /// The target for display: the password masked. The only form that reaches a screen, log or error.
    public let displayString: String

    /// Parses a URL or conninfo string with libpq; throws `.invalidTarget` (never quoting the password).
    public init(_ urlOrConninfo: String) throws(PostgresError) {
        var errorText: UnsafeMutablePointer<CChar>?
        guard let parsed = PQconninfoParse(urlOrConninfo, &errorText) else {
            let reason = errorText.map { singleLine(String(cString: $0)) } ?? "out of memory"
            PQfreemem(errorText)
            let secrets = ConnectionTarget.passwordCandidates(in: urlOrConninfo)
            throw PostgresError(kind: .invalidTarget, message: "invalid connection target: \(reason.masking(secrets))")
        }
        defer { PQconninfoFree(parsed) }
        var options: [Option] = []
        var cursor = parsed
        while let keyword = cursor.pointee.keyword {
            if let value = cursor.pointee.val {
                options.append(Option(keyword: String(cString: keyword), value: String(cString: value)))
            }
            cursor += 1
        }
        self.options = options
        self.displayString = ConnectionTarget.display(of: urlOrConninfo, options: options)
    }

    init(options: [Option], displayString: String) {
        self.options = options
        self.displayString = displayString
    }

    /// libpq's defaults and the PG* environment.
    public static var environment: ConnectionTarget {
        ConnectionTarget(options: [], displayString: environmentDisplay())
    }

    public var description: String { displayString }

    /// The password this target sets, if any (for masking messages).
    var password: String? {
        options.last { $0.keyword == "password" }?.value
    }
}

// MARK: - Display forms

extension ConnectionTarget {
    static func display(of text: String, options: [Option]) -> String {
        if options.isEmpty { return environmentDisplay() }
        let trimmed = text.drop(while: \.isWhitespace)
        if trimmed.hasPrefix("postgresql://") || trimmed.hasPrefix("postgres://") {
            let masked = maskedURL(String(trimmed))
            let password = options.last { $0.keyword == "password" }?.value ?? ""
            if password.count < 3 || !masked.contains(password) { return masked }
        }
        return conninfoDisplay(options.sorted { text.keywordPosition($0.keyword) < text.keywordPosition($1.keyword) })
    }

    /// Renders options as `key=value …`, quoting where libpq would need it and masking the password.
    static func conninfoDisplay(_ options: [Option]) -> String {
        options.map { option in
            let value = option.keyword == "password" ? "***" : option.value
            return "\(option.keyword)=\(quoted(value))"
        }.joined(separator: " ")
    }

    private static func quoted(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0.isWhitespace || $0 == "'" || $0 == "\\" }
        guard needsQuotes else { return value }
        var text = "'"
        for character in value {
            if character == "'" || character == "\\" { text.append("\\") }
            text.append(character)
        }
        return text + "'"
    }

    /// Masks the user-info password and any `password=` query parameter of a URL.
    static func maskedURL(_ url: String) -> String {
        guard let schemeEnd = url.firstRange(of: "://") else { return url }
        let afterScheme = url[schemeEnd.upperBound...]
        var result = String(url[..<schemeEnd.upperBound])
        var rest = afterScheme
        // libpq ends the user info at the first '@' seen before any '/'.
        if let at = afterScheme.firstIndex(where: { $0 == "@" || $0 == "/" }), afterScheme[at] == "@" {
            let userInfo = afterScheme[..<at]
            if let colon = userInfo.firstIndex(of: ":") {
                result += userInfo[..<colon] + ":***"
            } else {
                result += userInfo
            }
            rest = afterScheme[at...]
        }
        guard let question = rest.firstIndex(of: "?") else { return result + rest }
        result += rest[...question]
        let parameters = rest[rest.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false)
        result += parameters.map { parameter in
            parameter.lowercased().hasPrefix("password=") ? "password=***" : String(parameter)
        }.joined(separator: "&")
        return result
    }

    /// What libpq would use with no target: host, port, user and database from its defaults.
    static func environmentDisplay() -> String {
        guard let defaults = PQconndefaults() else { return "libpq defaults" }
        defer { PQconninfoFree(defaults) }
        var shown: [Option] = []
        var cursor = defaults
        while let keyword = cursor.pointee.keyword {
            let name = String(cString: keyword)
            if ["host", "hostaddr", "port", "user", "dbname"].contains(name), let value = cursor.pointee.val {
                shown.append(Option(keyword: name, value: String(cString: value)))
            }
            cursor += 1
        }
        return shown.isEmpty ? "libpq defaults" : conninfoDisplay(shown)
    }

    /// `message` with any password `text` may hold (a URL's user info, `password=`) masked: for messages that
    /// quote text around a target, such as a config file's syntax error.
    public static func maskingPasswords(in message: String, from text: String) -> String {
        message.masking(passwordCandidates(in: text))
    }

    /// Strings that may be a password in text libpq could not parse, so its error can be masked.
    static func passwordCandidates(in text: String) -> [String] {
        var candidates: [String] = []
        if let schemeEnd = text.firstRange(of: "://") {
            let afterScheme = text[schemeEnd.upperBound...]
            if let at = afterScheme.firstIndex(of: "@") {
                let userInfo = afterScheme[..<at]
                if let colon = userInfo.firstIndex(of: ":") {
                    candidates.append(String(userInfo[userInfo.index(after: colon)...]))
                }
            }
        }
        var rest = text[...]
        while let range = rest.firstRange(of: "password") {
            var value = rest[range.upperBound...].drop(while: \.isWhitespace)
            if value.first == "=" {
                value = value.dropFirst().drop(while: { $0.isWhitespace || $0 == "'" })
                let candidate = value.prefix { !$0.isWhitespace && $0 != "&" && $0 != "'" }
                if !candidate.isEmpty { candidates.append(String(candidate)) }
            }
            rest = rest[range.upperBound...]
        }
        return candidates
    }
}

extension String {
    /// Where `keyword =` first appears as a conninfo key in this text (Int.max when absent).
    fileprivate func keywordPosition(_ keyword: String) -> Int {
        var rest = self[...]
        while let range = rest.firstRange(of: keyword) {
            let before = range.lowerBound == startIndex ? nil : self[index(before: range.lowerBound)]
            let after = self[range.upperBound...].drop(while: \.isWhitespace)
            if (before == nil || before!.isWhitespace) && after.first == "=" {
                return distance(from: startIndex, to: range.lowerBound)
            }
            rest = self[range.upperBound...]
        }
        return Int.max
    }
}
