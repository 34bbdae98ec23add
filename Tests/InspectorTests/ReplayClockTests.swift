import Testing
@testable import Inspector

/// The replay clock over a manual time: every `now` is given, nothing sleeps.
@Suite struct ReplayClockTests {
    /// One speed step, its answer kept for the check (a mutating call cannot sit inside #expect).
    private func step(_ clock: inout ReplayClock, faster: Bool, at now: Duration) -> Bool {
        clock.changeSpeed(faster: faster, at: now)
    }

    @Test("plays at 1x from the start and stops at the end")
    func playsAndStopsAtTheEnd() {
        let clock = ReplayClock(length: .seconds(100), now: .seconds(50))
        #expect(clock.position(at: .seconds(50)) == .zero)
        #expect(clock.position(at: .seconds(62)) == .seconds(12))
        #expect(clock.position(at: .seconds(500)) == .seconds(100))
        #expect(clock.isAtEnd(at: .seconds(150)) && !clock.isAtEnd(at: .seconds(149)))
    }

    @Test("a pause holds the position however long it lasts; resuming goes on from there")
    func pauseHolds() {
        var clock = ReplayClock(length: .seconds(100), now: .zero)
        clock.togglePause(at: .seconds(3))
        #expect(clock.paused)
        #expect(clock.position(at: .seconds(40)) == .seconds(3))
        clock.togglePause(at: .seconds(40))
        #expect(!clock.paused)
        #expect(clock.position(at: .seconds(42)) == .seconds(5))
    }

    @Test("seeks move from the position now and stay within the recording")
    func seeksClamp() {
        var clock = ReplayClock(length: .seconds(100), now: .zero)
        clock.seek(by: .seconds(10), at: .seconds(5))
        #expect(clock.position(at: .seconds(5)) == .seconds(15))
        clock.seek(by: .seconds(-10), at: .seconds(5))
        clock.seek(by: .seconds(-10), at: .seconds(5))
        #expect(clock.position(at: .seconds(5)) == .zero)
        clock.seek(by: .seconds(1000), at: .seconds(5))
        #expect(clock.position(at: .seconds(5)) == .seconds(100))
        clock.seek(to: .seconds(30), at: .seconds(6))
        #expect(clock.position(at: .seconds(7)) == .seconds(31))
    }

    @Test("a seek while paused stays paused at the new position")
    func seekWhilePaused() {
        var clock = ReplayClock(length: .seconds(100), now: .zero)
        clock.togglePause(at: .seconds(10))
        clock.seek(by: .seconds(10), at: .seconds(11))
        #expect(clock.paused)
        #expect(clock.position(at: .seconds(99)) == .seconds(20))
    }

    @Test("speed steps 0.25x..16x, applies from the moment it changes, and stops at each end")
    func speedSteps() {
        var clock = ReplayClock(length: .seconds(1000), now: .zero)
        #expect(step(&clock, faster: true, at: .seconds(10)))
        #expect(clock.speed == 2)
        // 10 s at 1x, then 5 s at 2x.
        #expect(clock.position(at: .seconds(15)) == .seconds(20))
        #expect(step(&clock, faster: false, at: .seconds(15)))
        #expect(step(&clock, faster: false, at: .seconds(15)))
        #expect(step(&clock, faster: false, at: .seconds(15)))
        #expect(clock.speed == 0.25)
        #expect(!step(&clock, faster: false, at: .seconds(15)))
        #expect(clock.position(at: .seconds(19)) == .seconds(21))
        for _ in 0..<6 { clock.changeSpeed(faster: true, at: .seconds(19)) }
        #expect(clock.speed == 16)
        #expect(!step(&clock, faster: true, at: .seconds(19)))
        #expect(clock.position(at: .seconds(20)) == .seconds(37))
    }

    @Test("Space at the end plays the recording again from the start")
    func restartAtTheEnd() {
        var clock = ReplayClock(length: .seconds(10), now: .zero)
        #expect(clock.isAtEnd(at: .seconds(30)))
        clock.togglePause(at: .seconds(30))
        #expect(!clock.paused)
        #expect(clock.position(at: .seconds(31)) == .seconds(1))
    }

    @Test("the header's words: position/length and speed, paused or at the end")
    func statusLabel() {
        var clock = ReplayClock(length: .seconds(100), now: .zero)
        clock.changeSpeed(faster: true, at: .zero)
        #expect(clock.status(at: .seconds(6)).label == "REPLAY 00:12/01:40 2x")
        clock.togglePause(at: .seconds(6))
        #expect(clock.status(at: .seconds(9)).label == "REPLAY 00:12/01:40 2x PAUSED")
        #expect(ReplayClock(length: .seconds(10), now: .zero).status(at: .seconds(20)).label == "REPLAY 00:10/00:10 1x END")
        #expect(ReplayStatus.speedLabel(0.25) == "0.25x" && ReplayStatus.speedLabel(16) == "16x")
        #expect(ReplayStatus.clock(.seconds(3725)) == "1:02:05")
    }
}
