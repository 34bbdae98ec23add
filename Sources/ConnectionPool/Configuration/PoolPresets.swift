#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The pools users actually configure, by the name the command line uses.
public enum Preset: String, Sendable, CaseIterable {
    case sqlalchemy
    case hikari
    case psycopg
    case pgx
    case databaseSQL = "database-sql"

    public var configuration: PoolConfiguration {
        switch self {
        case .sqlalchemy: return .sqlalchemy
        case .hikari: return .hikari
        case .psycopg: return .psycopg
        case .pgx: return .pgx
        case .databaseSQL: return .databaseSQL
        }
    }
}

extension PoolConfiguration {
    /// The preset called `name` ("sqlalchemy", "hikari", "psycopg", "pgx", "database-sql"), or nil.
    public static func preset(named name: String) -> PoolConfiguration? {
        Preset(rawValue: name.lowercased())?.configuration
    }

    /// SQLAlchemy's QueuePool (lib/sqlalchemy/pool/impl.py, create_engine defaults): pool_size 5,
    /// max_overflow 10, timeout 30 s, pool_recycle -1 (off), pre_ping off, use_lifo off (FIFO),
    /// reset_on_return rollback. A connection returned while pool_size are idle is closed.
    public static let sqlalchemy = PoolConfiguration(
        poolSize: 5, maxOverflow: 10, checkoutTimeout: .seconds(30), maxLifetime: nil, idleTimeout: nil,
        minimumIdle: 0, prePing: false, idleOrder: .fifo, resetOnReturn: .rollback, presetName: Preset.sqlalchemy.rawValue)

    /// HikariCP (HikariConfig.java): maximumPoolSize 10 and minimumIdle = maximum, i.e. a fixed pool of 10
    /// kept warm; connectionTimeout 30 s, idleTimeout 10 min (inert while minimumIdle = max), maxLifetime
    /// 30 min, leakDetectionThreshold 0 (off). Hikari resets session state changed by the app; we roll back.
    public static let hikari = PoolConfiguration(
        poolSize: 10, maxOverflow: 0, checkoutTimeout: .seconds(30), maxLifetime: .seconds(30 * 60),
        idleTimeout: .seconds(10 * 60), minimumIdle: 10, prePing: false, idleOrder: .fifo, resetOnReturn: .rollback,
        leakThreshold: nil, presetName: Preset.hikari.rawValue)

    /// psycopg_pool's ConnectionPool (psycopg_pool/pool.py, base.py): min_size 4, max_size = min_size,
    /// timeout 30 s, max_waiting 0 (no limit), max_lifetime 3600 s, max_idle 600 s. min_size maps to
    /// minimumIdle (connections opened at start and kept), max_size to poolSize with no overflow.
    /// psycopg returns connections in FIFO order and rolls back an open transaction on return.
    public static let psycopg = PoolConfiguration(
        poolSize: 4, maxOverflow: 0, checkoutTimeout: .seconds(30), maxLifetime: .seconds(3600),
        idleTimeout: .seconds(600), minimumIdle: 4, prePing: false, idleOrder: .fifo, resetOnReturn: .rollback,
        maxWaiters: nil, presetName: Preset.psycopg.rawValue)

    /// pgx's pgxpool (pgxpool/pool.go): MaxConns max(4, NumCPU), MinConns 0, MaxConnLifetime 1 h,
    /// MaxConnIdleTime 30 min, HealthCheckPeriod 1 min (our timer checks continuously); idle connections
    /// are reused LIFO. pgx pings a connection idle over 1 s on acquire: mapped to pre-ping on. pgx has no
    /// acquire timeout of its own (the caller's context): 30 s here. pgx does not reset on release.
    public static let pgx = PoolConfiguration(
        poolSize: Swift.max(4, processorCount()), maxOverflow: 0, checkoutTimeout: .seconds(30),
        maxLifetime: .seconds(3600), idleTimeout: .seconds(30 * 60), minimumIdle: 0, prePing: true, idleOrder: .lifo,
        resetOnReturn: .none, presetName: Preset.pgx.rawValue)

    /// Go's database/sql (src/database/sql/sql.go): MaxOpenConns 0 (unlimited), MaxIdleConns 2,
    /// ConnMaxLifetime 0 and ConnMaxIdleTime 0 (no limits). Mapped as poolSize 2 (the idle connections
    /// kept) with unlimited overflow closed on return. Go waits without a limit: 30 s here. No reset.
    public static let databaseSQL = PoolConfiguration(
        poolSize: 2, maxOverflow: -1, checkoutTimeout: .seconds(30), maxLifetime: nil, idleTimeout: nil,
        minimumIdle: 0, prePing: false, idleOrder: .lifo, resetOnReturn: .none, presetName: Preset.databaseSQL.rawValue)
}

/// Online processors, as Go's runtime.NumCPU reports them.
func processorCount() -> Int {
    Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
}
