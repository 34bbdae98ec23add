import Testing
@testable import Workload

@Suite struct StatisticsTests {
    @Test func jainIndexIsOneWhenEqualAndOneOverNWhenOneWorkerDoesAll() {
        #expect(jainFairness([10, 10, 10, 10]) == 1)
        #expect(abs(jainFairness([40, 0, 0, 0]) - 0.25) < 1e-12)
        #expect(abs(jainFairness([1, 2, 3]) - 36.0 / 42.0) < 1e-12)
        #expect(jainFairness([Int]()) == 0)
        #expect(jainFairness([0, 0]) == 0)
    }

    @Test func planPicksByWeight() {
        let settings = LoadSettings(mix: QueryMix([.init(.selectOne, weight: 3), .init(.none, weight: 1)]))
        let plan = LoadPlan(generation: 1, settings: settings, readWriteTable: "t")
        var random = FastRandom(seed: 42)
        var selects = 0
        let draws = 40_000
        for _ in 0..<draws where plan.pick(&random).kind == .selectOne { selects += 1 }
        let share = Double(selects) / Double(draws)
        #expect(abs(share - 0.75) < 0.02)
    }

    @Test func poissonGapsHaveMeanOneOverRate() {
        var random = FastRandom(seed: 7)
        let rate = 500.0
        let count = 50_000
        var total = 0.0
        for _ in 0..<count { total += PoissonArrivals.interArrival(rate: rate, &random).seconds }
        let mean = total / Double(count)
        #expect(abs(mean - 1 / rate) / (1 / rate) < 0.03)
    }

    @Test func shardCountsPerWorkerAndDrainsTheInterval() {
        let shard = LoadShard(index: 1, of: 4)
        shard.register(id: 1, label: "worker-1", incarnation: 1)
        shard.register(id: 5, label: "worker-5", incarnation: 2)
        shard.checkedOut(id: 1, wait: .milliseconds(2))
        shard.finished(id: 1, queryTime: .milliseconds(1), error: nil, next: .waiting)
        shard.checkedOut(id: 5, wait: .milliseconds(8))
        shard.finished(id: 5, queryTime: .milliseconds(1), error: "boom", next: .waiting)
        shard.timedOut(id: 5, wait: .seconds(1), message: "pool timeout")
        var workers: [WorkerStats] = []
        shard.appendWorkers(to: &workers)
        #expect(workers.map(\.queries) == [1, 0])
        #expect(workers[1].errors == 1 && workers[1].timeouts == 1 && workers[1].longestWait == .seconds(1))
        var counts = IntervalCounts()
        var waits = WaitHistogram.make()
        shard.drain(into: &counts, waits: &waits)
        #expect(counts.queries == 1 && counts.errors == 1 && counts.timeouts == 1 && counts.timedQueries == 2)
        #expect(waits.totalCount == 3)
        var again = IntervalCounts()
        shard.drain(into: &again, waits: &waits)
        #expect(again.queries == 0 && waits.totalCount == 3)
    }

    @Test func unregisteringAnOldIncarnationKeepsTheNewWorker() {
        let shard = LoadShard(index: 0, of: 2)
        shard.register(id: 2, label: "worker-2", incarnation: 1)
        shard.register(id: 2, label: "worker-2", incarnation: 2)
        shard.unregister(id: 2, incarnation: 1)
        var workers: [WorkerStats] = []
        shard.appendWorkers(to: &workers)
        #expect(workers.map(\.id) == [2])
    }
}

@Suite struct ArrivalQueueTests {
    @Test func backlogGrowsWithoutTakersAndDropsBeyondCapacity() async {
        let queue = ArrivalQueue(capacity: 5)
        queue.add(3)
        #expect(queue.backlog == 3)
        queue.add(4)
        #expect(queue.backlog == 5)
        #expect(queue.dropped == 2)
        #expect(await queue.take() == .arrival)
        #expect(queue.backlog == 4)
    }

    @Test func waitingTakerGetsTheNextArrival() async {
        let queue = ArrivalQueue()
        async let taken = queue.take()
        while queue.waitingCount == 0 { await Task.yield() }
        queue.add(1)
        #expect(await taken == .arrival)
        #expect(queue.backlog == 0)
    }

    @Test func cancelledTakerReturnsCancelled() async {
        let queue = ArrivalQueue()
        let task = Task { await queue.take() }
        while queue.waitingCount == 0 { await Task.yield() }
        task.cancel()
        #expect(await task.value == .cancelled)
        queue.add(1)
        #expect(queue.backlog == 1)
    }

    @Test func wakeAllSendsRecheck() async {
        let queue = ArrivalQueue()
        async let taken = queue.take()
        while queue.waitingCount == 0 { await Task.yield() }
        queue.wakeAll()
        #expect(await taken == .recheck)
    }
}
