import Foundation

/// Open loop: the arrival process that feeds `arrivals` while a rate is set.
extension LoadGenerator {
    func runArrivals() async {
        var seeds = SystemRandomNumberGenerator()
        var random = FastRandom(seed: arrivalSeed ?? seeds.next())
        var generation = UInt64.max
        var next = clock.now
        while !Task.isCancelled {
            let plan = plans.plan
            guard let rate = plan.settings.arrivalRate, rate > 0, !plan.settings.paused else {
                generation = .max
                if await plans.waitForChange(from: plan.generation) { continue }
                return
            }
            let now = clock.now
            if plan.generation != generation {
                generation = plan.generation
                next = now + PoissonArrivals.interArrival(rate: rate, &random)
            }
            var due = 0
            while next <= now && due < arrivals.capacity {
                due += 1
                next += PoissonArrivals.interArrival(rate: rate, &random)
            }
            if next <= now { next = now }
            if due > 0 { arrivals.add(due) }
            let wake = min(max(next, now + .milliseconds(1)), now + .milliseconds(100))
            do { try await clock.sleep(until: wake) } catch { return }
        }
    }
}

/// Arrival times of a Poisson process.
enum PoissonArrivals {
    /// An exponential gap with mean 1/rate.
    static func interArrival(rate: Double, _ random: inout FastRandom) -> Duration {
        .seconds(-log(1 - random.nextUnit()) / rate)
    }
}
