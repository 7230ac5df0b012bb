import Foundation
import LessonKit
@testable import ReaderCore

/// Lessons for the reader's tests: small ones written inline in the lesson format and parsed
/// the way the reader gets them (`Lesson.read(bytes:)`), and the lessons that ship, found from
/// this file's own path so the tests never depend on the working directory.
enum TestLessons {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Tests/ReaderCoreTests/
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    /// The repository's root.
    static let repository = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    static func parse(_ text: String) throws -> Lesson {
        do {
            return try Lesson.read(bytes: Array(text.utf8))
        } catch {
            throw Failure(description: "lesson did not parse: \(error.line):\(error.column): \(error.message)")
        }
    }

    /// A lesson in the shipped format from its parts. Each paragraph list holds one section's
    /// paragraphs; vocabulary entries are (term, English, Chinese, example); notes are
    /// (sentence, English analysis, Chinese analysis).
    static func make(title: String = "A Small Lesson",
                     introduction: [String] = ["The cat sat on the mat. It was warm."],
                     mainBody: [String] = ["A dog came by. The dog barked at the cat."],
                     conclusion: [String] = ["Both animals slept."],
                     vocabulary: [(String, String, String, String)] = [("dog", "An animal that barks.", "狗。", "The dog barked.")],
                     notes: [(String, String, String)] = []) throws -> Lesson {
        var lines = [title, ""]
        for (heading, paragraphs) in [("Introduction", introduction), ("Main Body", mainBody), ("Conclusion", conclusion)] {
            lines.append(heading)
            lines.append("")
            for paragraph in paragraphs {
                lines.append(paragraph)
                lines.append("")
            }
        }
        lines.append("Vocabulary Learning")
        lines.append("")
        for (term, english, chinese, example) in vocabulary {
            lines += [term, english + chinese, "Example:" + example]
        }
        lines.append("")
        lines.append("Sentence Learning")
        lines.append("")
        for (sentence, analysis, chinese) in notes {
            lines += [sentence, analysis + chinese]
        }
        return try parse(lines.joined(separator: "\n") + "\n")
    }

    /// A shipped lesson by the start of its file name, such as "01" or "04".
    static func shipped(_ prefix: String) throws -> Lesson {
        let folder = repository.appendingPathComponent("Lessons")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        guard let name = names.first(where: { $0.hasPrefix(prefix) && $0.hasSuffix(".txt") }) else {
            throw Failure(description: "no lesson \(prefix)* in \(folder.path)")
        }
        do {
            return try Lesson.read(path: folder.appendingPathComponent(name).path)
        } catch {
            throw Failure(description: "\(name):\(error.line):\(error.column): \(error.message)")
        }
    }

    /// The seed lesson: the one the user gave, about AI distillation.
    static func seed() throws -> Lesson { try shipped("01") }

    /// A long lesson to scroll through: many paragraphs of numbered sentences.
    static func long(paragraphs: Int = 12, sentencesEach: Int = 6) throws -> Lesson {
        var body: [String] = []
        for p in 0..<paragraphs {
            body.append((0..<sentencesEach).map { s in
                "Paragraph \(p + 1) sentence \(s + 1) talks about the dog and other animals at some length."
            }.joined(separator: " "))
        }
        return try make(mainBody: body)
    }
}

extension ReaderState {
    /// Types keys written in the key map's notation; returns every effect they caused.
    @discardableResult
    mutating func type(_ keys: String) throws -> [ReaderEffect] {
        var effects: [ReaderEffect] = []
        for key in try KeyNotation.parse(keys) { effects += update(.key(key)) }
        return effects
    }

    /// The focused sentence's text.
    var focusedText: String? {
        guard let focus else { return nil }
        let paragraph = lesson.sections[focus.section].paragraphs[focus.paragraph]
        return paragraph.text.scalarSlice(paragraph.sentences[focus.sentence])
    }

    /// The text of the screen as drawn now.
    var screenText: String { ReaderView.draw(self).text }

    /// Rows of the article pane's text, as drawn.
    var articleRows: [String] {
        let screen = ReaderView.draw(self)
        let pane = panes.article
        return (pane.y..<(pane.y + pane.height)).map { y in
            var line = ""
            for x in pane.x..<(pane.x + pane.width) where !screen[x, y].isContinuation { line += screen[x, y].text }
            return line
        }
    }

    /// Whether the focused sentence starts inside the article pane.
    var focusStartIsVisible: Bool {
        guard let focus, let (first, _) = rows(of: focus) else { return false }
        return isVisible(first)
    }

    /// Whether some row of the focused sentence is inside the article pane.
    var focusIsOnScreen: Bool {
        guard let focus, let (first, last) = rows(of: focus) else { return false }
        return isVisible(first) || isVisible(last) || (first < top && last > bottom)
    }
}
