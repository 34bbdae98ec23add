import Synchronization
import Testing
import Waiting

/// An owner of parked tasks: each waits for a number, or gets -1 when cancelled.
final class Gate: Sendable {
    struct State {
        var ready: Int?
        var parked = ParkedTasks<Int, Void>()
        var tagged = ParkedTasks<Int, String>()
    }

    let state = Mutex(State())

    var parkedCount: Int { state.withLock { $0.parked.count + $0.tagged.count } }

    func wait() async -> Int {
        await state.park(in: \.parked, ifCancelled: -1) { $0.ready }
    }

    func wait(tag: String) async -> Int {
        await state.park(in: \.tagged, tag: tag, ifCancelled: -1) { _ in nil }
    }

    /// Resumes the oldest parked task with `value`; false if none was parked.
    func releaseOne(_ value: Int) -> Bool {
        guard let continuation = state.withLock({ $0.parked.popFirst() }) else { return false }
        continuation.resume(returning: value)
        return true
    }

    /// Resumes every parked task with `value`; returns how many there were.
    func releaseAll(_ value: Int) -> Int {
        let all = state.withLock { $0.parked.removeAll() }
        for continuation in all { continuation.resume(returning: value) }
        return all.count
    }

    func untilParked(_ count: Int) async {
        while parkedCount < count { await Task.yield() }
    }
}

@Suite struct ParkingTests {
    @Test func readyValueReturnsWithoutParking() async {
        let gate = Gate()
        gate.state.withLock { $0.ready = 7 }
        #expect(await gate.wait() == 7)
        #expect(gate.parkedCount == 0)
    }

    @Test func parkedTasksResumeOldestFirst() async {
        let gate = Gate()
        var tasks: [Task<Int, Never>] = []
        for i in 0..<3 {
            tasks.append(Task { await gate.wait() })
            await gate.untilParked(i + 1)
        }
        for value in [10, 20, 30] { #expect(gate.releaseOne(value)) }
        #expect(await values(of: tasks) == [10, 20, 30])
        #expect(!gate.releaseOne(0))
    }

    @Test func taskCancelledBeforeParkingGetsTheCancelledValue() async {
        let gate = Gate()
        gate.state.withLock { $0.ready = 7 }
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await gate.wait()
        }
        #expect(await task.value == -1)
        #expect(gate.parkedCount == 0)
    }

    @Test func taskCancelledWhileParkedLeavesTheRegistry() async {
        let gate = Gate()
        let task = Task { await gate.wait() }
        await gate.untilParked(1)
        task.cancel()
        #expect(await task.value == -1)
        #expect(gate.parkedCount == 0)
        #expect(!gate.releaseOne(5))
    }

    @Test func tagsSelectWhichTasksWake() async {
        let gate = Gate()
        let early = Task { await gate.wait(tag: "early") }
        await gate.untilParked(1)
        let late = Task { await gate.wait(tag: "late") }
        await gate.untilParked(2)
        let due = gate.state.withLock { $0.tagged.removeAll { $0 == "early" } }
        for continuation in due { continuation.resume(returning: 1) }
        #expect(due.count == 1)
        #expect(await early.value == 1)
        late.cancel()
        #expect(await late.value == -1)
    }

    @Test func everyTaskResumesExactlyOnceWhenCancelRacesRelease() async {
        let gate = Gate()
        let count = 200
        let tasks = (0..<count).map { _ in Task { await gate.wait() } }
        await gate.untilParked(count)
        async let released = gate.releaseAll(1)
        for task in tasks { task.cancel() }
        let results = await values(of: tasks)
        #expect(results.filter { $0 == 1 }.count == (await released))
        #expect(results.allSatisfy { $0 == 1 || $0 == -1 })
        #expect(gate.parkedCount == 0)
    }
}

func values(of tasks: [Task<Int, Never>]) async -> [Int] {
    var result: [Int] = []
    for task in tasks { result.append(await task.value) }
    return result
}
