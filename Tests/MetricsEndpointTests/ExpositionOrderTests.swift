import ConnectionPool
import ConnectionPoolTestUtils
@testable import MetricsEndpoint
import Testing

/// The exposition in a stable order: families by name, series by labels, a histogram's lines kept together.
struct ExpositionOrderTests {
    @Test("families are sorted by name and series by labels; each line is kept, a histogram's in its order")
    func sortsFamiliesAndSeries() {
        let scrambled = """
            # HELP zeta_total Z.
            # TYPE zeta_total counter
            zeta_total{pool="p",reason="b"} 2
            zeta_total{pool="p",reason="a"} 1
            # TYPE alpha_seconds histogram
            alpha_seconds_bucket{pool="p",le="0.1"} 1
            alpha_seconds_bucket{pool="p",le="+Inf"} 2
            alpha_seconds_sum{pool="p"} 0.3
            alpha_seconds_count{pool="p"} 2
            # HELP mid_gauge M.
            # TYPE mid_gauge gauge
            mid_gauge{pool="p",state="used"} 4.0
            mid_gauge{pool="p",state="idle"} 3.0
            """
        let sorted = ExpositionOrder.sorted(scrambled)
        #expect(sorted == """
            # TYPE alpha_seconds histogram
            alpha_seconds_bucket{pool="p",le="0.1"} 1
            alpha_seconds_bucket{pool="p",le="+Inf"} 2
            alpha_seconds_sum{pool="p"} 0.3
            alpha_seconds_count{pool="p"} 2
            # HELP mid_gauge M.
            # TYPE mid_gauge gauge
            mid_gauge{pool="p",state="idle"} 3.0
            mid_gauge{pool="p",state="used"} 4.0
            # HELP zeta_total Z.
            # TYPE zeta_total counter
            zeta_total{pool="p",reason="a"} 1
            zeta_total{pool="p",reason="b"} 2

            """)
    }

    @Test("a label value holding a comma, a brace or an escaped quote does not split the series")
    func quotedLabelValues() {
        let text = """
            # TYPE m gauge
            m{pool="b,}\\"x",state="used"} 2
            m{pool="b,}\\"x",state="idle"} 1
            """
        let lines = ExpositionOrder.sorted(text).split(separator: "\n")
        #expect(lines == ["# TYPE m gauge", #"m{pool="b,}\"x",state="idle"} 1"#, #"m{pool="b,}\"x",state="used"} 2"#])
    }

    @Test("a scrape of a real registry comes out sorted, the same order every time")
    func scrapeIsSorted() async throws {
        let metrics = PoolMetrics(poolName: "fake:1/db")
        let pool = ConnectionPool(configuration: PoolConfiguration(poolSize: 2, maxOverflow: 1), factory: FakeConnectionFactory(), observer: metrics)
        let timer = Task { await pool.run() }
        let lease = try await pool.checkOut(holder: "worker-0")
        await pool.checkIn(lease)
        let first = String(decoding: await metrics.exposition(), as: UTF8.self)
        let second = String(decoding: await metrics.exposition(), as: UTF8.self)
        await pool.shutdown()
        await timer.value

        let families = first.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map { $0.split(separator: " ")[2] }
        #expect(families.count > 10)
        #expect(families == families.sorted())
        #expect(first.split(separator: "\n").filter { $0.hasPrefix("# TYPE") } == second.split(separator: "\n").filter { $0.hasPrefix("# TYPE") })
        let reasons = first.split(separator: "\n").filter { $0.hasPrefix("pooltop_connection_closes_total{") }
        #expect(reasons.count == CloseReason.allCases.count)
        #expect(reasons == reasons.sorted())
        let states = first.split(separator: "\n").filter { $0.hasPrefix("db_client_connection_count{") }
        #expect(states.count == 2 && states[0].contains("state=\"idle\"") && states[1].contains("state=\"used\""))
    }
}
