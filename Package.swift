// swift-tools-version: 6.0
import PackageDescription

/// Release builds specialise the generic pool and inline the connection's calls across modules: without it,
/// W1 spends ~10% of its CPU instantiating generic metadata and the pool's lock (measured with perf).
let crossModuleOptimization: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
    name: "pooltop",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "pooltop", targets: ["pooltop"]),
        .library(name: "ConnectionPool", targets: ["ConnectionPool"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.1.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(name: "CCurses", linkerSettings: [.linkedLibrary("ncursesw")]),
        .target(name: "LibPQ", dependencies: ["CLibPQ"], swiftSettings: crossModuleOptimization),
        .target(name: "ConnectionPool", dependencies: [
            .product(name: "Histogram", package: "hdrhistogram-swift"),
        ], swiftSettings: crossModuleOptimization),
        .target(name: "EmbeddedPostgres", dependencies: []),
        .target(name: "Workload", dependencies: [
            "ConnectionPool", "LibPQ",
            .product(name: "Histogram", package: "hdrhistogram-swift"),
        ], swiftSettings: crossModuleOptimization),
        .target(name: "Inspector", dependencies: [
            "ConnectionPool", "Workload", "CCurses",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        .executableTarget(name: "pooltop", dependencies: [
            "Inspector", "Workload", "ConnectionPool", "LibPQ", "EmbeddedPostgres",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Test support: the fake connection and manual clock for the unit tests of the pool and the load generator.
        .target(name: "ConnectionPoolTestUtils", dependencies: ["ConnectionPool"], path: "Tests/ConnectionPoolTestUtils"),
        .executableTarget(name: "PoolMicroBenchmark", dependencies: ["ConnectionPool", "ConnectionPoolTestUtils"], path: "Benchmarks/PoolMicroBenchmark"),
        .testTarget(name: "LibPQTests", dependencies: ["LibPQ", "EmbeddedPostgres"]),
        .testTarget(name: "EmbeddedPostgresTests", dependencies: ["EmbeddedPostgres", "LibPQ"]),
        .testTarget(name: "ConnectionPoolTests", dependencies: ["ConnectionPool", "ConnectionPoolTestUtils"]),
        .testTarget(name: "WorkloadTests", dependencies: ["Workload", "ConnectionPool", "ConnectionPoolTestUtils", "LibPQ", "EmbeddedPostgres"]),
        .testTarget(name: "InspectorTests", dependencies: ["Inspector", "ConnectionPool", "Workload"]),
        // Pool presets and the workload against the real embedded server (no fakes in place of the database).
        .testTarget(name: "IntegrationTests", dependencies: ["ConnectionPool", "Workload", "LibPQ", "EmbeddedPostgres"]),
        .testTarget(name: "EndToEndTests", dependencies: ["EmbeddedPostgres"]),
    ],
    swiftLanguageModes: [.v6]
)
