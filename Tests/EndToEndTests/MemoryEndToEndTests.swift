import Foundation
import Testing

/// The reader asks the kernel for 2 MB pages where it allocates most (issue 5): a process that
/// wrote its memory in 2 MB pages takes a fault per 2 MB instead of per 4 KB, and its exit frees
/// them as fast as small ones. These look at the running gloss's mappings in /proc; when the
/// kernel offers no huge pages, nothing may be advised.
@Suite(.serialized, .enabled(if: TmuxSession.shouldRun, "tmux is not installed; the end-to-end tests need it"))
struct MemoryEndToEndTests {
    /// The main thread's heap, from a 2 MB boundary on: the seed lesson's reader allocates its
    /// windows, Screen and lesson there.
    @Test func theReadersMainHeapIsAdvisedFromATwoMegabyteBoundary() throws {
        let box = try GlossSandbox()
        let session = try box.start([GlossSandbox.seed])
        try session.settled(text: "h help")
        let program = try session.programID()
        let advised = Self.mappings(in: try Self.wholeFile("/proc/\(program)/smaps")).filter { mapping in
            mapping.permissions == "rw-p" && mapping.flags.contains("hg") && mapping.start % (2 << 20) == 0
                && mapping.size >= 2 << 20 && mapping.start < 0x7000_0000_0000
        }
        #expect(try Self.hugePagesOffered(to: program) ? advised.count == 1 : advised.isEmpty,
                "\(advised.count) advised mappings below the shared libraries' addresses")
        try session.send(text: "q")
        #expect(try session.waitForExit() == 0)
    }

    /// A long lesson's threads ask for 2 MB pages for their heap: once the whole analysis has
    /// arrived, the process holds a glibc thread heap made writable whole (64 MB) and advised for
    /// huge pages.
    @Test func theLongLessonsAnalysisHeapIsAdvisedForHugePages() throws {
        let (box, path) = try LongLessonEndToEndTests.sandbox(holding: LongLessonEndToEndTests.longLesson())
        let session = try box.start([path], columns: 120, rows: 40)
        try session.settled(text: "lantern  ×\(LongLessonEndToEndTests.paragraphs)")
        let program = try session.programID()
        let smaps = try Self.wholeFile("/proc/\(program)/smaps")
        let advisedHeaps = Self.mappings(in: smaps).filter { mapping in
            mapping.size == 64 << 20 && mapping.permissions == "rw-p" && mapping.flags.contains("hg")
        }
        #expect(try Self.hugePagesOffered(to: program) ? !advisedHeaps.isEmpty : advisedHeaps.isEmpty,
                "\(advisedHeaps.count) advised 64 MB heaps among \(Self.mappings(in: smaps).count) mappings")
        try session.send(text: "q")
        #expect(try session.waitForExit() == 0)
    }

    /// A file read to its end: /proc files have no size, and one read gives a page of them.
    static func wholeFile(_ path: String) throws -> String {
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw TmuxSession.Failure(description: "cannot read \(path)")
        }
        defer { try? file.close() }
        return String(decoding: file.readDataToEndOfFile(), as: UTF8.self)
    }

    /// Whether the kernel offers `program` transparent huge pages: not when the system says
    /// "[never]" or the process has them turned off.
    static func hugePagesOffered(to program: Int32) throws -> Bool {
        try !wholeFile("/sys/kernel/mm/transparent_hugepage/enabled").contains("[never]")
            && !wholeFile("/proc/\(program)/status").contains("THP_enabled:\t0")
    }

    typealias Mapping = (start: UInt, size: UInt, permissions: String, flags: [String])

    /// Each mapping of a /proc/PID/smaps text: where it starts, its size, permissions and VmFlags.
    static func mappings(in smaps: String) -> [Mapping] {
        var found: [Mapping] = []
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if line.hasPrefix("VmFlags:"), !found.isEmpty {
                found[found.count - 1].flags = fields.dropFirst().map(String.init)
            } else if fields.count >= 2, !line.hasSuffix(":"), fields[0].contains("-"), !fields[0].hasSuffix(":") {
                let bounds = fields[0].split(separator: "-").compactMap { UInt($0, radix: 16) }
                if bounds.count == 2 { found.append((bounds[0], bounds[1] - bounds[0], String(fields[1]), [])) }
            }
        }
        return found
    }
}
