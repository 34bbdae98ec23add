/// The per-second samples and the figures the screen and bench read.
extension LoadGenerator {
    func runSampler() async {
        while !Task.isCancelled {
            let deadline = state.withLock { $0.statistics.nextSampleAt }
            let wake = min(deadline, clock.now + .milliseconds(100))
            do { try await clock.sleep(until: wake) } catch { return }
            let view = self.view
            let backlog = arrivals.backlog
            state.withLock { $0.statistics.include(view, backlog: backlog) }
            if clock.now >= deadline { tick(final: false) }
        }
    }

    /// Folds the shards' interval into the totals; a regular tick also appends the second's sample.
    private func tick(final: Bool) {
        tickLock.withLock { _ in
            var counts = IntervalCounts()
            var waits = WaitHistogram.make()
            for shard in shards { shard.drain(into: &counts, waits: &waits) }
            let view = self.view
            let backlog = arrivals.backlog
            let now = clock.now
            state.withLock { state in
                state.statistics.add(counts, waits: waits, view: view, backlog: backlog)
                if !final { state.statistics.appendSample(counts, waits: waits, view: view, now: now) }
            }
        }
    }

    /// Starts a new measurement: zero counters, samples, peaks and connections opened; time counts from now.
    public func resetStatistics() {
        tickLock.withLock { _ in
            // The connects' baseline before the queries' reset: a connect that lands between the two then counts
            // with the query it serves (the no-pool bound connections_opened + workers >= queries holds).
            let view = self.view
            for shard in shards { shard.resetCounters() }
            let now = clock.now
            arrivals.resetDropped()
            state.withLock { $0.statistics.reset(now: now, view: view) }
        }
    }

    func measure() -> LoadMeasurement {
        tick(final: true)
        return measurementSoFar()
    }

    /// What `measure()` returns, up to the last tick (the sampler's, once a second), without folding the
    /// current partial second in: what a recording takes every second without disturbing the samples.
    func measurementSoFar() -> LoadMeasurement {
        let workers = workerStats()
        let view = self.view
        let dropped = arrivals.dropped
        let now = clock.now
        return state.withLock { state in
            let statistics = state.statistics
            return LoadMeasurement(
                elapsed: now - statistics.epoch, totals: statistics.totals, waits: statistics.waits, workers: workers,
                samples: statistics.samples, peaks: statistics.peaks, dropped: dropped,
                connectionsOpened: statistics.connectionsOpened(now: view), connections: statistics.connections(now: view))
        }
    }

    private func workerStats() -> [WorkerStats] {
        var workers: [WorkerStats] = []
        for shard in shards { shard.appendWorkers(to: &workers) }
        workers.sort { $0.id < $1.id }
        return workers
    }

    /// The load now: settings, totals since the last reset, per-worker stats (unless `includeWorkers` is false)
    /// and the per-second samples.
    public func snapshot(includeWorkers: Bool = true) -> LoadSnapshot {
        let workers = includeWorkers ? workerStats() : []
        let backlog = arrivals.backlog
        let dropped = arrivals.dropped
        let now = clock.now
        return state.withLock { state in
            let totals = state.statistics.totals
            let meanNanoseconds = totals.timedQueries == 0 ? 0 : totals.queryNanoseconds / Int64(totals.timedQueries)
            var snapshot = LoadSnapshot(
                settings: state.settings, elapsed: now - state.statistics.epoch, queries: totals.queries, errors: totals.errors,
                timeouts: totals.timeouts, backlog: backlog, workers: workers, samples: state.statistics.samples)
            snapshot.mode = state.settings.mode
            snapshot.dropped = dropped
            snapshot.meanQueryTime = .nanoseconds(meanNanoseconds)
            return snapshot
        }
    }
}
