#if canImport(Glibc)
import Glibc
#endif
import Synchronization

extension EmbeddedPostgres {
    /// One cluster per process, started by the first call (concurrent first calls share that one
    /// start, and its failure) and stopped by an `atexit` handler. Tests get their server here.
    public static func shared() async throws(EmbeddedPostgresError) -> EmbeddedPostgres {
        let start = SharedCluster.state.withLock { state -> Task<Result<EmbeddedPostgres, EmbeddedPostgresError>, Never> in
            if let start = state.start { return start }
            let start = Task {
                do throws(EmbeddedPostgresError) {
                    let cluster = try await EmbeddedPostgres.start()
                    SharedCluster.state.withLock { $0.cluster = cluster }
                    return Result<EmbeddedPostgres, EmbeddedPostgresError>.success(cluster)
                } catch {
                    return .failure(error)
                }
            }
            state.start = start
            atexit { SharedCluster.stop() }
            return start
        }
        return try await start.value.get()
    }
}

/// The process-wide cluster behind `EmbeddedPostgres.shared()`.
enum SharedCluster {
    struct State: Sendable {
        var start: Task<Result<EmbeddedPostgres, EmbeddedPostgresError>, Never>?
        var cluster: EmbeddedPostgres?
    }

    static let state = Mutex(State())

    /// Stops the shared cluster if it was started; runs at exit.
    static func stop() {
        let cluster = state.withLock { $0.cluster }
        cluster?.stop()
    }
}
