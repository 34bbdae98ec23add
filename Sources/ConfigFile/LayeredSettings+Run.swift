import ConnectionPool
import LibPQ

extension LayeredSettings {
    /// The pgbouncer admin console to watch (`--pgbouncer`, else the file's `pgbouncer`); nil when none is given.
    public func pgbouncer() throws(ConfigError) -> ConnectionTarget? {
        try read(.pgbouncer, RunValue.pgbouncer)
    }

    /// How long a statement may wait on a silent link before it is abandoned; nil: no bound (`0` or `off`).
    public func deadLinkTimeout() throws(ConfigError) -> Duration? {
        guard let setting = settings[.deadLinkTimeout] else { return PostgresConnection.defaultDeadLinkTimeout }
        do { return try RunValue.deadLinkTimeout(setting.text) } catch { throw refusal(error, key: .deadLinkTimeout) }
    }

    /// How long a bench measures (`.benchDuration`), or each run of a sweep (`.sweepDuration`).
    public func duration(_ key: ConfigKey) throws(ConfigError) -> Duration {
        try read(key, RunValue.duration) ?? Self.defaultDuration(key)
    }

    /// A bench's measuring time, or a sweep's run's, when no layer gives one.
    static func defaultDuration(_ key: ConfigKey) -> Duration {
        key == .sweepDuration ? RunValue.sweepDuration : RunValue.benchDuration
    }

    /// The pool sizes a sweep may try.
    public func sweepSizes() throws(ConfigError) -> [Int] {
        try read(.sweepSizes, RunValue.sizes) ?? (try? RunValue.sizes(RunValue.sweepSizes)) ?? []
    }

    /// The key's value through its parser; nil when no layer gives it; a refusal named where the value came from.
    private func read<Value>(_ key: ConfigKey, _ parse: (String) throws(KnobError) -> Value) throws(ConfigError) -> Value? {
        guard let setting = settings[key] else { return nil }
        do { return try parse(setting.text) } catch { throw refusal(error, key: key) }
    }
}
