#if canImport(Glibc)
import Glibc
#endif
import CLinux
import Synchronization

/// One of a few threads (`group`), each waiting on its connections' sockets (epoll, woken through
/// an eventfd) and running what each `SocketWatch` asks when its socket is ready. Never Dispatch
/// sources: libpq closes and reuses descriptors, which corrupts them (swift-corelibs-libdispatch #833).
///
/// It is also a `TaskExecutor`: tasks that prefer it (`Task(executorPreference:)`) run their jobs
/// on this thread between epoll batches. A query's continuation resumed by the loop then continues
/// on the same thread, with no hand-off to another thread and no futex wake per query. Tasks that
/// prefer `EventLoop.following` run on whichever loop resumes them (see `FollowingExecutor`).
final class EventLoop: TaskExecutor, Sendable {
    /// A few loops, like pgbench's `-j`: one thread would be the whole client's share of the CPU on a
    /// busy machine. Two at least, at most four (beyond that the server is the limit anyway).
    static let group: [EventLoop] = {
        let processors = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        return (0..<min(max(2, processors), 4)).map { EventLoop(index: $0) }
    }()
    private static let nextIndex = Atomic<Int>(0)

    /// The next loop in round robin (where jobs enqueued from outside the loops go).
    static func next() -> EventLoop {
        group[nextIndex.wrappingAdd(1, ordering: .relaxed).oldValue % group.count]
    }

    /// The loop watching the fewest sockets (ties go round robin): where a new connection lives.
    /// Connections stay on their loop (one to a server on this host moves, now and then, to the loop
    /// on its server process's CPU) and pooled tasks follow them there, so this is what spreads a
    /// pool's work over the loops.
    static func leastLoaded() -> EventLoop {
        leastLoaded(where: { _ in true })!
    }

    /// The loop, among those whose thread last ran on `cpu`, watching the fewest sockets; nil when no
    /// loop runs there.
    static func running(on cpu: Int) -> EventLoop? {
        leastLoaded(where: { $0.lastCPU == cpu })
    }

    /// Among the loops that pass `include`, the one watching the fewest sockets (ties go round robin).
    private static func leastLoaded(where include: (EventLoop) -> Bool) -> EventLoop? {
        let start = nextIndex.wrappingAdd(1, ordering: .relaxed).oldValue
        var best: EventLoop?
        for offset in 0..<group.count {
            let loop = group[(start + offset) % group.count]
            guard include(loop) else { continue }
            if let chosen = best, chosen.watchCount <= loop.watchCount { continue }
            best = loop
        }
        return best
    }

    /// The executor that runs a job on the loop thread that enqueues it.
    static let following = FollowingExecutor()

    private let epollDescriptor: Int32
    private let wakeDescriptor: Int32
    /// Watches deregistered since the loop last looked; released only after the batch of events
    /// in hand is handled, so an event already taken from epoll never points at freed memory.
    private let retired = Mutex<[Unmanaged<SocketWatch>]>([])

    /// A job and the executor it runs as (this loop, or `following`).
    private struct QueuedJob {
        var job: UnownedJob
        var executor: UnownedTaskExecutor
    }

    private struct Jobs: ~Copyable {
        var queue: [QueuedJob] = []
        /// True while the loop blocks in epoll_wait with an empty queue: an enqueuer must wake it.
        var sleeping = false
    }
    private let jobs = Mutex(Jobs())
    /// Sockets registered with this loop now.
    private let watched = Atomic<Int>(0)
    var watchCount: Int { watched.load(ordering: .relaxed) }
    /// The CPU the loop's thread ran on when the loop last turned (-1 before its first turn).
    private let cpu = Atomic<Int>(-1)
    var lastCPU: Int { cpu.load(ordering: .relaxed) }
    private let threadName: String
    /// This loop's place in `group`.
    let index: Int
    /// Thread-specific slot holding, on each loop thread, its loop (unretained: loops live forever).
    private static let currentKey: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "cannot create a thread-specific key")
        return key
    }()

    /// The loop whose thread runs the caller, or nil off the loop threads.
    static var current: EventLoop? {
        guard let loop = pthread_getspecific(currentKey) else { return nil }
        return Unmanaged<EventLoop>.fromOpaque(loop).takeUnretainedValue()
    }

    private init(index: Int) {
        threadName = "pooltop-libpq-\(index)"
        self.index = index
        epollDescriptor = epoll_create1(Int32(EPOLL_CLOEXEC))
        wakeDescriptor = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        precondition(epollDescriptor >= 0 && wakeDescriptor >= 0, "epoll/eventfd unavailable (errno \(pooltop_errno()))")
        let added = pooltop_epoll_control(epollDescriptor, EPOLL_CTL_ADD, wakeDescriptor, EPOLLIN.rawValue, nil)
        precondition(added == 0, "cannot watch the eventfd (errno \(pooltop_errno()))")

        var thread = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let created = pthread_create(&thread, nil, { context in
            let loop = Unmanaged<EventLoop>.fromOpaque(context!).takeRetainedValue()
            pooltop_name_thread(loop.threadName)
            loop.run()
        }, context)
        precondition(created == 0, "cannot start the libpq event loop thread")
        pthread_detach(thread)
    }

    /// Starts watching `watch.descriptor` for `events` (EPOLL* bits). Returns errno on failure.
    func register(_ watch: SocketWatch, events: UInt32) -> Int32? {
        let token = Unmanaged.passRetained(watch)
        if pooltop_epoll_control(epollDescriptor, EPOLL_CTL_ADD, watch.descriptor, events, token.toOpaque()) != 0 {
            let code = pooltop_errno()
            token.release()
            return code
        }
        watched.wrappingAdd(1, ordering: .relaxed)
        return nil
    }

    /// Changes the events watched; the registration must exist.
    func modify(_ watch: SocketWatch, events: UInt32) {
        let token = Unmanaged.passUnretained(watch).toOpaque()
        _ = pooltop_epoll_control(epollDescriptor, EPOLL_CTL_MOD, watch.descriptor, events, token)
    }

    /// Ends a registration made by `register`. Pass `descriptorOpen: false` when libpq has already
    /// closed the socket (epoll dropped it then, and the number may now belong to someone else).
    func deregister(_ watch: SocketWatch, descriptorOpen: Bool) {
        if descriptorOpen {
            detach(watch)
        } else {
            watched.wrappingSubtract(1, ordering: .relaxed)
            retired.withLock { $0.append(Unmanaged.passUnretained(watch)) }
        }
        wake()
    }

    /// Ends a registration of an open socket that moves to another loop, without waking this one:
    /// an event already taken from epoll may still point at the watch, so the registration's
    /// reference is released after the loop's current batch, whenever the loop next turns.
    func detach(_ watch: SocketWatch) {
        watched.wrappingSubtract(1, ordering: .relaxed)
        _ = pooltop_epoll_control(epollDescriptor, EPOLL_CTL_DEL, watch.descriptor, 0, nil)
        retired.withLock { $0.append(Unmanaged.passUnretained(watch)) }
    }

    /// Queues a job of a task that prefers this executor; wakes the loop only if it sleeps.
    func enqueue(_ job: consuming ExecutorJob) {
        enqueue(UnownedJob(job), as: asUnownedTaskExecutor())
    }

    /// Queues `job` to run on this thread as a job of `executor`.
    func enqueue(_ job: UnownedJob, as executor: UnownedTaskExecutor) {
        let mustWake = jobs.withLock { jobs -> Bool in
            jobs.queue.append(QueuedJob(job: job, executor: executor))
            guard jobs.sleeping else { return false }
            jobs.sleeping = false
            return true
        }
        if mustWake { wake() }
    }

    private func wake() {
        var one: UInt64 = 1
        _ = withUnsafeBytes(of: &one) { write(wakeDescriptor, $0.baseAddress, 8) }
    }

    private func run() -> Never {
        let capacity = 64
        let tokens = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: capacity)
        let masks = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity)
        var batch: [QueuedJob] = []
        pthread_setspecific(Self.currentKey, Unmanaged.passUnretained(self).toOpaque())
        while true {
            // A few nanoseconds (rseq): where connections to a server on this host want to be handled.
            cpu.store(Int(pooltop_current_cpu()), ordering: .relaxed)
            // Block only when no job waits; otherwise just collect whatever sockets are ready.
            let idle = jobs.withLock { jobs -> Bool in
                jobs.sleeping = jobs.queue.isEmpty
                return jobs.sleeping
            }
            let count = pooltop_epoll_wait(epollDescriptor, tokens, masks, Int32(capacity), idle ? -1 : 0)
            if idle { jobs.withLock { $0.sleeping = false } }
            if count < 0 {
                precondition(pooltop_errno() == EINTR, "epoll_wait failed (errno \(pooltop_errno()))")
                continue
            }
            for index in 0..<Int(count) {
                if let token = tokens[index] {
                    Unmanaged<SocketWatch>.fromOpaque(token).takeUnretainedValue().handle(events: masks[index], on: self.index)
                } else {
                    var counter: UInt64 = 0
                    _ = withUnsafeMutableBytes(of: &counter) { read(wakeDescriptor, $0.baseAddress, 8) }
                }
            }
            let done = retired.withLock { list -> [Unmanaged<SocketWatch>] in
                guard !list.isEmpty else { return [] }
                defer { list.removeAll(keepingCapacity: true) }
                return list
            }
            for watch in done { watch.release() }
            // The jobs queued so far, oldest first; jobs they queue run in the next round, after
            // the sockets are looked at again, so no task can starve the I/O.
            jobs.withLock { swap(&$0.queue, &batch) }
            for queued in batch { queued.job.runSynchronously(on: queued.executor) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}

/// A `TaskExecutor` over all the loops that runs each job on the loop thread that enqueues it, or on
/// the next loop (round robin) when another thread does. A task preferring it goes where the event
/// that resumes it was handled: a query's result resumes its task on the loop watching that
/// connection, and a check-in that hands the connection to a waiting task resumes that task on the
/// same thread, which then queries the connection there. Connections thus stay on their loop (or
/// move near their server process, see `SocketWatch.follow(serverCPU:)`) and tasks move to them,
/// so pooled work spreads over every loop (like pgbench's `-j`) without a cross-thread wake or a
/// socket move per query.
final class FollowingExecutor: TaskExecutor, Sendable {
    fileprivate init() {}

    func enqueue(_ job: consuming ExecutorJob) {
        let loop = EventLoop.current ?? EventLoop.next()
        loop.enqueue(UnownedJob(job), as: asUnownedTaskExecutor())
    }
}
