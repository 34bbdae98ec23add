import Synchronization

/// Runs the console's statements one at a time, as a child task of the app: what the screen submits is queued,
/// each job runs in a task this runner awaits, and a cancel reaches both that task (a check-out wait, a
/// `\watch` pause) and the server (the statement). Jobs are numbered; a cancel covers every job submitted
/// before it, so a cancel that arrives late never hits a later statement.
final class ConsoleRunner: Sendable {
    enum Job: Sendable, Equatable {
        case run(String)
        case watch(String, every: Duration)
        case endSession(thenQuit: Bool)

        var endsSession: Bool {
            if case .endSession = self { return true }
            return false
        }
    }

    /// The runner's one piece of shared state.
    private struct State {
        enum Phase {
            case idle
            case running(number: Int, task: Task<Void, Never>)
        }
        var phase = Phase.idle
        var submitted = 0
        /// Jobs numbered up to this one are cancelled.
        var cancelledThrough = 0
    }

    private let state = Mutex(State())
    private let jobs: AsyncStream<(Int, Job)>
    private let queue: AsyncStream<(Int, Job)>.Continuation

    init() {
        (jobs, queue) = AsyncStream.makeStream()
    }

    /// From the UI thread.
    func submit(_ job: Job) {
        let number = state.withLock { state in
            state.submitted += 1
            return state.submitted
        }
        queue.yield((number, job))
    }

    /// Cancels what runs and what waits (except ending the session, which always runs); asks the server too.
    func cancel(source: any InspectorSource) {
        let task = state.withLock { state -> Task<Void, Never>? in
            state.cancelledThrough = state.submitted
            if case .running(_, let task) = state.phase { return task }
            return nil
        }
        task?.cancel()
        source.cancelConsole()
    }

    /// Runs jobs until the calling task is cancelled; then ends the console's session (rolling back an open
    /// transaction), so the pool gets its connection back before it shuts down.
    func run(source: any InspectorSource, inbox: Inbox) async {
        for await (number, job) in jobs {
            let skipped = state.withLock { $0.cancelledThrough >= number }
            if skipped, case .run(let statement) = job {
                inbox.post(.console(ConsoleReply(statement: statement, ending: .cancelled(nil)), watching: false))
                continue
            }
            if skipped, case .watch = job { continue }
            let task = Task { await Self.perform(job, source: source, inbox: inbox) }
            let cancelled = state.withLock { state in
                state.phase = .running(number: number, task: task)
                return state.cancelledThrough >= number
            }
            if cancelled, !job.endsSession { task.cancel() }
            await withTaskCancellationHandler {
                await task.value
            } onCancel: {
                task.cancel()
                source.cancelConsole()
            }
            state.withLock { $0.phase = .idle }
        }
        queue.finish()
        await source.endConsoleSession()
    }

    private static func perform(_ job: Job, source: any InspectorSource, inbox: Inbox) async {
        switch job {
        case .run(let statement):
            inbox.post(.console(await source.runConsole(statement), watching: false))
        case .watch(let statement, let interval):
            while !Task.isCancelled {
                let reply = await source.runConsole(statement)
                inbox.post(.console(reply, watching: true))
                guard reply.completed else { return }
                do { try await Task.sleep(for: interval) } catch { return }
            }
        case .endSession(let thenQuit):
            await source.endConsoleSession()
            if thenQuit { inbox.requestQuit() }
        }
    }
}
