#if canImport(Glibc)
import Glibc
#endif
import CLinux

/// Pins threads and processes to CPUs, for tests that need to know where the scheduler runs them.
enum CPUAffinity {
    /// The CPUs this process may run on.
    static func allowed() -> [Int] {
        var mask = cpu_set_t()
        guard sched_getaffinity(0, MemoryLayout<cpu_set_t>.size, &mask) == 0 else { return [] }
        return withUnsafeBytes(of: &mask) { bytes in
            (0..<(bytes.count * 8)).filter { bytes[$0 / 8] & (1 << ($0 % 8)) != 0 }
        }
    }

    /// Restricts `pid` (0: the calling thread) to `cpus`; returns errno on failure.
    static func restrict(_ pid: pid_t, to cpus: [Int]) -> Int32? {
        var mask = cpu_set_t()
        withUnsafeMutableBytes(of: &mask) { bytes in
            for cpu in cpus { bytes[cpu / 8] |= UInt8(1 << (cpu % 8)) }
        }
        return sched_setaffinity(pid, MemoryLayout<cpu_set_t>.size, &mask) == 0 ? nil : pooltop_errno()
    }
}
