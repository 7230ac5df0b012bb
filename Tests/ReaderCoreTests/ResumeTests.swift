import LessonKit
import Testing
@testable import ReaderCore

@Suite struct ResumeTests {
    @Test func resumingFocusesTheSavedSentenceAndShowsIt() throws {
        let lesson = try TestLessons.seed()
        var state = ReaderState(lesson: lesson, columns: 120, rows: 40)
        let saved = SentenceLocation(section: 1, paragraph: 0, sentence: 5)
        state.resume(at: saved)
        #expect(state.focus == saved)
        let rows = try #require(state.rows(of: saved))
        #expect(state.isVisible(rows.first))
    }

    @Test func resumingGivesThePercentageItWasSavedWith() throws {
        let lesson = try TestLessons.seed()
        var reading = ReaderState(lesson: lesson, columns: 120, rows: 40)
        for _ in 0..<7 { reading.update(.key(.character(")"))) }
        let percent = reading.percentRead
        #expect(percent > 0 && percent < 100)
        var resumed = ReaderState(lesson: lesson, columns: 120, rows: 40)
        resumed.resume(at: try #require(reading.focus))
        #expect(resumed.focus == reading.focus)
        #expect(resumed.percentRead == percent)
    }

    @Test func aPositionPastTheEndOfAnEditedLessonFallsBackToTheLastSentence() throws {
        let lesson = try TestLessons.seed()
        var state = ReaderState(lesson: lesson, columns: 120, rows: 40)
        state.resume(at: SentenceLocation(section: 9, paragraph: 0, sentence: 0))
        #expect(state.focus == state.index.sentences.last)
    }

    @Test func escapeAfterAResizeInTheSearchPromptReturnsToTheSameText() throws {
        var state = ReaderState(lesson: try TestLessons.seed(), columns: 60, rows: 20)
        for _ in 0..<12 { state.update(.key(.character("j"))) }
        let before = state.layout.lines(of: state.top.block)[state.top.line].start
        let block = state.top.block
        state.update(.key(.character("/")))
        state.update(.resize(columns: 110, rows: 30))
        state.update(.key(.character("z")))
        state.update(.key(.escape))
        // The same paragraph, and the new top line holds the text that was at the top before.
        #expect(state.top.block == block)
        let lines = state.layout.lines(of: state.top.block)
        let line = lines[state.top.line]
        #expect(line.start <= before && before < max(line.end, line.start + 1))
    }
}
