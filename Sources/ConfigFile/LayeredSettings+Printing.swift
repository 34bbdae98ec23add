import ConnectionPool
import LibPQ
import Workload

extension LayeredSettings {
    /// What a command will run with, written as a config file (`--print-config`): every key with its value
    /// and, in a comment, where it came from (a flag, a variable, `file:line`, the preset or the default).
    /// The target and pgbouncer only through their masked forms. `screen` nil: a headless command, no screen keys.
    /// `keys`: the command's own keys it reads besides those (`.pgbouncer`, `.deadLinkTimeout`, `.benchDuration`,
    /// `.sweepDuration`, `.sweepSizes`), each written with its value in force.
    public func printed(pool: PoolConfiguration, load: LoadSettings, screen: ScreenSettings?, keys: [ConfigKey] = []) -> String {
        var lines = ["# pooltop's configuration: the config file < the environment < the flags; the password is masked"]
        switch target {
        case .given(let text, let origin):
            let masked = (try? ConnectionTarget(text).displayString) ?? "(not a valid target)"
            lines.append(entry("target", TOMLText.quoted(masked), origin.description))
        case .environment(let variable):
            lines.append("# target: the PG* environment (\(variable) is set): \(ConnectionTarget.environment.displayString)")
        case .embedded:
            lines.append("# target: none given, so a throwaway embedded cluster")
        }
        if keys.contains(.pgbouncer), let setting = settings[.pgbouncer] {
            let masked = (try? ConnectionTarget(setting.text).displayString) ?? "(not a valid target)"
            lines.append(entry(ConfigKey.pgbouncer.name, TOMLText.quoted(masked), setting.origin.description))
        }
        if keys.contains(.deadLinkTimeout) {
            var bound: Duration? = PostgresConnection.defaultDeadLinkTimeout
            do { bound = try deadLinkTimeout() } catch {}  // a refused value stopped the command before it printed
            lines.append(entry(ConfigKey.deadLinkTimeout.name, TOMLText.quoted(bound.map(DurationNotation.format) ?? "off"), origin(.deadLinkTimeout, or: "default")))
        }
        let preset = settings[.preset].flatMap { try? Preset.parse($0.text) } ?? .sqlalchemy
        lines.append(entry("preset", TOMLText.quoted(preset.rawValue), origin(.preset, or: "default")))
        if let screen {
            lines.append(entry("theme", TOMLText.quoted(screen.theme ?? "default"), origin(.theme, or: "default")))
            lines.append(entry("fps", DecimalNotation.trimmed(screen.fps), origin(.fps, or: "default")))
            lines.append(entry("ascii", TOMLText.quoted(screen.ascii ? "on" : "off"), origin(.ascii, or: "default")))
        }
        lines += ["", "[pool]"]
        for knob in PoolKnob.allCases {
            lines.append(entry(knob.name, TOMLText.value(knob.value(in: pool)), origin(.pool(knob), or: "preset \(preset.rawValue)")))
        }
        lines += ["", "[load]"]
        for knob in LoadKnob.allCases {
            let from = knob == .mix ? (settings[.query] ?? settings[.load(.mix)])?.origin.description : settings[.load(knob)]?.origin.description
            lines.append(entry(knob.name, TOMLText.value(knob.value(in: load)), from ?? "default"))
        }
        lines.append(entry(ConfigKey.paused.name, TOMLText.quoted(load.paused ? "on" : "off"), origin(.paused, or: "default")))
        for table in ["bench", "sweep"] {
            let own = keys.filter { $0.table == table }
            guard !own.isEmpty else { continue }
            lines += ["", "[\(table)]"]
            for key in own {
                let value = key == .sweepSizes
                    ? settings[key]?.text ?? RunValue.sweepSizes
                    : DurationNotation.format((try? duration(key)) ?? Self.defaultDuration(key))
                lines.append(entry(key.name, TOMLText.quoted(value), origin(key, or: "default")))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func origin(_ key: ConfigKey, or fallback: String) -> String {
        settings[key]?.origin.description ?? fallback
    }

    private func entry(_ name: String, _ value: String, _ origin: String) -> String {
        let assignment = "\(name) = \(value)"
        return assignment.padding(toLength: max(assignment.count, 34), withPad: " ", startingAt: 0) + "  # " + origin
    }
}

/// Values written back as TOML the file reader accepts: whole numbers bare, anything else a basic string.
enum TOMLText {
    static func value(_ text: String) -> String { Int(text) != nil ? text : quoted(text) }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default: result.append(character)
            }
        }
        return result + "\""
    }
}
