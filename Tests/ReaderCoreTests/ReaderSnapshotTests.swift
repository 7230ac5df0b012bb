import Foundation
import Testing
import LessonKit
@testable import ReaderCore

/// Compares a rendered grid with a text file checked into Tests/ReaderCoreTests/Snapshots.
/// With GLOSS_RECORD_SNAPSHOTS=1 the file is (re)written instead, and the test says so, so a
/// recording run can never pass by accident.
struct Snapshot {
    static let directory = TestLessons.testsDirectory.appendingPathComponent("Snapshots")

    static var recording: Bool { ProcessInfo.processInfo.environment["GLOSS_RECORD_SNAPSHOTS"] == "1" }

    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name + ".txt")
        if recording {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: url)
                Issue.record("recorded snapshot \(name).txt: look at it, then run again without GLOSS_RECORD_SNAPSHOTS",
                             sourceLocation: sourceLocation)
            } catch {
                Issue.record("could not write \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path), let expected = String(data: data, encoding: .utf8) else {
            Issue.record("no snapshot \(name).txt: run with GLOSS_RECORD_SNAPSHOTS=1 to record it", sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let want = expected.components(separatedBy: "\n"), got = actual.components(separatedBy: "\n")
        let line = (0..<min(want.count, got.count)).first { want[$0] != got[$0] } ?? min(want.count, got.count)
        let wantLine = line < want.count ? "“\(want[line])”" : "(no line)"
        let gotLine = line < got.count ? "“\(got[line])”" : "(no line)"
        Issue.record("""
            snapshot \(name).txt differs at line \(line + 1) (of \(want.count) expected, \(got.count) drawn)
            - expected: \(wantLine)
            + drawn:    \(gotLine)
            """, sourceLocation: sourceLocation)
    }
}

/// What every drawn Screen must be: rows exactly as wide as the terminal, wide graphemes whole,
/// and no control character in any cell.
func screenProblems(_ screen: Screen) -> [String] {
    var problems: [String] = []
    for row in 0..<screen.rows {
        var width = 0
        for col in 0..<screen.columns {
            let cell = screen[col, row]
            if cell.width == 2, !(col + 1 < screen.columns && screen[col + 1, row].isContinuation) {
                problems.append("row \(row) col \(col): “\(cell.text)” has no continuation")
            }
            if cell.isContinuation, !(col > 0 && screen[col - 1, row].width == 2) {
                problems.append("row \(row) col \(col): a continuation without its wide grapheme")
            }
            if !cell.isContinuation { width += cell.width }
            if cell.text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) }) {
                problems.append("row \(row) col \(col): control character in “\(cell.text.debugDescription)”")
            }
        }
        if width != screen.columns { problems.append("row \(row) is \(width) columns wide, not \(screen.columns)") }
    }
    return problems
}

@Suite struct ReaderSnapshotTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var lesson = "01"
        var columns: Int
        var rows: Int
        var keys = ""
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "seed-120x40", columns: 120, rows: 40),
        Case(name: "seed-120x40-chinese-off", columns: 120, rows: 40, keys: "c"),
        Case(name: "seed-120x40-translation-noted-sentence", columns: 120, rows: 40, keys: ")))t"),
        Case(name: "seed-120x40-selected-term", columns: 120, rows: 40, keys: "]]"),
        Case(name: "seed-120x40-help", columns: 120, rows: 40, keys: "h"),
        Case(name: "seed-120x40-sidebar-focused", columns: 120, rows: 40, keys: "<Tab>jj"),
        Case(name: "seed-120x40-search-prompt", columns: 120, rows: 40, keys: "/Kyle"),
        Case(name: "seed-60x20", columns: 60, rows: 20),
        Case(name: "seed-60x20-sidebar-overlay", columns: 60, rows: 20, keys: "v"),
        Case(name: "seed-39x12-compact", columns: 39, rows: 12),
        Case(name: "seed-30x8", columns: 30, rows: 8),
        Case(name: "seed-19x4-too-small", columns: 19, rows: 4),
        Case(name: "seed-200x60-translation-right", columns: 200, rows: 60, keys: "t"),
        Case(name: "lesson04-100x30-end", lesson: "04", columns: 100, rows: 30, keys: "G"),
    ]

    private func draw(_ item: Case) throws -> (ReaderState, Screen) {
        var state = ReaderState(lesson: try TestLessons.shipped(item.lesson), columns: item.columns, rows: item.rows)
        try state.type(item.keys)
        return (state, ReaderView.draw(state))
    }

    @Test(arguments: cases)
    func snapshot(_ item: Case) throws {
        let (_, screen) = try draw(item)
        #expect(screenProblems(screen) == [])
        Snapshot.check(ScreenRenderer.render(screen, as: .text), named: item.name)
    }

    // MARK: - Styles, which a text grid cannot show

    private func cells(_ screen: Screen, row: Int, from x: Int, count: Int) -> [Cell] {
        (x..<(x + count)).map { screen[$0, row] }
    }

    /// Screen positions where a text is drawn in a pane.
    private func positions(of text: String, in screen: Screen, pane: Rect) -> [(x: Int, y: Int)] {
        var found: [(Int, Int)] = []
        for y in pane.y..<(pane.y + pane.height) {
            var line = ""
            var columns: [Int] = []
            for x in pane.x..<(pane.x + pane.width) where !screen[x, y].isContinuation {
                for _ in screen[x, y].text { columns.append(x) }
                line += screen[x, y].text
            }
            var start = line.startIndex
            while let range = line.range(of: text, range: start..<line.endIndex) {
                found.append((columns[line.distance(from: line.startIndex, to: range.lowerBound)], y))
                start = range.upperBound
            }
        }
        return found
    }

    @Test func theSelectedTermIsStrongerThanOtherVocabulary() throws {
        var state = ReaderState(lesson: try TestLessons.seed(), columns: 120, rows: 40)
        try state.type("]")
        #expect(state.lesson.vocabulary[state.selectedTerm!].term == "distillation")
        let theme = Theme()
        let screen = ReaderView.draw(state)
        let article = state.panes.article
        let selected = positions(of: "distillation", in: screen, pane: article)
        #expect(selected.count >= 2)
        for (x, y) in selected {
            #expect(cells(screen, row: y, from: x, count: 12).allSatisfy { $0.style.underline && $0.style.bold && $0.style.background == theme.vocabularySelected.background })
        }
        let other = try #require(positions(of: "jailbreaking", in: screen, pane: article).first)
        let otherCells = cells(screen, row: other.y, from: other.x, count: 12)
        #expect(otherCells.allSatisfy { $0.style.underline && $0.style.foreground == theme.vocabulary.foreground && !$0.style.bold })
        // Plain words around are not marked.
        let plain = try #require(positions(of: "techniques", in: screen, pane: article).first)
        #expect(cells(screen, row: plain.y, from: plain.x, count: 10).allSatisfy { !$0.style.underline })
    }

    @Test func theFocusedSentenceIsMarkedAndTheOthersAreNot() throws {
        var state = ReaderState(lesson: try TestLessons.seed(), columns: 120, rows: 40)
        try state.type(")))")
        let screen = ReaderView.draw(state)
        let article = state.panes.article
        let focused = try #require(positions(of: "According to the memo", in: screen, pane: article).first)
        #expect(cells(screen, row: focused.y, from: focused.x, count: 9).allSatisfy { $0.style.background == Theme().focusedSentence.background })
        let before = try #require(positions(of: "On April 23", in: screen, pane: article).first)
        #expect(cells(screen, row: before.y, from: before.x, count: 11).allSatisfy { $0.style.background == nil })
    }

    @Test func searchMatchesAreHighlightedAndTheCurrentOneMore() throws {
        var state = ReaderState(lesson: try TestLessons.seed(), columns: 120, rows: 40)
        try state.type("/memo")
        let screen = ReaderView.draw(state)
        let hits = positions(of: "memo", in: screen, pane: state.panes.article)
        #expect(hits.count >= 3)
        let styles = hits.map { screen[$0.x, $0.y].style }
        #expect(styles.allSatisfy { $0.background == Theme().searchMatch.background })
        #expect(styles.filter { $0.bold && $0.underline }.count == 1)
    }

    @Test func monochromeKeepsEveryHighlightVisible() throws {
        var state = ReaderState(lesson: try TestLessons.seed(), columns: 120, rows: 40)
        try state.type("]")
        let screen = ReaderView.draw(state, theme: .monochrome)
        for row in 0..<screen.rows {
            for col in 0..<screen.columns {
                #expect(screen[col, row].style.foreground == nil && screen[col, row].style.background == nil)
            }
        }
        let article = state.panes.article
        let selected = try #require(positions(of: "distillation", in: screen, pane: article).first)
        let other = try #require(positions(of: "jailbreaking", in: screen, pane: article).first)
        let focused = try #require(positions(of: "On April 23", in: screen, pane: article).first)
        let plain = try #require(positions(of: "White House has", in: screen, pane: article).first)
        let looks = Set([selected, other, focused, plain].map { screen[$0.x, $0.y].style })
        #expect(looks.count == 4)
    }

    // MARK: - Whole screens at every size

    @Test func everyScreenIsWholeAtEverySize() throws {
        let lesson = try TestLessons.seed()
        var sizes: [(Int, Int)] = []
        for columns in stride(from: 1, through: 130, by: 3) { for rows in [1, 3, 5, 9, 10, 12, 24, 41] { sizes.append((columns, rows)) } }
        sizes += [(200, 60), (161, 50), (100, 30), (99, 30)]
        for (columns, rows) in sizes {
            for keys in ["", "c", "]]", ")))t", "h", "<Tab>jj", "/Kyle", "v", "G", "Gt<Tab>"] {
                var state = ReaderState(lesson: lesson, columns: columns, rows: rows)
                try state.type(keys)
                let problems = screenProblems(ReaderView.draw(state))
                #expect(problems.isEmpty, "\(columns)x\(rows) after \(keys): \(problems.prefix(3))")
            }
        }
    }

    // MARK: - Control characters

    private func stripSGR(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }

    private func rawControls(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F..<0xA0).contains($0.value) }
    }

    @Test func ansiOutputHasNoControlCharacterButSGR() throws {
        for keys in ["", "c", ")))t", "h", "/memo", "]]", "<Tab>j"] {
            var state = ReaderState(lesson: try TestLessons.seed(), columns: 120, rows: 40)
            try state.type(keys)
            let ansi = ScreenRenderer.render(ReaderView.draw(state), as: .ansi)
            #expect(ansi.contains("\u{1B}["))
            #expect(rawControls(stripSGR(ansi)).isEmpty, "\(keys)")
        }
    }

    @Test func escapeSequencesInALessonAreDrawnAsInertSymbols() throws {
        let title = "Hostile \u{1B}]0;pwned\u{07} title"
        let paragraph = "Clipboard \u{1B}]52;c;aGVsbG8=\u{07} and clear \u{1B}[2J\u{1B}[H here. A bell \u{07} and a CSI \u{9B}31m too."
        let lesson = try TestLessons.make(title: title, introduction: [paragraph],
                                          vocabulary: [("clear \u{1B}[1m", "Bold \u{1B}[5m.", "粗\u{1B}[0m。", "clear \u{1B}[7m")],
                                          notes: [("A bell \u{07} and a CSI \u{9B}31m too.", "Odd \u{1B}]2;x\u{07}.", "怪。")])
        var state = ReaderState(lesson: lesson, columns: 120, rows: 40, translationVisible: true)
        try state.type(")")
        let screen = ReaderView.draw(state)
        #expect(screenProblems(screen) == [])
        let text = screen.text
        #expect(text.contains("Hostile ␛]0;pwned␇ title"))
        #expect(text.contains("Clipboard ␛]52;c;aGVsbG8=␇ and clear ␛[2J␛[H here."))
        #expect(text.contains("␛[31m"))
        for format in [ScreenFormat.text, .ansi, .svg] {
            let output = ScreenRenderer.render(screen, as: format)
            #expect(rawControls(stripSGR(output)).isEmpty, "\(format)")
            #expect(!stripSGR(output).contains("\u{1B}"), "\(format)")
        }
    }
}
