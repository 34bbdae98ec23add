import Testing
import Workload

/// The server monitor's own session against the real server: once closed, nothing opens it again; lost, it is replaced.
@Suite struct ServerMonitorTests {
    @Test func aClosedMonitorAnswersWithoutReconnecting() async throws {
        let application = uniqueName("monitor")
        let monitor = ServerMonitor(target: try await serverTarget(), applicationName: application)
        let probe = try await ServerProbe.open()
        defer { probe.close() }

        #expect(await monitor.poll().unavailable == nil)
        #expect(try await probe.backendCount(application: application) == 1)

        await monitor.close()
        #expect(await monitor.poll().unavailable == "n/a: monitor closed")
        #expect(await monitor.terminate(pid: 1) == "the server monitor is closed")
        let left = try await eventually({ try await probe.backendPIDs(application: application) }, until: \.isEmpty)
        #expect(left.isEmpty, "the monitor's session outlived close(), or a poll after it reconnected")
    }

    @Test func aCloseWhileAPollConnectsLeavesNoSession() async throws {
        let application = uniqueName("monitor_race")
        let monitor = ServerMonitor(target: try await serverTarget(), applicationName: application)
        let probe = try await ServerProbe.open()
        defer { probe.close() }

        // The poll's connect is in flight (or not yet begun) when close() runs; either way it must not stay open.
        async let polled = monitor.poll()
        await monitor.close()
        _ = await polled
        #expect(await monitor.poll().unavailable == "n/a: monitor closed")
        let left = try await eventually({ try await probe.backendPIDs(application: application) }, until: \.isEmpty)
        #expect(left.isEmpty, "a connect that finished after close() kept its session")
    }

    @Test func aTerminatedMonitorSessionIsReplacedWithinThePollAndIsNoOutage() async throws {
        let application = uniqueName("monitor_killed")
        let monitor = ServerMonitor(target: try await serverTarget(), applicationName: application)
        let probe = try await ServerProbe.open()
        defer { probe.close() }

        #expect(await monitor.poll().unavailable == nil)
        let first = try await probe.backendPIDs(application: application)
        #expect(first.count == 1)
        for pid in first { #expect(try await probe.terminate(pid)) }
        _ = try await eventually({ try await probe.backendPIDs(application: application) }, until: { $0.isDisjoint(with: first) })

        let after = await monitor.poll()
        #expect(after.unavailable == nil, "the poll after the monitor's backend was terminated did not reconnect")
        guard case .reachable = after.reachability else { Issue.record("not reachable: \(after.reachability)"); return }
        #expect(await monitor.takeEvents().isEmpty, "a terminated monitor session was told as an outage")
        let second = try await probe.backendPIDs(application: application)
        #expect(second.count == 1 && second.isDisjoint(with: first))
        await monitor.close()
    }
}
