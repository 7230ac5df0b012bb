import Foundation
import Testing
@testable import LessonKit

/// The quick look at a long lesson (issue 5): its start and its vocabulary, read without the rest,
/// must be the start of what reading the whole file gives.
@Suite struct LessonQuickLookTests {
    /// A lesson in the format with `paragraphs` paragraphs of about 1 KB in its Main Body, the
    /// terms used throughout, and two notes.
    static func longLesson(paragraphs: Int = 700, lineEnd: String = "\n", article extra: [String] = []) -> String {
        var lines = ["The Harbour Book", "", "Introduction", "", "A short introduction with a lantern in it.", "", "Main Body", ""]
        let filler = String(repeating: "Boats came in and went out while the gulls watched them. ", count: 16)
        for n in 1...paragraphs {
            lines.append("Paragraph \(n) has a lantern and a harbour. " + filler)
            lines.append("")
        }
        lines += extra
        lines += ["Conclusion", "", "The harbour slept at last.", "",
                  "Vocabulary Learning", "",
                  "lantern", "A lamp in a case that you can carry.提灯。", "Example:She lit the lantern.", "",
                  "harbour", "A sheltered place where ships stay.港口。", "Example:The boat left the harbour.", "",
                  "Sentence Learning", "",
                  "The harbour slept at last.", "A short sentence to end on.一个结尾的短句。", ""]
        return lines.joined(separator: lineEnd)
    }

    private func withFile<T>(_ text: String, _ body: (String) throws -> T) throws -> T {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-quick-\(UUID().uuidString).txt").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }

    /// What a reader needs to be the same: the sections (the last one of the quick look may
    /// stop early), the title and the vocabulary.
    private func expectStart(of whole: Lesson, is start: Lesson, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(start.title == whole.title, sourceLocation: sourceLocation)
        #expect(start.sections.count <= whole.sections.count, sourceLocation: sourceLocation)
        for (s, section) in start.sections.enumerated() {
            let full = whole.sections[s]
            #expect(section.heading == full.heading, sourceLocation: sourceLocation)
            let isLast = s == start.sections.count - 1
            #expect(isLast ? section.paragraphs.count <= full.paragraphs.count : section.paragraphs.count == full.paragraphs.count,
                    sourceLocation: sourceLocation)
            #expect(zip(section.paragraphs, full.paragraphs).allSatisfy { $0.text == $1.text }, sourceLocation: sourceLocation)
        }
        #expect(start.vocabulary.map(\.term) == whole.vocabulary.map(\.term), sourceLocation: sourceLocation)
        #expect(start.vocabulary.map(\.definition) == whole.vocabulary.map(\.definition), sourceLocation: sourceLocation)
        #expect(start.vocabulary.map(\.chineseDefinition) == whole.vocabulary.map(\.chineseDefinition), sourceLocation: sourceLocation)
        #expect(start.vocabulary.map(\.example) == whole.vocabulary.map(\.example), sourceLocation: sourceLocation)
    }

    @Test(arguments: ["\n", "\r\n"])
    func aLongLessonsQuickLookIsTheStartOfTheWholeLesson(lineEnd: String) throws {
        let text = Self.longLesson(lineEnd: lineEnd)
        #expect(text.utf8.count >= LessonQuickLook.minimumFileSize)
        try withFile(text) { path in
            let bytes = try #require(LessonQuickLook.look(path: path))
            #expect(bytes.count < LessonQuickLook.headSize + 1024, "the start and the vocabulary, not the rest")
            let start = try Lesson.parse(bytes: bytes)
            let whole = try Lesson.parse(bytes: FileBytes.read(path))
            #expect(!start.hasErrors && !whole.hasErrors)
            #expect(start.sections.count == 2 && whole.sections.count == 3)
            #expect(start.sections[1].paragraphs.count > 10, "the Main Body's first paragraphs")
            expectStart(of: whole, is: start)
            #expect(start.sentenceNotes.isEmpty, "notes are left for the whole lesson")
            #expect(whole.sentenceNotes.count == 1)
        }
    }

    @Test func aShortFileIsReadWhole() throws {
        try withFile(Self.longLesson(paragraphs: 100)) { path in
            #expect(LessonQuickLook.look(path: path)?.count == nil)
        }
    }

    @Test func withoutAVocabularyNearTheEndTheFileIsReadWhole() throws {
        let text = Self.longLesson().replacingOccurrences(of: "Vocabulary Learning", with: "Words to learn.")
        try withFile(text) { path in #expect(LessonQuickLook.look(path: path)?.count == nil) }
    }

    @Test func withoutABlankLineInItsBeginningTheFileIsReadWhole() throws {
        // One paragraph of more than the head, written as one line.
        let giant = String(repeating: "A very long line without any break in it at all. ", count: 1000)
        let text = Self.longLesson().replacingOccurrences(of: "A short introduction with a lantern in it.", with: giant)
            .replacingOccurrences(of: "The Harbour Book\n\n", with: "The Harbour Book\n")
            .replacingOccurrences(of: "Introduction\n\n", with: "Introduction\n")
        try withFile(text) { path in #expect(LessonQuickLook.look(path: path)?.count == nil) }
    }

    @Test func aVocabularyFarFromTheEndIsNotLookedForInTheWholeFile() throws {
        // More than the most of the end that is read, after the vocabulary: notes of 1.8 MB.
        var notes: [String] = []
        for n in 1...12000 { notes += ["Paragraph \(n) has a lantern and a harbour.", "A note about the lantern and the harbour.关于灯笼的说明。"] }
        let text = Self.longLesson() + "\n" + notes.joined(separator: "\n") + "\n"
        try withFile(text) { path in #expect(LessonQuickLook.look(path: path)?.count == nil) }
    }

    @Test func aFolderAndAMissingFileHaveNoQuickLook() throws {
        #expect(LessonQuickLook.look(path: FileManager.default.temporaryDirectory.path)?.count == nil)
        #expect(LessonQuickLook.look(path: "/no/such/gloss/lesson.txt")?.count == nil)
    }

    @Test func theCutFollowsTheLastBlankLine() {
        #expect(LessonQuickLook.cutAfterBlankLine(Array("Title\n\nOne.\n\nTwo is cut".utf8)) == 13)
        #expect(LessonQuickLook.cutAfterBlankLine(Array("Title\r\n \t\r\nOne".utf8)) == 11)
        #expect(LessonQuickLook.cutAfterBlankLine(Array("Title\nOne\nTwo".utf8)) == nil)
        #expect(LessonQuickLook.cutAfterBlankLine(Array("\nno line before the first".utf8)) == nil)
    }

    @Test func headingsAreFoundByTheParsersOwnTest() {
        let bytes = Array("text\n## VOCABULARY LEARNING:\nterm\nSentence learning\n".utf8)
        let vocabulary = LessonQuickLook.headingStart(in: bytes, from: 0, startsAtLine: true, word: "vocabulary",
                                                      LessonParser.isVocabularyHeading)
        #expect(vocabulary == 5)
        #expect(LessonQuickLook.headingStart(in: bytes, from: 5, startsAtLine: true, word: "sentence",
                                             LessonParser.isSentenceHeading) == 34)
        // A line that only starts like the heading is not one.
        let prose = Array("Vocabulary learning is what this paragraph is about, at length.\n".utf8)
        #expect(LessonQuickLook.headingStart(in: prose, from: 0, startsAtLine: true, word: "vocabulary",
                                             LessonParser.isVocabularyHeading) == nil)
    }
}
