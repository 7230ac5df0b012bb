import LessonKit

/// The process's peak resident memory as the kernel counts it (VmHWM). It only ever grows,
/// which is why each lesson is measured in a process of its own.
enum PeakMemory {
    /// Kilobytes, or nil where /proc is not available (macOS).
    static func kilobytes() -> Int? {
        guard let bytes = try? FileBytes.read("/proc/self/status") else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.dropFirst("VmHWM:".count).filter { $0.isNumber }
            return Int(digits)
        }
        return nil
    }
}
