import ConnectionPool
import Testing

@Suite("Presets carry their projects' documented defaults")
struct PresetTests {
    @Test func sqlalchemyQueuePool() {
        let c = PoolConfiguration.sqlalchemy
        #expect((c.poolSize, c.maxOverflow, c.checkoutTimeout) == (5, 10, .seconds(30)))
        #expect(c.maxLifetime == nil && c.idleTimeout == nil && c.minimumIdle == 0)
        #expect(!c.prePing && c.idleOrder == .fifo && c.resetOnReturn == .rollback)
        #expect(c.maxConnections == 15)
    }

    @Test func hikariFixedSizeTen() {
        let c = PoolConfiguration.hikari
        #expect((c.poolSize, c.maxOverflow, c.minimumIdle) == (10, 0, 10))
        #expect(c.checkoutTimeout == .seconds(30))
        #expect(c.idleTimeout == .seconds(600))
        #expect(c.maxLifetime == .seconds(1800))
        #expect(c.leakThreshold == nil)
    }

    @Test func psycopgPool() {
        let c = PoolConfiguration.psycopg
        #expect((c.poolSize, c.maxOverflow, c.minimumIdle) == (4, 0, 4))
        #expect(c.checkoutTimeout == .seconds(30))
        #expect(c.maxIdleAndLifetime == (.seconds(600), .seconds(3600)))
        #expect(c.maxWaiters == nil)
    }

    @Test func pgxpool() {
        let c = PoolConfiguration.pgx
        #expect(c.poolSize >= 4 && c.maxOverflow == 0 && c.minimumIdle == 0)
        #expect(c.maxIdleAndLifetime == (.seconds(1800), .seconds(3600)))
        #expect(c.idleOrder == .lifo && c.prePing)
    }

    @Test func goDatabaseSQL() {
        let c = PoolConfiguration.databaseSQL
        #expect(c.poolSize == 2 && c.maxOverflow == -1 && c.maxConnections == nil)
        #expect(c.maxLifetime == nil && c.idleTimeout == nil)
    }

    @Test(arguments: Preset.allCases)
    func presetIsFoundByItsNameAndCarriesIt(preset: Preset) {
        #expect(PoolConfiguration.preset(named: preset.rawValue) == preset.configuration)
        #expect(preset.configuration.presetName == preset.rawValue)
    }

    @Test func presetNamesAreTheCommandLineOnes() {
        #expect(Preset.allCases.map(\.rawValue) == ["sqlalchemy", "hikari", "psycopg", "pgx", "database-sql"])
        #expect(PoolConfiguration.preset(named: "c3p0") == nil)
    }
}

extension PoolConfiguration {
    fileprivate var maxIdleAndLifetime: (Duration?, Duration?) { (idleTimeout, maxLifetime) }
}
