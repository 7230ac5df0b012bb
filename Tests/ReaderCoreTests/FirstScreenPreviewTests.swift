import LessonKit
import Testing
@testable import ReaderCore

/// A long lesson's quick look analyses only the paragraphs its first screen can show
/// (`LessonAnalyzer.paragraphsOnFirstScreen`, issue 5): the article on that screen must be the
/// one the whole analysis draws, at every size.
@Suite struct FirstScreenPreviewTests {
    /// Paragraphs of every shape: one word, long ones, runs of spaces (dropped where lines
    /// break), Chinese, a word longer than narrow screens.
    static func varied() throws -> Lesson {
        let long = (1...9).map { "The dog went to sentence \($0) of a long paragraph about animals." }.joined(separator: " ")
        return try TestLessons.make(
            introduction: ["Dog.", long, "A dog          and a cat          and a dog again.", "狗在码头上睡觉，猫也在那里。"],
            mainBody: ["Short.", "Incomprehensibilities of the dog.", long, "Dog", "dog dog dog", long],
            conclusion: ["The end of the dog.", long, "Last."],
            vocabulary: [("dog", "An animal that barks.", "狗。", "The dog barked."),
                         ("animal", "A living thing.", "动物。", "Animals sleep."),
                         ("paragraph", "A part of a text.", "段落。", "Read the paragraph.")])
    }

    static let sizes: [(columns: Int, rows: Int)] = [
        (1, 3), (2, 5), (10, 6), (20, 8), (33, 9), (40, 12), (80, 24), (120, 40), (200, 60), (300, 100),
    ]

    private func articleCells(_ state: ReaderState) -> [Cell] {
        let screen = ReaderView.draw(state)
        let pane = state.panes.article
        return (pane.y..<(pane.y + pane.height)).flatMap { y in (pane.x..<(pane.x + pane.width)).map { screen[$0, y] } }
    }

    @Test func theFirstScreenOfTheQuickLookIsTheWholeAnalysisFirstScreen() throws {
        var compared = 0
        for parsed in [try Self.varied(), try TestLessons.seed(), try TestLessons.shipped("04"), try TestLessons.long(paragraphs: 40)] {
            let full = LessonAnalyzer.analyze(parsed)
            for size in Self.sizes {
                for translation in [false, true] {
                    let count = LessonAnalyzer.paragraphsOnFirstScreen(parsed, rows: size.rows, columns: size.columns)
                    let preview = LessonAnalyzer.preview(parsed, firstParagraphs: count)
                    let state = ReaderState(preview: preview, columns: size.columns, rows: size.rows, translationVisible: translation)
                    let reference = ReaderState(lesson: full, columns: size.columns, rows: size.rows, translationVisible: translation)
                    #expect(articleCells(state) == articleCells(reference),
                            "\(size.columns)x\(size.rows), \(count) paragraphs:\n\(state.screenText)\nwhole:\n\(reference.screenText)")
                    compared += 1
                }
            }
        }
        #expect(compared == 4 * Self.sizes.count * 2)
    }

    /// The comparison can tell: with nothing analysed, the seed's first screen lacks its marks.
    @Test func withoutTheAnalysisTheFirstScreenDiffers() throws {
        let parsed = try TestLessons.seed()
        let state = ReaderState(preview: LessonAnalyzer.preview(parsed, firstParagraphs: 0), columns: 120, rows: 40)
        let reference = ReaderState(lesson: LessonAnalyzer.analyze(parsed), columns: 120, rows: 40)
        #expect(articleCells(state) != articleCells(reference))
    }

    /// The count is an upper bound, not the whole lesson: a tall screen's worth, no more.
    @Test func theCountStopsWhenTheScreenIsFull() throws {
        let parsed = try TestLessons.long(paragraphs: 40)
        #expect(LessonAnalyzer.paragraphsOnFirstScreen(parsed, rows: 24, columns: 80) < 40)
        #expect(LessonAnalyzer.paragraphsOnFirstScreen(parsed, rows: 24, columns: 80) >= 5)
        #expect(LessonAnalyzer.paragraphsOnFirstScreen(parsed, rows: 1000, columns: 80) == 42)
    }
}
