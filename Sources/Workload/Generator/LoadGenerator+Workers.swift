import ConnectionPool

/// The workers: one task per worker id 1…`workers`, each looping over the current plan.
extension LoadGenerator {
    /// Cancels the workers above the target count and starts the missing ones.
    func adjustWorkers(_ tasks: inout RunningTasks, state: inout State) {
        let target = max(0, state.settings.workers)
        for id in tasks.workers.keys where id > target {
            tasks.workers.removeValue(forKey: id)?.task.cancel()
        }
        guard tasks.workers.count < target else { return }
        for id in 1...target where tasks.workers[id] == nil {
            state.nextIncarnation += 1
            let incarnation = state.nextIncarnation
            let shard = shards[id % shards.count]
            let label = "worker-\(id)"
            shard.register(id: id, label: label, incarnation: incarnation)
            // Each worker runs where its kind of connection prefers (`WorkloadConnection.workerExecutor`).
            let task = Task(executorPreference: Factory.Connection.workerExecutor) {
                await self.runWorker(id: id, label: label, shard: shard, incarnation: incarnation)
            }
            tasks.workers[id] = WorkerHandle(task: task, incarnation: incarnation)
        }
    }

    /// The loop a worker task runs. Most of 10,000 workers wait in `pool.checkOut` at any moment, each keeping
    /// the async frames of this loop, `runPooled` and the check-out: so the loop keeps only small values across
    /// its awaits, and the paths a waiting worker is not on (no-pool, thinking, pause, the statement itself) are
    /// calls (`@inline(never)`) whose frames exist only while they run, not slots of every waiting frame.
    private func runWorker(id: Int, label: String, shard: LoadShard, incarnation: UInt64) async {
        defer { shard.unregister(id: id, incarnation: incarnation) }
        var plan = plans.plan
        var random = FastRandom(seed: UInt64(id) &* 0x2545_F491_4F6C_DD1D &+ incarnation)
        while !Task.isCancelled {
            if plans.generation != plan.generation { plan = plans.plan }
            if id > plan.settings.workers { return }
            if plan.settings.paused {
                if await waitWhilePaused(id: id, shard: shard, plan: plan) { continue }
                return
            }
            let openLoop = plan.isOpenLoop
            if openLoop {
                switch await arrivals.take() {
                case .arrival: break
                case .recheck: continue
                case .cancelled: return
                }
            }
            let thinks = !openLoop && plan.settings.thinkTime > .zero
            let next: WorkerState = thinks ? .thinking : (openLoop ? .idle : .waiting)
            let query = plan.pick(&random)
            let keepGoing: Bool
            if let pool = backend.pool(in: plan.settings.mode) {
                keepGoing = await runPooled(query, pool: pool, id: id, label: label, shard: shard, random: &random, next: next)
            } else {
                keepGoing = await runDirect(query, direct: backend.direct, id: id, shard: shard, random: &random, next: next)
            }
            if !keepGoing { return }
            if thinks {
                guard await think(from: clock.now, plan: plan) else { return }
                shard.setState(id: id, .waiting)
            }
        }
    }

    /// A paused worker shows idle until the settings change; false if the task was cancelled.
    @inline(never)
    private func waitWhilePaused(id: Int, shard: LoadShard, plan: LoadPlan) async -> Bool {
        shard.setState(id: id, .idle)
        return await plans.waitForChange(from: plan.generation)
    }

    /// How long a thinking worker sleeps before it looks for new settings.
    static var thinkSlice: Duration { .milliseconds(250) }

    /// Thinks for the think time in force, counted from `start`: new settings shorten or lengthen it within a
    /// `thinkSlice`, and a switch to the open loop or a pause ends it. False if the task was cancelled.
    @inline(never)
    nonisolated(nonsending) func think(from start: Duration, plan: LoadPlan) async -> Bool {
        var plan = plan
        while true {
            if plan.isOpenLoop || plan.settings.paused { return true }
            let deadline = start + plan.settings.thinkTime
            let now = clock.now
            if now >= deadline { return true }
            do { try await clock.sleep(until: min(deadline, now + Self.thinkSlice)) } catch { return false }
            if plans.generation != plan.generation { plan = plans.plan }
        }
    }

    /// Sleeps on the generator's clock; false if the task was cancelled.
    @inline(never)
    nonisolated(nonsending) func pause(for duration: Duration) async -> Bool {
        do {
            try await clock.sleep(until: clock.now + duration)
            return true
        } catch {
            return false
        }
    }
}
