import Foundation
import Testing
@testable import EmbeddedPostgres
#if canImport(Glibc)
import Glibc
#endif

@Suite("EmbeddedPostgres")
struct EmbeddedPostgresTests {
    @Test("a started cluster answers queries over its socket and over loopback TCP")
    func answersQueries() async throws {
        let cluster = try await EmbeddedPostgres.start()
        defer { cluster.stop() }
        print("EmbeddedPostgres start-up took \(cluster.startupDuration)")
        #expect(try psql(cluster, cluster.conninfo, "select 1") == "1")
        #expect(try psql(cluster, cluster.url, "select inet_server_addr()") == "127.0.0.1")
        #expect(try psql(cluster, cluster.conninfo, "select current_setting('data_directory')") == cluster.dataDirectory)
    }

    @Test("the server is configured for experiments: 300 connections, no fsync")
    func configuredForExperiments() async throws {
        let cluster = try await EmbeddedPostgres.start()
        defer { cluster.stop() }
        let settings = try psql(cluster, cluster.conninfo,
            "select string_agg(name || '=' || setting, ',' order by name) from pg_settings where name in ('max_connections', 'fsync', 'synchronous_commit', 'full_page_writes', 'listen_addresses')")
        #expect(settings == "fsync=off,full_page_writes=off,listen_addresses=127.0.0.1,max_connections=300,synchronous_commit=off")
    }

    @Test("authentication trusts local connections and nothing else")
    func trustsOnlyLocalConnections() async throws {
        let cluster = try await EmbeddedPostgres.start()
        defer { cluster.stop() }
        let rules = try psql(cluster, cluster.conninfo,
            "select string_agg(type || ':' || coalesce(address, '') || ':' || auth_method, ',' order by line_number) from pg_hba_file_rules")
        #expect(rules == "local::trust,host:127.0.0.1:trust,host:::1:trust")
    }

    @Test("stop ends the server, removes the folder, and can be called again")
    func stopLeavesNothing() async throws {
        let cluster = try await EmbeddedPostgres.start()
        let folder = cluster.socketDirectory
        #expect(ProcessIdentity.find(cluster.serverPID) != nil)
        #expect(FileManager.default.fileExists(atPath: folder))
        cluster.stop()
        #expect(ProcessIdentity.find(cluster.serverPID) == nil)
        #expect(processes(mentioning: folder).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder))
        #expect(!cluster.isRunning)
        cluster.stop()
    }

    @Test("dropping the last reference stops the server and removes the folder")
    func droppingStops() async throws {
        var cluster: EmbeddedPostgres? = try await EmbeddedPostgres.start()
        let pid = try #require(cluster?.serverPID)
        let folder = try #require(cluster?.socketDirectory)
        cluster = nil
        #expect(ProcessIdentity.find(pid) == nil)
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    @Test("two clusters run at once, each with its own port, folder and data")
    func twoClustersAtOnce() async throws {
        async let first = EmbeddedPostgres.start()
        async let second = EmbeddedPostgres.start()
        let (one, two) = try await (first, second)
        defer {
            one.stop()
            two.stop()
        }
        #expect(one.port != two.port)
        #expect(one.socketDirectory != two.socketDirectory)
        _ = try psql(one, one.conninfo, "create table only_in_one (x int)")
        #expect(try psql(one, one.url, "select count(*) from pg_tables where tablename = 'only_in_one'") == "1")
        #expect(try psql(two, two.url, "select count(*) from pg_tables where tablename = 'only_in_one'") == "0")
    }

    @Test("the next start stops and removes a cluster whose owner died")
    func sweepsClusterOfDeadOwner() async throws {
        let orphan = try await EmbeddedPostgres.start()
        defer { orphan.stop() }
        orphan.folder.recordOwner(try deadProcess())

        let next = try await EmbeddedPostgres.start()
        defer { next.stop() }

        #expect(ProcessIdentity.find(orphan.serverPID) == nil)
        #expect(!FileManager.default.fileExists(atPath: orphan.socketDirectory))
        #expect(try psql(next, next.conninfo, "select 1") == "1")
    }

    @Test("a cluster whose owner lives is left alone by the sweep")
    func leavesClusterOfLiveOwner() async throws {
        let kept = try await EmbeddedPostgres.start()
        defer { kept.stop() }
        let next = try await EmbeddedPostgres.start()
        defer { next.stop() }
        #expect(try psql(kept, kept.conninfo, "select 1") == "1")
    }

    @Test("missing server programs give one line naming the package")
    func missingBinaries() async {
        let nowhere = ServerBinaries.Search(pgConfigCandidates: [], versionedRoots: ["/nonexistent/postgresql"])
        let error = await #expect(throws: EmbeddedPostgresError.self) {
            try await EmbeddedPostgres.start(ServerLaunch(search: nowhere))
        }
        #expect(error?.message == "PostgreSQL server binaries not found: install the 'postgresql' package (apt-get install postgresql)")
    }

    @Test("a cluster is needed only when neither a target nor a server-naming PG variable is given")
    func neededOnlyWithoutTarget() {
        #expect(EmbeddedPostgres.isNeeded(target: nil, environment: [:]))
        #expect(EmbeddedPostgres.isNeeded(target: "", environment: ["PGUSER": "app", "PGPORT": "5433"]))
        #expect(!EmbeddedPostgres.isNeeded(target: "postgresql://app@db/x", environment: [:]))
        for variable in ["PGHOST", "PGHOSTADDR", "PGDATABASE", "PGSERVICE"] {
            #expect(!EmbeddedPostgres.isNeeded(target: nil, environment: [variable: "x"]), "\(variable)")
            #expect(EmbeddedPostgres.serverNamingVariable(in: ["PGUSER": "app", variable: "x"]) == variable)
        }
        #expect(EmbeddedPostgres.serverNamingVariable(in: ["PGUSER": "app", "PGHOST": ""]) == nil)
    }

    @Test("the cluster's PG* environment points psql at it")
    func environmentPointsAtCluster() async throws {
        let cluster = try await EmbeddedPostgres.shared()
        let variables = cluster.environment.map { "\($0.key)=\($0.value)" }
        let command = ChildProcess(executable: cluster.binDirectory + "/psql", arguments: ["-X", "-Atc", "select current_setting('port')"],
                                   environment: ChildProcess.cleanEnvironment + variables)
        let (status, output) = try command.run()
        #expect(status == 0)
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "\(cluster.port)")
    }

    @Test("a server that fails to start gives one line with the tail of its log, and leaves no folder")
    func failedStartReportsLogTail() async throws {
        let parent = try privateFolder()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let error = await #expect(throws: EmbeddedPostgresError.self) {
            try await EmbeddedPostgres.start(ServerLaunch(settings: ["shared_buffers=lots"], parentDirectory: parent))
        }
        #expect(error?.message.hasPrefix("PostgreSQL did not start: ") == true)
        #expect(error?.message.contains("shared_buffers") == true)
        #expect(error?.message.contains("\n") == false)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent).isEmpty)
    }

    @Test("shared() gives every caller the same running cluster")
    func sharedClusterIsOne() async throws {
        async let first = EmbeddedPostgres.shared()
        async let second = EmbeddedPostgres.shared()
        let (one, two) = try await (first, second)
        #expect(one === two)
        #expect(try await EmbeddedPostgres.shared() === one)
        #expect(try psql(one, one.conninfo, "select 1") == "1")
    }
}

/// Runs one statement through the cluster's own `psql` and returns its unaligned output.
private func psql(_ cluster: EmbeddedPostgres, _ target: String, _ sql: String) throws -> String {
    let command = ChildProcess(executable: cluster.binDirectory + "/psql", arguments: ["-X", "-v", "ON_ERROR_STOP=1", "-Atc", sql, target])
    let (status, output) = try command.run()
    try #require(status == 0, "psql failed: \(output)")
    return output.trimmingCharacters(in: .whitespacesAndNewlines)
}

/// The identity of a process that has exited and been reaped.
private func deadProcess() throws -> ProcessIdentity {
    let pid = try ChildProcess(executable: "/bin/true", arguments: []).spawn(output: .discard)
    _ = ChildProcess.waitForExit(of: pid)
    return ProcessIdentity(pid: pid, startTime: 0)
}

/// A new empty folder the server user can use (world-writable and sticky, like /tmp).
private func privateFolder() throws -> String {
    var template = Array("/tmp/pooltop-test-XXXXXX".utf8CString)
    try #require(mkdtemp(&template) != nil)
    let path = String(nulTerminated: template)
    chmod(path, 0o1777)
    return path
}

/// Pids of live processes whose command line contains `text`.
private func processes(mentioning text: String) -> [pid_t] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { pid_t($0) }.filter { pid in
        ProcessIdentity.find(pid)?.commandLine.contains(text) ?? false
    }
}
