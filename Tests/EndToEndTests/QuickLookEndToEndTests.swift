import Foundation
import Testing

/// A lesson of 512 KB or more opens on a quick look (its start and its vocabulary) while the
/// whole file is read on another thread (issue 5). In a real terminal: the first screen comes
/// from the quick look, the whole lesson follows without the screen changing, keys act on the
/// whole lesson, the place is kept, and an error that only the whole file shows still ends the
/// reader with the usual message.
@Suite(.serialized, .enabled(if: TmuxSession.shouldRun, "tmux is not installed; the end-to-end tests need it"))
struct QuickLookEndToEndTests {
    static let paragraphs = 560

    /// The long lesson of `LongLessonEndToEndTests` with more paragraphs: about 620 KB.
    static func lesson(conclusion: String? = "The end of the long lesson is near the river.") -> String {
        LongLessonEndToEndTests.longLesson(paragraphs: paragraphs, conclusion: conclusion)
    }

    /// The long lesson written to a new sandbox and opened at 120x40, its first screen shown.
    static func openLongLesson() throws -> (box: GlossSandbox, path: String, session: TmuxSession) {
        let (box, path) = try LongLessonEndToEndTests.sandbox(holding: lesson())
        let session = try box.start([path], columns: 120, rows: 40)
        try session.settled(text: "A Very Long Evening")
        return (box, path, session)
    }

    @Test func theFirstScreenComesFromTheQuickLookAndTheWholeLessonFollows() throws {
        let text = Self.lesson()
        #expect(text.utf8.count > 512 * 1024, "long enough for a quick look")
        let (box, path) = try LongLessonEndToEndTests.sandbox(holding: text)
        let trace = box.folder.appendingPathComponent("trace").path

        let session = try box.start([path], columns: 120, rows: 40, environment: ["GLOSS_TRACE_STARTUP": trace])
        let first = try session.settled(text: "A Very Long Evening")
        #expect(first.contains("Paragraph 1 begins"))
        // The whole lesson's counts arrive: every paragraph's lantern.
        try session.settled(text: "lantern  ×\(Self.paragraphs)", timeout: .seconds(20))
        let stages = try QuitEndToEndTests.stages(trace)
        let quick = try #require(stages.firstIndex(of: "quick look read and parsed"), "\(stages)")
        let drawn = try #require(stages.firstIndex(of: "first screen drawn"), "\(stages)")
        let whole = try #require(stages.firstIndex(of: "whole lesson adopted"), "\(stages)")
        #expect(quick < drawn && drawn < whole, "\(stages)")
        #expect(!stages.contains("lesson read and parsed"), "the whole file was not read before the first screen")

        // Reopened: the place at the far end is past the quick look, so the whole lesson comes
        // first and the view is at the end.
        let again = try LongLessonEndToEndTests.goToTheEndAndReopen(session, box, path: path)
        try again.send(text: "q")
        #expect(try again.waitForExit() == 0)
    }

    /// The quick look's first analysis covers the first screen only; a place further on in the
    /// quick look is analysed around it before the first screen, which opens there.
    @Test func aPlaceInTheQuickLookPastTheFirstScreenIsAnalysedWhereItIs() throws {
        let (box, path, session) = try Self.openLongLesson()
        // Four pages on: past the first screen, well inside the quick look's 32 KB.
        try session.send(text: "    ")
        let read = try session.settled(what: "four pages on") { !$0.contains("Paragraph 1 begins") && $0.contains(" begins") }
        let shown = try #require(read.split(separator: "\n").first { $0.contains("Paragraph ") && $0.contains(" begins") },
                                 "a paragraph's first line is on the screen:\n\(read)")
        try session.send(text: "q")
        #expect(try session.waitForExit() == 0)

        let trace = box.folder.appendingPathComponent("trace").path
        let again = try box.start([path], columns: 120, rows: 40, environment: ["GLOSS_TRACE_STARTUP": trace])
        let resumed = try again.settled(text: String(shown.trimmingCharacters(in: .whitespaces).prefix(40)))
        #expect(!resumed.contains("Paragraph 1 begins"), "the view is at the place, not the start")
        try again.send(text: "q")
        #expect(try again.waitForExit() == 0)
        let stages = try QuitEndToEndTests.stages(trace)
        #expect(stages.contains("quick look read and parsed"), "the place is in the quick look: \(stages)")
        #expect(stages.contains("quick look analysed around the place"), "\(stages)")
    }

    @Test func aKeyPressedAtOnceActsOnTheWholeLesson() throws {
        // Sent as soon as the first screen is there: G waits for the whole lesson and goes to its end.
        let (box, _, session) = try Self.openLongLesson()
        try session.send(text: "G")
        // The Conclusion is not in the quick look: it is there because the whole lesson is.
        try session.settled(text: "The end of the long lesson")
        try session.send(text: "q")
        #expect(try session.waitForExit() == 0)
        withExtendedLifetime(box) {}
    }

    @Test func anErrorOnlyTheWholeFileShowsEndsTheReaderWithTheUsualMessage() throws {
        let text = Self.lesson(conclusion: nil)
        let (box, path) = try LongLessonEndToEndTests.sandbox(holding: text, named: "broken.txt")
        let conclusionLine = try #require(text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex(of: "Conclusion")) + 1

        let session = try box.start([path], columns: 120, rows: 40)
        #expect(try session.waitForExit() == 1)
        // The message is longer than the pane is wide, and its first row may have scrolled up.
        let screen = try session.capture(history: true)
        #expect(screen.contains("broken.txt:\(conclusionLine):1: error: the section 'Conclusion' has nothing under it"), "\(screen)")
        #expect(screen.contains("has errors; fix them"))
    }
}
