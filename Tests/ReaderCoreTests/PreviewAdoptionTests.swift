import Foundation
import LessonKit
import Testing
@testable import ReaderCore

/// A long lesson opens on a preview (`ReaderState(preview:)`) and takes the full analysis later
/// (`adoptAnalysis`): the reader must end up exactly where a reader of the full lesson would be.
@Suite struct PreviewAdoptionTests {
    /// Lesson 04 parsed but not analysed: several paragraphs per section, vocabulary and notes.
    static func parsed() throws -> Lesson {
        let folder = TestLessons.repository.appendingPathComponent("Lessons")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasPrefix("04") })
        return try Lesson.parse(bytes: Array(Data(contentsOf: folder.appendingPathComponent(name))))
    }

    @Test func adoptingTheAnalysisDrawsWhatTheFullLessonDraws() throws {
        let parsed = try Self.parsed()
        let full = LessonAnalyzer.analyze(parsed)
        let preview = LessonAnalyzer.preview(parsed) { s, p in s == 0 && p == 0 }
        var state = ReaderState(preview: preview, columns: 160, rows: 40, translationVisible: true)
        let reference = ReaderState(lesson: full, columns: 160, rows: 40, translationVisible: true)
        #expect(state.isPreview)
        // Before: fewer marks and no notes, so the screens differ (the test can tell).
        #expect(state.index.places.count < reference.index.places.count)
        let differedBefore = ReaderView.draw(state) != ReaderView.draw(reference)
        #expect(differedBefore || state.index.noteAt != reference.index.noteAt)

        let statusBefore = ReaderView.draw(state).text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(statusBefore.contains("indexing…"), "the status bar says the lesson is still being indexed: \(statusBefore)")
        let adopted = state.adoptAnalysis(full)
        #expect(adopted)
        #expect(!state.isPreview)
        let statusAfter = ReaderView.draw(state).text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(!statusAfter.contains("indexing"), "\(statusAfter)")
        #expect(state.index.places == reference.index.places)
        #expect(state.index.sentences == reference.index.sentences)
        #expect(state.index.noteAt == reference.index.noteAt)
        #expect(state.focus == reference.focus)
        // Compared whole (styles too: highlights are styles) but reported briefly.
        let sameScreen = ReaderView.draw(state) == ReaderView.draw(reference)
        #expect(sameScreen, "after adoption:\n\(ReaderView.draw(state).text)\nfull lesson:\n\(ReaderView.draw(reference).text)")
    }

    /// A reader made with its index built beforehand (as the whole-lesson thread does) is the
    /// reader made without it.
    @Test func aReaderMadeWithItsIndexIsTheSame() throws {
        let preview = LessonAnalyzer.preview(try Self.parsed()) { s, p in s == 1 }
        let given = ReaderState(preview: preview, index: LessonIndex(preview), columns: 160, rows: 40)
        let built = ReaderState(preview: preview, columns: 160, rows: 40)
        #expect(given.isPreview && built.isPreview)
        #expect(given.index.places == built.index.places && !given.index.places.isEmpty)
        #expect(given.index.sentences == built.index.sentences)
        #expect(given.focus == built.focus && given.selectedTerm == built.selectedTerm)
        #expect(ReaderView.draw(given) == ReaderView.draw(built))
    }

    /// With the index built beforehand (as the analysis thread does), the reader ends up the same.
    @Test func anIndexBuiltBeforehandGivesTheSameReader() throws {
        let parsed = try Self.parsed()
        let full = LessonAnalyzer.analyze(parsed)
        let preview = LessonAnalyzer.preview(parsed) { s, p in s == 0 && p == 0 }
        var inside = ReaderState(preview: preview, columns: 160, rows: 40, translationVisible: true)
        var beforehand = inside
        for _ in 0..<3 {
            inside.update(.key(.character(")")))
            beforehand.update(.key(.character(")")))
        }
        let adoptedInside = inside.adoptAnalysis(full)
        let adoptedBeforehand = beforehand.adoptAnalysis(full, index: LessonIndex(full))
        #expect(adoptedInside && adoptedBeforehand)
        #expect(beforehand.index.places == inside.index.places)
        #expect(beforehand.index.sentences == inside.index.sentences)
        #expect(beforehand.focus == inside.focus)
        #expect(ReaderView.draw(beforehand) == ReaderView.draw(inside))
        // A refused lesson is refused with an index too, and changes nothing.
        var other = try Self.parsed()
        other.sections[0].paragraphs[0].text += " More."
        let otherFull = LessonAnalyzer.analyze(other)
        let refused = !beforehand.adoptAnalysis(otherFull, index: LessonIndex(otherFull))
        #expect(refused)
        #expect(beforehand.index.places == inside.index.places)
    }

    @Test func aFocusInAnUnsplitParagraphMovesToItsFirstSentence() throws {
        let parsed = try Self.parsed()
        let full = LessonAnalyzer.analyze(parsed)
        let preview = LessonAnalyzer.preview(parsed) { s, p in s == 0 && p == 0 }
        var state = ReaderState(preview: preview, columns: 120, rows: 30)
        // `)` walks sentences; in the preview a later paragraph is one sentence.
        for _ in 0..<12 { state.update(.key(.character(")"))) }
        let before = try #require(state.focus)
        #expect(before.section > 0 || before.paragraph > 0, "the walk left the analysed paragraph")
        #expect(before.sentence == 0)
        let topBefore = state.top

        let adopted = state.adoptAnalysis(full)
        #expect(adopted)
        let after = try #require(state.focus)
        #expect(after.section == before.section && after.paragraph == before.paragraph)
        let range = full.sections[after.section].paragraphs[after.paragraph].sentences[after.sentence]
        #expect(range.lowerBound == preview.sections[before.section].paragraphs[before.paragraph].sentences[0].lowerBound)
        #expect(state.top == topBefore, "the view does not jump")
    }

    @Test func theOccurrenceCursorKeepsItsPlace() throws {
        let parsed = try Self.parsed()
        let full = LessonAnalyzer.analyze(parsed)
        let preview = LessonAnalyzer.preview(parsed) { s, _ in s == 0 }
        var state = ReaderState(preview: preview, columns: 120, rows: 30)
        for _ in 0..<3 { state.update(.key(.character("]"))) }
        let cursor = try #require(state.occurrenceCursor)
        let place = state.index.places[cursor]
        let adopted = state.adoptAnalysis(full)
        #expect(adopted)
        let moved = try #require(state.occurrenceCursor)
        #expect(state.index.places[moved] == place)
    }

    @Test func anotherLessonIsRefusedAndChangesNothing() throws {
        let parsed = try Self.parsed()
        let preview = LessonAnalyzer.preview(parsed) { _, _ in false }
        var state = ReaderState(preview: preview, columns: 120, rows: 30)
        let other = try TestLessons.seed()
        let screen = ReaderView.draw(state)
        let adopted = state.adoptAnalysis(other)
        #expect(!adopted)
        #expect(state.isPreview)
        #expect(state.lesson == preview)
        let unchanged = ReaderView.draw(state) == screen
        #expect(unchanged)
    }
}
