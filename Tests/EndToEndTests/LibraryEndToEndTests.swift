import Foundation
import Testing

/// The library of issue 4 driven through the real binary in tmux: listing, filtering, opening,
/// coming back, and finding the place again on the next run.
@Suite(.serialized, .enabled(if: TmuxSession.shouldRun, "tmux is not installed; the end-to-end tests need it"))
struct LibraryEndToEndTests {
    static let seedName = "01-us-accuses-chinese-entities-of-ai-distillation.txt"
    static let secondName = "02-riverton-opens-a-night-library.txt"
    /// A term without a definition line: an error on line 9.
    static let brokenLesson = "Broken lesson\n\nIntroduction\n\nSome text.\n\nVocabulary Learning\n\nterm\n"

    /// A folder with copies of two shipped lessons and one broken lesson.
    static func libraryFolder(in box: GlossSandbox) throws -> String {
        let folder = try box.makeFolder("library")
        try box.copyShippedLesson(seedName, to: folder)
        try box.copyShippedLesson(secondName, to: folder)
        try box.writeLesson(brokenLesson, named: "03-broken.txt", in: folder)
        return folder
    }

    static func lines(_ screen: String) -> [String] {
        screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The library row of a lesson, found by a piece of its title.
    static func row(_ title: String, in screen: String) -> String? {
        lines(screen).first { $0.contains(title) }
    }

    @Test func theLibraryListsFiltersOpensReturnsAndResumesWhereTheReaderLeft() throws {
        let box = try GlossSandbox()
        let folder = try Self.libraryFolder(in: box)
        // 80x24: the sidebar is an overlay and the lesson takes a few pages.
        let session = try box.start([folder], columns: 80, rows: 24)
        let library = try session.settled(text: "3 lessons in")
        let seedRow = try #require(Self.row("US Administration Accuses", in: library))
        #expect(seedRow.contains("547"), "word count")
        #expect(seedRow.contains("0%") && seedRow.contains("never"))
        #expect(try #require(Self.row("Riverton Opens a Library", in: library)).contains("323"))
        let broken = try #require(Self.row("Broken lesson", in: library))
        #expect(broken.contains("⚠ 9:1:"), "the first error is shown")

        // The broken lesson opens to its errors; any key goes back.
        try session.send(text: "/broken")
        try session.send(keys: "Enter")
        try session.settled(what: "only the broken lesson") { !$0.contains("Riverton") && $0.contains("Broken lesson") }
        try session.send(keys: "Enter")
        let errors = try session.settled(text: "cannot be opened")
        #expect(errors.contains("03-broken.txt:9:1: error:"))
        try session.send(text: "x")
        try session.settled(text: "Broken lesson  ⚠")
        try session.send(keys: "Escape")
        try session.settled(what: "every lesson again") { $0.contains("Riverton") && $0.contains("US Administration") }

        // / filters as it is typed.
        try session.send(text: "/accuses")
        let filtered = try session.settled(what: "only the seed") { !$0.contains("Riverton") && $0.contains("/accuses") }
        #expect(!filtered.contains("Broken lesson"))
        #expect(filtered.contains("US Administration Accuses"))
        try session.send(keys: "Enter")
        try session.send(keys: "Enter")
        let first = try session.settled(text: "h help")
        try session.send(text: " ")
        let second = try session.settled(what: "the second page") { $0 != first && !$0.contains("Introduction") }
        try session.send(text: " ")
        let left = try session.settled(what: "the third page") { Self.lines($0).first != Self.lines(second).first }
        let topLine = try #require(Self.lines(left).first { !$0.trimmingCharacters(in: .whitespaces).isEmpty })

        try session.send(text: "q")
        let back = try session.settled(text: "lessons in")
        #expect(try session.isAlive, "q in a lesson goes back to the library")
        let readRow = try #require(Self.row("US Administration Accuses", in: back))
        #expect(readRow.contains("today"))
        #expect(Self.percent(in: readRow).map { $0 > 0 } == true, "read percent in \(readRow)")
        try session.send(text: "q")
        #expect(try session.waitForExit() == 0)

        // The next run: the lesson keeps its numbers and opens where the reader left it.
        let again = try box.start([folder], columns: 80, rows: 24)
        let list = try again.settled(text: "3 lessons in")
        let row = try #require(Self.row("US Administration Accuses", in: list))
        #expect(row.contains("today"))
        #expect(Self.percent(in: row).map { $0 > 0 } == true, "read percent in \(row)")
        // Most recently opened first, so it is the selected row.
        #expect(row.hasPrefix("▸"))
        try again.send(keys: "Enter")
        let resumed = try again.settled(text: "h help")
        // The reader shows the saved sentence with a little context above it.
        let top = Self.lines(resumed).prefix(4)
        #expect(top.contains(topLine), "left with \"\(topLine)\" at the top; reopened showing:\n\(resumed)")
        try again.send(text: "q")
        try again.settled(text: "lessons in")
        try again.send(text: "q")
        #expect(try again.waitForExit() == 0)
    }

    static func percent(in row: String) -> Int? {
        let words = row.split(separator: " ")
        guard let word = words.first(where: { $0.hasSuffix("%") }) else { return nil }
        return Int(word.dropLast())
    }

    @Test func noArgumentOpensTheFolderInGlossLessons() throws {
        let box = try GlossSandbox()
        let folder = try Self.libraryFolder(in: box)
        let session = try box.start([], environment: ["GLOSS_LESSONS": folder])
        let screen = try session.settled(text: "3 lessons in \(folder)")
        #expect(screen.contains("Riverton Opens a Library"))
        try session.send(text: "q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func noArgumentWithoutGlossLessonsOpensLessonsInTheWorkingDirectory() throws {
        let box = try GlossSandbox()
        let project = try box.makeFolder("project")
        let lessons = try box.makeFolder("project/Lessons")
        try box.copyShippedLesson(Self.secondName, to: lessons)
        let session = try box.start([], directory: project)
        let screen = try session.settled(text: "1 lesson in Lessons")
        #expect(screen.contains("Riverton Opens a Library"))
        #expect(!screen.contains("US Administration"))
        try session.send(text: "q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func noArgumentAndNoLessonsFolderMakesOneInTheDataFolder() throws {
        let box = try GlossSandbox()
        let empty = try box.makeFolder("empty")
        let session = try box.start([], directory: empty)
        let folder = box.dataHome + "/gloss/lessons"
        let screen = try session.settled(text: "No lessons here")
        #expect(screen.contains("0 lessons in"))
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) && isFolder.boolValue)
        try session.send(text: "q")
        #expect(try session.waitForExit() == 0)
    }
}
