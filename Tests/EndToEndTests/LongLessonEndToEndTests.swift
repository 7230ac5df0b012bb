import Foundation
import Testing

/// A lesson past `BackgroundAnalysis.threshold` (256 KB of article) opens on a preview analysed
/// only around the reader's place; the whole analysis arrives from another thread. In a real
/// terminal: the vocabulary count in the sidebar becomes the whole lesson's, and the saved place
/// is found again at the far end of the lesson.
@Suite(.serialized) struct LongLessonEndToEndTests {
    static let paragraphs = 320

    /// About 1.1 KB a paragraph, each with one "lantern" and its number: 350 KB for 320
    /// paragraphs. `conclusion` nil leaves the Conclusion heading with nothing under it, an error
    /// in the file's last part only.
    static func longLesson(paragraphs: Int = paragraphs,
                           conclusion: String? = "The end of the long lesson is near the river.") -> String {
        var lines = ["A Very Long Evening by Lantern Light", "", "Introduction", "",
                     "This lesson is long on purpose. Its body repeats a short story many times.", "", "Main Body", ""]
        let filler = String(repeating: "The street was quiet and the shops were closed for the night. ", count: 15)
        for n in 1...paragraphs {
            lines.append("Paragraph \(n) begins here. A lantern hung by the door. " + filler)
            lines.append("")
        }
        lines += ["Conclusion", ""] + (conclusion.map { [$0, ""] } ?? [])
        lines += ["Vocabulary Learning", "", "lantern", "A lamp in a case that you can carry.提灯。",
                  "Example:She lit the lantern.", "", "Sentence Learning", "",
                  "The end of the long lesson is near the river.", "A plain sentence with a place at the end.结尾的简单句。", ""]
        return lines.joined(separator: "\n")
    }

    /// G to the end of the long lesson, q, and a second run of it: the place at the far end is
    /// kept. Returns the second run's first screen, still open.
    static func goToTheEndAndReopen(_ session: TmuxSession, _ box: GlossSandbox, path: String) throws -> TmuxSession {
        try session.send(text: "G")
        try session.settled(text: "The end of the long lesson")
        try session.send(text: "q")
        #expect(try session.waitForExit() == 0)
        let again = try box.start([path], columns: 120, rows: 40)
        let resumed = try again.settled(text: "The end of the long lesson")
        #expect(!resumed.contains("Paragraph 1 begins"), "the view is at the end, not the start")
        return again
    }

    /// A new sandbox with `text` written to a file in it, and that file's path.
    static func sandbox(holding text: String, named name: String = "long.txt") throws -> (box: GlossSandbox, path: String) {
        let box = try GlossSandbox()
        let path = box.folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return (box, path)
    }

    @Test func theWholeLessonsCountsArriveAndThePlaceAtTheEndIsKept() throws {
        let text = Self.longLesson()
        #expect(text.utf8.count > 300 * 1024, "long enough to open on a preview")
        let (box, path) = try Self.sandbox(holding: text)

        let session = try box.start([path], columns: 120, rows: 40)
        // The preview knows the paragraphs near the start only; the full count is every paragraph's.
        let first = try session.settled(text: "lantern  ×\(Self.paragraphs)")
        #expect(first.contains("A Very Long Evening"))
        // Reopened: the preview is made around the saved place, at the far end.
        let again = try Self.goToTheEndAndReopen(session, box, path: path)
        try again.settled(text: "lantern  ×\(Self.paragraphs)")
        try again.send(text: "q")
        #expect(try again.waitForExit() == 0)
    }

    /// The long lesson's threads ask for 2 MB pages for their heap (issue 5: an exit frees them
    /// as fast as 4 KB ones): once the whole analysis has arrived, the process holds a glibc
    /// thread heap made writable whole (64 MB) and advised for huge pages, when the kernel
    /// offers them.
    @Test func theLongLessonsAnalysisHeapIsAdvisedForHugePages() throws {
        let (box, path) = try Self.sandbox(holding: Self.longLesson())
        let session = try box.start([path], columns: 120, rows: 40)
        try session.settled(text: "lantern  ×\(Self.paragraphs)")
        let program = try session.programID()
        let smaps = try Self.wholeFile("/proc/\(program)/smaps")
        let advisedHeaps = Self.mappings(in: smaps).filter { mapping in
            mapping.size == 64 << 20 && mapping.permissions == "rw-p" && mapping.flags.contains("hg")
        }
        // Offered unless the system says "[never]" or the process has them turned off.
        let offered = try !Self.wholeFile("/sys/kernel/mm/transparent_hugepage/enabled").contains("[never]")
            && !Self.wholeFile("/proc/\(program)/status").contains("THP_enabled:\t0")
        #expect(offered ? !advisedHeaps.isEmpty : advisedHeaps.isEmpty,
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

    /// Each mapping of a /proc/PID/smaps text: its size, permissions and VmFlags.
    static func mappings(in smaps: String) -> [(size: UInt, permissions: String, flags: [String])] {
        var found: [(size: UInt, permissions: String, flags: [String])] = []
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if line.hasPrefix("VmFlags:"), !found.isEmpty {
                found[found.count - 1].flags = fields.dropFirst().map(String.init)
            } else if fields.count >= 2, !line.hasSuffix(":"), fields[0].contains("-"), !fields[0].hasSuffix(":") {
                let bounds = fields[0].split(separator: "-").compactMap { UInt($0, radix: 16) }
                if bounds.count == 2 { found.append((bounds[1] - bounds[0], String(fields[1]), [])) }
            }
        }
        return found
    }
}
