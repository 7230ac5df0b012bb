import Foundation
import Testing
import LessonKit

/// The lessons in `Lessons/`, found from this file's path: CI clones carry `Lessons/` but not the
/// `../shared` folder the seed came from, so tests read the shipped copy.
enum ShippedLessons {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let directory = packageRoot.appendingPathComponent("Lessons", isDirectory: true)
    static let seedPath = directory
        .appendingPathComponent("01-us-accuses-chinese-entities-of-ai-distillation.txt").path

    static func paths() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".txt") }
            .sorted()
            .map { directory.appendingPathComponent($0).path }
    }

    /// The file's lines as written, LF line ends.
    static func lines(of path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.components(separatedBy: "\n")
    }
}

@Suite struct ShippedLessonsTests {
    static let lessons: [(path: String, lesson: Lesson)] = {
        guard let paths = try? ShippedLessons.paths() else { return [] }
        return paths.compactMap { path in (try? Lesson.read(path: path)).map { (path, $0) } }
    }()

    @Test func atLeastFourLessonsShipAndAllOfThemRead() throws {
        let paths = try ShippedLessons.paths()
        #expect(paths.count >= 4)
        #expect(Self.lessons.count == paths.count, "every shipped lesson reads without a LessonError")
    }

    @Test func everyShippedLessonHasNoDiagnosticAtAll() {
        for (path, lesson) in Self.lessons {
            let name = URL(fileURLWithPath: path).lastPathComponent
            #expect(lesson.diagnostics == [], "\(name): \(lesson.diagnostics.map { "\($0.line):\($0.column) \($0.message)" })")
        }
    }

    @Test func everyShippedLessonHasATitleSectionsVocabularyAndNotes() {
        for (path, lesson) in Self.lessons {
            let name = URL(fileURLWithPath: path).lastPathComponent
            #expect(!lesson.title.isEmpty, "\(name)")
            #expect(lesson.sections.count >= 3, "\(name)")
            #expect(!lesson.vocabulary.isEmpty, "\(name)")
            #expect(!lesson.sentenceNotes.isEmpty, "\(name)")
            #expect(lesson.vocabulary.allSatisfy { !$0.chineseDefinition.isEmpty }, "\(name)")
        }
    }

    @Test func everyTermOfEveryShippedLessonOccursInItsArticle() {
        for (path, lesson) in Self.lessons {
            let name = URL(fileURLWithPath: path).lastPathComponent
            for entry in lesson.vocabulary {
                #expect(!entry.occurrences.isEmpty, "\(name): '\(entry.term)' is not found in the article")
                for occurrence in entry.occurrences {
                    let text = lesson.sections[occurrence.section].paragraphs[occurrence.paragraph].text
                    #expect(text.scalarSlice(occurrence.start..<occurrence.end) == occurrence.text)
                }
            }
        }
    }

    @Test func everyNoteOfEveryShippedLessonIsLocated() {
        for (path, lesson) in Self.lessons {
            let name = URL(fileURLWithPath: path).lastPathComponent
            for note in lesson.sentenceNotes {
                #expect(note.location != nil, "\(name): the note at line \(note.line) is not located")
            }
        }
    }

    @Test func oneShippedLessonIsInSimplifiedChinese() {
        // Characters that exist only in the simplified script; none of them is used in Traditional text.
        let simplifiedOnly: Set<Character> = ["这", "们", "为", "时", "过", "说", "会", "个", "来", "对", "发", "后", "还", "进", "经", "么", "实", "动", "帮", "钟", "饭"]
        let traditionalOnly: Set<Character> = ["這", "們", "為", "時", "過", "說", "會", "個", "來", "對", "發", "後", "還", "進", "經", "麼", "實", "動", "幫", "鐘", "飯"]
        let simplified = Self.lessons.filter { _, lesson in
            let chinese = lesson.vocabulary.map(\.chineseDefinition).joined() + lesson.sentenceNotes.map(\.chineseAnalysis).joined()
            let s = chinese.filter { simplifiedOnly.contains($0) }.count
            let t = chinese.filter { traditionalOnly.contains($0) }.count
            return s > 5 && s > 4 * t
        }
        #expect(!simplified.isEmpty)
    }

    @Test func oneShippedLessonHasASectionWithSeveralParagraphs() {
        #expect(Self.lessons.contains { $0.lesson.sections.contains { $0.paragraphs.count >= 2 } })
    }
}
