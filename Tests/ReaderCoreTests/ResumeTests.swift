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
}
