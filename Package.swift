// swift-tools-version: 6.0
import PackageDescription

/// Release builds specialise the generic pool and inline the connection's calls across modules: without it,
/// W1 spends ~10% of its CPU instantiating generic metadata and the pool's lock (measured with perf).
let crossModuleOptimization: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

/// Linux only: the event loops are built on epoll and eventfd (Sources/CLinux).
let package = Package(
    name: "pooltop",
    products: [
        .executable(name: "pooltop", targets: ["pooltop"]),
        .library(name: "ConnectionPool", targets: ["ConnectionPool"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.1.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(name: "CLinux"),
        .target(name: "CCurses", linkerSettings: [.linkedLibrary("ncursesw")]),
        .target(name: "LibPQ", dependencies: ["CLibPQ", "CLinux", "Waiting"], swiftSettings: crossModuleOptimization),
        .target(name: "Waiting", swiftSettings: crossModuleOptimization),
        .target(name: "ConnectionPool", dependencies: [
            "Waiting",
            .product(name: "Histogram", package: "hdrhistogram-swift"),
        ], swiftSettings: crossModuleOptimization),
        .target(name: "EmbeddedPostgres", dependencies: []),
        .target(name: "Workload", dependencies: [
            "ConnectionPool", "LibPQ",
            "Waiting",
            .product(name: "Histogram", package: "hdrhistogram-swift"),
        ], swiftSettings: crossModuleOptimization),
        // The config file and how it layers under the environment and the flags (issue 19).
        .target(name: "ConfigFile", dependencies: [
            "ConnectionPool", "Workload", "LibPQ",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        .target(name: "Inspector", dependencies: [
            "ConnectionPool", "Workload", "LibPQ", "Waiting", "CCurses", "ConfigFile",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        // The pool's metrics in the Prometheus text format, served over HTTP (`--metrics`).
        .target(name: "MetricsEndpoint", dependencies: [
            "ConnectionPool",
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "FlyingFox", package: "FlyingFox"),
        ]),
        .executableTarget(name: "pooltop", dependencies: [
            "Inspector", "Workload", "ConnectionPool", "LibPQ", "EmbeddedPostgres", "ConfigFile", "MetricsEndpoint",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Test support: the fake connection and manual clock for the unit tests of the pool and the load generator.
        .target(name: "ConnectionPoolTestUtils", dependencies: ["ConnectionPool", "Waiting"], path: "Tests/ConnectionPoolTestUtils"),
        // Test support: a loopback TCP proxy that stalls, black-holes, cuts or refuses connections on demand.
        .target(name: "FaultProxy", dependencies: ["CLinux"], path: "Tests/FaultProxy"),
        // Test support: a real pgbouncer on loopback in front of an embedded cluster.
        .target(name: "PgBouncerServer", dependencies: ["EmbeddedPostgres"], path: "Tests/PgBouncerServer"),
        // Test support: a blocking HTTP GET on loopback (the metrics endpoint, Prometheus's API), without URLSession.
        .target(name: "LoopbackHTTP", path: "Tests/LoopbackHTTP"),
        .executableTarget(name: "PoolMicroBenchmark", dependencies: ["ConnectionPool", "ConnectionPoolTestUtils", "MetricsEndpoint"], path: "Benchmarks/PoolMicroBenchmark"),
        .testTarget(name: "LibPQTests", dependencies: ["LibPQ", "CLinux", "EmbeddedPostgres", "FaultProxy"]),
        .testTarget(name: "EmbeddedPostgresTests", dependencies: ["EmbeddedPostgres", "LibPQ"]),
        .testTarget(name: "WaitingTests", dependencies: ["Waiting"]),
        .testTarget(name: "ConnectionPoolTests", dependencies: ["ConnectionPool", "ConnectionPoolTestUtils"]),
        .testTarget(name: "WorkloadTests", dependencies: ["Workload", "ConnectionPool", "ConnectionPoolTestUtils", "LibPQ", "EmbeddedPostgres"]),
        .testTarget(name: "ConfigFileTests", dependencies: ["ConfigFile", "ConnectionPool", "Workload"]),
        // The name and label mapping on snapshots, addresses, PoolMetrics on fake pools.
        .testTarget(name: "MetricsEndpointTests", dependencies: ["MetricsEndpoint", "ConnectionPool", "ConnectionPoolTestUtils"]),
        .testTarget(name: "InspectorTests", dependencies: ["Inspector", "ConnectionPool", "ConnectionPoolTestUtils", "Workload", "LibPQ"]),
        // Pool presets and the workload against the real embedded server (no fakes in place of the database).
        .testTarget(name: "IntegrationTests", dependencies: ["ConnectionPool", "Workload", "LibPQ", "EmbeddedPostgres", "FaultProxy", "PgBouncerServer", "MetricsEndpoint", "LoopbackHTTP"]),
        .testTarget(name: "EndToEndTests", dependencies: ["EmbeddedPostgres", "ConnectionPool", "Inspector", "LibPQ", "PgBouncerServer", "LoopbackHTTP"]),
    ],
    swiftLanguageModes: [.v6]
)
