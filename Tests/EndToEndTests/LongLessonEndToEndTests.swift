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
}
