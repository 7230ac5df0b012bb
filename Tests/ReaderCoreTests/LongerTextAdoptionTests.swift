import LessonKit
import Testing
@testable import ReaderCore

/// A long lesson's first screen can come from its quick look (its start and its vocabulary);
/// the whole lesson follows (`adoptLongerText`). Nothing on the screen may change then, and a
/// quick look that is not the lesson's start is refused.
@Suite struct LongerTextAdoptionTests {
    /// The whole lesson, parsed, and its start: the Introduction and the first ten paragraphs of
    /// the Main Body, as `LessonQuickLook` gives them.
    static func lessons() throws -> (whole: Lesson, start: Lesson) {
        let whole = try TestLessons.long(paragraphs: 40)
        var start = whole
        start.sections = Array(whole.sections.prefix(2))
        start.sections[1].paragraphs = Array(whole.sections[1].paragraphs.prefix(10))
        return (whole, start)
    }

    @Test func theWholeLessonTakesThePlaceOfItsStartWithoutChangingTheScreen() throws {
        let (whole, start) = try Self.lessons()
        var state = ReaderState(preview: LessonAnalyzer.preview(start, around: nil), columns: 120, rows: 30)
        try state.type("jjjj)))]")
        let (top, focus, selected, cursor) = (state.top, state.focus, state.selectedTerm, state.occurrenceCursor)
        let before = ReaderView.draw(state)
        let lastRowBefore = state.layout.lastRow

        let adopted = state.adoptLongerText(LessonAnalyzer.preview(whole, around: focus))
        #expect(adopted)
        #expect(state.top == top && state.focus == focus && state.selectedTerm == selected)
        #expect(cursor != nil && state.occurrenceCursor != nil)
        #expect(state.isPreview)
        #expect(ReaderView.draw(state) == before, "the screen after:\n\(ReaderView.draw(state).text)\nbefore:\n\(before.text)")
        // The rest is there: G goes past where the start ended, to the Conclusion.
        #expect(state.layout.lastRow > lastRowBefore)
        try state.type("G")
        #expect(state.screenText.contains("Both animals slept."))
    }

    @Test func aStartThatIsNotTheLessonsIsRefusedAndChangesNothing() throws {
        let (whole, start) = try Self.lessons()
        var changedText = whole
        changedText.sections[1].paragraphs[3].text += " One more sentence."
        var otherVocabulary = whole
        otherVocabulary.vocabulary[0].term = "cat"
        var missingParagraph = whole
        missingParagraph.sections[0].paragraphs.append(Paragraph(text: "An extra paragraph.", line: 9))
        var otherTitle = whole
        otherTitle.title = "Another Lesson"
        for (name, longer) in [("a paragraph's text", changedText), ("the vocabulary", otherVocabulary),
                               ("a section before the last", missingParagraph), ("the title", otherTitle)] {
            var state = ReaderState(preview: LessonAnalyzer.preview(start, around: nil), columns: 120, rows: 30)
            try state.type("jj")
            let before = (state.lesson, state.top, state.focus)
            let adopted = state.adoptLongerText(LessonAnalyzer.preview(longer, around: nil))
            #expect(!adopted, "\(name)")
            #expect(state.lesson == before.0 && state.top == before.1 && state.focus == before.2, "\(name)")
        }
    }
}
