#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// With GLOSS_TRACE_STARTUP=FILE, gloss appends to FILE when each stage of opening and quitting
/// a lesson ended, as `stage<TAB>milliseconds since main began` lines: what `make bench` cannot
/// see from outside the process. (The time before `main`, loading libraries and starting the
/// runtime, is what `gloss --help` takes.)
enum StartupTrace {
    nonisolated(unsafe) private static var file: UnsafeMutablePointer<FILE>?
    nonisolated(unsafe) private static var origin = 0.0

    static func start() {
        guard let path = getenv("GLOSS_TRACE_STARTUP") else { return }
        file = fopen(path, "a")
        origin = now()
        mark("main")
    }

    static func mark(_ stage: String) {
        guard let file else { return }
        // Hundredths of a millisecond, formatted by hand: String(format:) would load ICU's
        // locale data on first use, a cost of the trace itself that it would then report.
        let hundredths = Int(((now() - origin) * 100).rounded())
        let fraction = hundredths % 100
        fputs("\(stage)\t\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)\n", file)
        fflush(file)
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1e6
    }
}
