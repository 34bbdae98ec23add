/// Live reconfiguration and shutdown.
extension PoolStateMachine {
    /// Applies new knobs without dropping work in flight: one event per changed knob; idle connections over
    /// a lowered limit close now (`.shrunk`), busy ones at check-in; raised limits serve waiters at once.
    /// Waiters already queued take the new check-out time-out, counted from their arrival.
    mutating func reconfigure(_ new: PoolConfiguration, now: Duration) -> Actions {
        var actions = Actions()
        var new = new
        let changes = configurationChanges(from: configuration, to: new)
        if !changes.isEmpty, new.presetName == configuration.presetName, new.presetName != "custom" {
            new.presetName = "custom"
        }
        if new.presetName != configuration.presetName {
            events.append(
                at: now, .configurationChanged(description: "preset \(configuration.presetName) → \(new.presetName)"))
        }
        for change in changes { events.append(at: now, .configurationChanged(description: change)) }
        configuration = new
        guard !isShutdown else { return actions }
        relabel()
        while idleCount > 0, isOverLimit || idleCount > idleCapacity {
            guard let id = idle.first, let index = index(ofSlot: id) else { break }
            closeIdle(index, reason: .shrunk, now: now, into: &actions)
        }
        startConnects(now: now, into: &actions)
        // Every deadline may have moved: let the timer recompute them now.
        wakeUpAt = nil
        schedule(now, into: &actions)
        return actions
    }

    /// Fails every waiter with `.shutdown` and closes idle connections; busy ones close at check-in and
    /// connecting ones when they open.
    mutating func shutdown(now: Duration) -> Actions {
        var actions = Actions()
        guard !isShutdown else { return actions }
        isShutdown = true
        while let (id, entry) = waiters.popFirst() {
            resolve(id, entry, .failure(.shutdown), into: &actions)
        }
        while let id = idle.first, let index = index(ofSlot: id) {
            closeIdle(index, reason: .shutdown, now: now, into: &actions)
        }
        wakeUpAt = nil
        return actions
    }
}

/// "pool_size 5 → 6" for each knob that differs.
func configurationChanges(from old: PoolConfiguration, to new: PoolConfiguration) -> [String] {
    var changes: [String] = []
    func note<T: Equatable>(_ name: String, _ a: T, _ b: T, _ show: (T) -> String) {
        if a != b { changes.append("\(name) \(show(a)) → \(show(b))") }
    }
    let plain: (Int) -> String = { String($0) }
    let optional: (Duration?) -> String = { $0.map(formatDuration) ?? "off" }
    note("pool_size", old.poolSize, new.poolSize, plain)
    note("max_overflow", old.maxOverflow, new.maxOverflow, plain)
    note("timeout", old.checkoutTimeout, new.checkoutTimeout, formatDuration)
    note("max_lifetime", old.maxLifetime, new.maxLifetime, optional)
    note("idle_timeout", old.idleTimeout, new.idleTimeout, optional)
    note("minimum_idle", old.minimumIdle, new.minimumIdle, plain)
    note("pre_ping", old.prePing, new.prePing) { String($0) }
    note("idle_order", old.idleOrder, new.idleOrder) { $0.rawValue }
    note("reset_on_return", old.resetOnReturn, new.resetOnReturn) { $0.rawValue }
    note("leak_threshold", old.leakThreshold, new.leakThreshold, optional)
    note("max_waiters", old.maxWaiters, new.maxWaiters) { $0.map(String.init) ?? "unlimited" }
    note("connect_retry", old.connectRetry, new.connectRetry) {
        "\(formatDuration($0.initial))…\(formatDuration($0.maximum)) ×\($0.multiplier)"
    }
    return changes
}

/// A short human form: "30s", "250ms", "1.5s", "10min", "1h", "40µs".
func formatDuration(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    let millis = seconds * 1000 + attoseconds / 1_000_000_000_000_000
    if seconds == 0, millis == 0, attoseconds > 0 { return "\(attoseconds / 1_000_000_000_000)µs" }
    if millis % 1000 != 0 {
        if seconds == 0 { return "\(millis)ms" }
        let tenths = millis / 100
        return "\(tenths / 10).\(tenths % 10)s"
    }
    if seconds >= 60, seconds % 60 == 0 {
        if seconds >= 3600, seconds % 3600 == 0 { return "\(seconds / 3600)h" }
        return "\(seconds / 60)min"
    }
    return "\(seconds)s"
}
