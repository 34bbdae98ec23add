import ConnectionPool
import Testing
@testable import Inspector

@Suite struct SimulatedSourceTests {
    @Test func commandsChangeWhatTheNextCollectShows() async {
        let source = SimulatedSource()
        #expect(await source.perform(.changePoolSize(by: 1)) == "preset sqlalchemy → custom, pool_size 5 → 6")
        #expect(await source.perform(.changeMaxOverflow(by: -1)) == "max_overflow 10 → 9")
        #expect(await source.perform(.setLoadPaused(true)) == "load paused")
        let data = await source.collect()
        #expect(data.pool.configuration.poolSize == 6)
        #expect(data.pool.configuration.maxOverflow == 9)
        #expect(data.pool.configuration.presetName == "custom")
        #expect(data.load.settings.paused)
        let changes = data.events.compactMap { event -> String? in
            if case .configurationChanged(let description) = event.kind { return description }
            return nil
        }
        #expect(changes == ["preset sqlalchemy → custom", "pool_size 5 → 6", "max_overflow 10 → 9"])
        #expect(!data.target.isEmpty && data.target.contains("****"))
    }

    @Test func sqlAnswersWithAResultOrAnSQLSTATE() async {
        let source = SimulatedSource()
        #expect(await source.perform(.runSQL("select 1"))?.contains("(1 row)") == true)
        #expect(await source.perform(.runSQL("nonsense"))?.contains("SQLSTATE 42601") == true)
    }

    @Test func stepsProduceSlotsSamplesAndWorkers() {
        var simulation = Simulation(configuration: PoolConfiguration(), workers: 8, seed: 7)
        simulation.advance(to: .seconds(3))
        let data = simulation.data(uptime: .seconds(3))
        #expect(data.load.samples.map(\.second) == [1, 2, 3])
        #expect(!data.pool.slots.isEmpty)
        #expect(data.pool.slots.count <= PoolConfiguration().maxConnections!)
        #expect(data.load.workers.count == 8)
        #expect(data.server.backends.count == data.pool.slots.compactMap(\.backendPID).count + 1)
    }
}

/// The demo's presets are pooltop's own (`Preset`): `P` steps through them with their knobs, as on a live pool.
@Suite struct SimulatedPresetTests {
    @Test func pStepsThroughPooltopsPresetsWithTheirKnobs() async {
        let source = SimulatedSource()
        var seen: [String] = []
        for _ in Preset.allCases {
            _ = await source.perform(.nextPreset)
            let configuration = await source.collect().pool.configuration
            seen.append(configuration.presetName)
            let preset = Preset(rawValue: configuration.presetName)
            #expect(preset.map { configuration == $0.configuration } == true, "\(configuration.presetName) is not a preset's own knobs")
        }
        #expect(seen == Preset.allCases.dropFirst().map(\.rawValue) + [Preset.sqlalchemy.rawValue], "\(seen)")
        #expect(await source.perform(.setPreset("pgbouncer-like")) == "no preset called pgbouncer-like")
        #expect(await source.perform(.setPreset("hikari"))?.hasPrefix("preset sqlalchemy → hikari") == true)
    }
}
