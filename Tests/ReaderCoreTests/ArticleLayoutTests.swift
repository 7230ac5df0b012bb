import Testing
import LessonKit
@testable import ReaderCore

@Suite struct ArticleLayoutTests {
    private func kinds(_ layout: ArticleLayout) -> [String] {
        layout.blocks.map { block in
            switch block.kind {
            case .title: return "title"
            case .heading(let s): return "heading \(s)"
            case .paragraph(let s, let p): return "paragraph \(s).\(p)"
            case .spacer: return "-"
            }
        }
    }

    private func lineTexts(_ layout: ArticleLayout, _ block: Int) -> [String] {
        let text = layout.text(of: block)
        return layout.lines(of: block).map { String(text[$0.startIndex..<$0.endIndex]) }
    }

    @Test func blocksFollowTheLessonWithSpacersBetween() throws {
        let lesson = try TestLessons.make(mainBody: ["First paragraph.", "Second paragraph."])
        let layout = ArticleLayout(lesson: lesson, width: 40)
        #expect(kinds(layout) == [
            "title", "-", "heading 0", "-", "paragraph 0.0",
            "-", "heading 1", "-", "paragraph 1.0", "-", "paragraph 1.1",
            "-", "heading 2", "-", "paragraph 2.0",
        ])
        #expect(layout.paragraphBlock == [[4], [8, 10], [14]])
    }

    @Test func everyLineFitsTheWidthAndTheLinesCoverTheText() throws {
        let lesson = try TestLessons.seed()
        for width in [1, 2, 3, 7, 20, 33, 80, 100] {
            let layout = ArticleLayout(lesson: lesson, width: width)
            for block in layout.blocks.indices {
                let text = layout.text(of: block)
                let lines = lineTexts(layout, block)
                for line in lines {
                    // A lone wide grapheme on a one-column line is the breaker's one exception.
                    let allowed = width == 1 && line.count == 1 ? 2 : width
                    #expect(DisplayWidth.of(line) <= allowed, "width \(width): \(line)")
                }
                // Lines are broken only at spaces (dropped) or between graphemes.
                #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " }, "width \(width) block \(block)")
            }
        }
    }

    @Test func chineseWrapsByDisplayWidth() throws {
        let lesson = try TestLessons.make(introduction: ["中文句子很長很長很長很長很長。另一句也很長很長。"])
        let layout = ArticleLayout(lesson: lesson, width: 9)
        let block = layout.paragraphBlock[0][0]
        let lines = lineTexts(layout, block)
        #expect(lines.count > 3)
        for line in lines { #expect(DisplayWidth.of(line) <= 9, "\(line)") }
    }

    @Test func rowMovesStopAtBothEnds() throws {
        let layout = ArticleLayout(lesson: try TestLessons.seed(), width: 60)
        #expect(layout.row(layout.firstRow, movedBy: -5) == layout.firstRow)
        #expect(layout.row(layout.lastRow, movedBy: 5) == layout.lastRow)
        #expect(layout.row(layout.firstRow, movedBy: 1_000_000) == layout.lastRow)
        #expect(layout.row(layout.lastRow, movedBy: -1_000_000) == layout.firstRow)
    }

    @Test func movingForwardThenBackReturnsToTheSameRow() throws {
        let layout = ArticleLayout(lesson: try TestLessons.seed(), width: 50)
        let total = layout.distance(from: layout.firstRow, to: layout.lastRow, limit: 10_000) ?? -1
        #expect(total > 40)
        for start in [0, 1, 5, 17, total - 3] {
            let row = layout.row(layout.firstRow, movedBy: start)
            for step in [1, 2, 9, 30] where start + step <= total {
                let there = layout.row(row, movedBy: step)
                #expect(layout.row(there, movedBy: -step) == row)
                #expect(layout.distance(from: row, to: there, limit: 100) == step)
                #expect(layout.distance(from: there, to: row, limit: 100) == -step)
            }
        }
    }

    @Test func rowsFromATopAreConsecutiveAndStopAtTheEnd() throws {
        let layout = ArticleLayout(lesson: try TestLessons.seed(), width: 70)
        let rows = layout.rows(from: layout.firstRow, count: 25)
        #expect(rows.count == 25)
        for (a, b) in zip(rows, rows.dropFirst()) { #expect(layout.row(a, movedBy: 1) == b) }
        let tail = layout.rows(from: layout.row(layout.lastRow, movedBy: -3), count: 10)
        #expect(tail.count == 4)
        #expect(tail.last == layout.lastRow)
        #expect(layout.rows(from: layout.firstRow, count: 0).isEmpty)
    }

    @Test func theRowOfAnOffsetShowsThatOffset() throws {
        let lesson = try TestLessons.seed()
        let layout = ArticleLayout(lesson: lesson, width: 45)
        let paragraph = lesson.sections[1].paragraphs[0]
        let count = paragraph.text.unicodeScalars.count
        for offset in stride(from: 0, to: count, by: 37) {
            let row = try #require(layout.row(section: 1, paragraph: 0, offset: offset))
            let line = layout.lines(of: row.block)[row.line]
            #expect(row.block == layout.paragraphBlock[1][0])
            // The offset is on this line, or in the spaces it was broken at.
            #expect(line.start <= offset)
            if row.line + 1 < layout.lineCount(of: row.block) {
                #expect(offset < layout.lines(of: row.block)[row.line + 1].start)
            }
        }
        #expect(layout.row(section: 9, paragraph: 0, offset: 0) == nil)
        #expect(layout.row(section: 1, paragraph: 9, offset: 0) == nil)
    }

    @Test func aCopyWithAnotherWidthDoesNotDisturbTheOriginal() throws {
        let lesson = try TestLessons.seed()
        let narrow = ArticleLayout(lesson: lesson, width: 30)
        let block = narrow.paragraphBlock[1][0]
        let before = lineTexts(narrow, block)
        var wide = narrow
        wide.setWidth(90)
        let wideLines = lineTexts(wide, block)
        #expect(wideLines.count < before.count)
        #expect(lineTexts(narrow, block) == before)
        #expect(lineTexts(wide, block) == wideLines)
    }

    @Test func clampKeepsRowsInsideTheArticle() throws {
        let layout = ArticleLayout(lesson: try TestLessons.seed(), width: 60)
        #expect(layout.clamp(RowPosition(block: -3, line: -1)) == layout.firstRow)
        #expect(layout.clamp(RowPosition(block: 10_000, line: 10_000)) == layout.lastRow)
        #expect(layout.clamp(RowPosition(block: 0, line: 99)) == RowPosition(block: 0, line: layout.lineCount(of: 0) - 1))
    }

    @Test func widthNeverFallsBelowOne() throws {
        var layout = ArticleLayout(lesson: try TestLessons.seed(), width: 0)
        #expect(layout.width == 1)
        layout.setWidth(-4)
        #expect(layout.width == 1)
        #expect(layout.lineCount(of: 0) > 10)
    }
}
