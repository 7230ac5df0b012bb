import Testing
import LessonKit
@testable import ReaderCore

@Suite struct ScreenTests {
    /// Each row's display width must equal the screen's width, or the terminal shifts columns.
    private func rowWidths(_ screen: Screen) -> [Int] {
        (0..<screen.rows).map { row in
            (0..<screen.columns).reduce(0) { sum, col in
                let cell = screen[col, row]
                return sum + (cell.isContinuation ? 0 : cell.width)
            }
        }
    }

    /// Every wide grapheme is followed by its continuation and every continuation follows one.
    private func isConsistent(_ screen: Screen) -> Bool {
        for row in 0..<screen.rows {
            for col in 0..<screen.columns {
                let cell = screen[col, row]
                if cell.width == 2, !(col + 1 < screen.columns && screen[col + 1, row].isContinuation) { return false }
                if cell.isContinuation, !(col > 0 && screen[col - 1, row].width == 2) { return false }
            }
        }
        return true
    }

    private func texts(_ screen: Screen, row: Int) -> [String] {
        (0..<screen.columns).map { screen[$0, row].text }
    }

    @Test func negativeSizesMakeAnEmptyScreen() {
        let screen = Screen(columns: -3, rows: -1)
        #expect(screen.columns == 0 && screen.rows == 0 && screen.cells.isEmpty)
        #expect(screen.text == "")
    }

    @Test func outOfRangeCellsReadAsBlank() {
        let screen = Screen(columns: 2, rows: 1)
        #expect(screen[-1, 0] == .blank)
        #expect(screen[2, 0] == .blank)
        #expect(screen[0, 1] == .blank)
    }

    @Test func putReturnsTheColumnAfterTheText() {
        var screen = Screen(columns: 10, rows: 1)
        #expect(screen.put("abc", x: 2, y: 0, style: .plain) == 5)
        #expect(screen.text == "  abc     ")
    }

    @Test func aWideGraphemeTakesTwoCells() {
        var screen = Screen(columns: 6, rows: 1)
        let end = screen.put("中文", x: 1, y: 0, style: .plain)
        #expect(end == 5)
        #expect(screen[1, 0] == Cell(text: "中", width: 2, style: .plain))
        #expect(screen[2, 0].isContinuation)
        #expect(screen[3, 0].text == "文")
        #expect(screen[4, 0].isContinuation)
        #expect(screen.text == " 中文 ")
    }

    @Test func aWideGraphemeAtTheRightEdgeBecomesASpace() {
        var screen = Screen(columns: 5, rows: 1)
        let end = screen.put("ab中x", x: 2, y: 0, style: .plain)
        #expect(end == 5)
        #expect(texts(screen, row: 0) == [" ", " ", "a", "b", " "])
        #expect(rowWidths(screen) == [5])
        #expect(isConsistent(screen))
    }

    @Test func aWideGraphemeStraddlingTheLimitBecomesASpace() {
        var screen = Screen(columns: 8, rows: 1)
        screen.put("zzzzzzzz", x: 0, y: 0, style: .plain)
        let end = screen.put("a中", x: 0, y: 0, style: .plain, limit: 2)
        #expect(end == 2)
        #expect(screen.text == "a zzzzzz")
    }

    @Test func textPastTheEdgeIsClipped() {
        var screen = Screen(columns: 4, rows: 1)
        #expect(screen.put("abcdef", x: 1, y: 0, style: .plain) == 4)
        #expect(screen.text == " abc")
    }

    @Test func rowsOutsideTheScreenAreIgnored() {
        var screen = Screen(columns: 3, rows: 1)
        #expect(screen.put("abc", x: 0, y: 1, style: .plain) == 0)
        #expect(screen.put("abc", x: 0, y: -1, style: .plain) == 0)
        #expect(screen.text == "   ")
    }

    @Test func textStartingLeftOfTheScreenShowsItsVisiblePart() {
        var screen = Screen(columns: 4, rows: 1)
        #expect(screen.put("abcdef", x: -2, y: 0, style: .plain) == 4)
        #expect(screen.text == "cdef")
    }

    @Test func overwritingTheRightHalfOfAWideGraphemeBlanksItsLeftHalf() {
        var screen = Screen(columns: 4, rows: 1)
        screen.put("中文", x: 0, y: 0, style: .plain)
        screen.put("x", x: 1, y: 0, style: .plain)
        #expect(texts(screen, row: 0) == [" ", "x", "文", ""])
        #expect(rowWidths(screen) == [4])
        #expect(isConsistent(screen))
    }

    @Test func overwritingTheLeftHalfOfAWideGraphemeBlanksItsRightHalf() {
        var screen = Screen(columns: 4, rows: 1)
        screen.put("中文", x: 0, y: 0, style: .plain)
        screen.put("y", x: 2, y: 0, style: .plain)
        #expect(texts(screen, row: 0) == ["中", "", "y", " "])
        #expect(rowWidths(screen) == [4])
        #expect(isConsistent(screen))
    }

    @Test func aWideGraphemeOverTheSecondHalfOfAnotherKeepsTheGrid() {
        var screen = Screen(columns: 4, rows: 1)
        screen.put("中", x: 0, y: 0, style: .plain)
        screen.put("文", x: 1, y: 0, style: .plain)
        #expect(texts(screen, row: 0) == [" ", "文", "", " "])
        #expect(rowWidths(screen) == [4])
        #expect(isConsistent(screen))
    }

    @Test func aWideGraphemeOverAnotherAtTheSameColumnReplacesIt() {
        var screen = Screen(columns: 4, rows: 1)
        screen.put("中", x: 0, y: 0, style: .plain)
        screen.put("文", x: 0, y: 0, style: .plain)
        // The new continuation lands on the old one; the wide grapheme to its left is the new
        // one and must survive.
        #expect(texts(screen, row: 0) == ["文", "", " ", " "])
        #expect(isConsistent(screen))
    }

    @Test func aZeroWidthClusterJoinsThePreviousCell() {
        #expect(DisplayWidth.of("\u{200B}" as Character) == 0)
        var screen = Screen(columns: 4, rows: 1)
        let end = screen.put("a\u{200B}b", x: 0, y: 0, style: .plain)
        #expect(end == 2)
        #expect(texts(screen, row: 0) == ["a\u{200B}", "b", " ", " "])
    }

    @Test func aZeroWidthClusterAfterAWideGraphemeJoinsItsFirstCell() {
        var screen = Screen(columns: 4, rows: 1)
        screen.put("中\u{200B}", x: 0, y: 0, style: .plain)
        #expect(screen[0, 0].text == "中\u{200B}")
        #expect(screen[1, 0].isContinuation && screen[1, 0].text.isEmpty)
    }

    @Test func aZeroWidthClusterAtTheStartIsDropped() {
        var screen = Screen(columns: 4, rows: 1)
        screen.put("q", x: 0, y: 0, style: .plain)
        screen.put("\u{200B}z", x: 1, y: 0, style: .plain)
        // The mark must not attach to text another call wrote.
        #expect(texts(screen, row: 0) == ["q", "z", " ", " "])
    }

    @Test func combiningMarksStayInTheirCharactersCell() {
        var screen = Screen(columns: 3, rows: 1)
        #expect(screen.put("e\u{301}x", x: 0, y: 0, style: .plain) == 2)
        #expect(screen[0, 0].text == "e\u{301}")
    }

    @Test func aWideGraphemeCutByTheLeftEdgeLeavesABlank() {
        var screen = Screen(columns: 4, rows: 1)
        screen.put("XYZW", x: 0, y: 0, style: .plain)
        screen.put("中a", x: -1, y: 0, style: .plain)
        #expect(screen.text == " aZW")
        #expect(screen[1, 0].text == "a")
    }

    @Test func fillThroughHalfAWideGraphemeKeepsTheGrid() {
        var screen = Screen(columns: 4, rows: 1)
        screen.put("中文", x: 0, y: 0, style: .plain)
        screen.fill(x: 1, y: 0, width: 2, height: 1)
        #expect(isConsistent(screen))
        #expect(screen.text == "    ")
    }

    @Test func fillIsClippedToTheScreen() {
        var screen = Screen(columns: 3, rows: 2)
        let style = Style(background: .blue)
        screen.fill(x: -5, y: 1, width: 7, height: 9, style: style)
        #expect(screen[0, 0].style == .plain)
        #expect(screen[0, 1].style == style && screen[1, 1].style == style && screen[2, 1].style == .plain)
    }

    @Test func restyleChangesStyleButNotText() {
        var screen = Screen(columns: 4, rows: 1)
        screen.put("ab", x: 0, y: 0, style: .plain)
        screen.restyle(x: 1, y: 0, width: 10) { $0.bold = true }
        #expect(screen[0, 0].style.bold == false)
        #expect(screen[1, 0] == Cell(text: "b", width: 1, style: Style(bold: true)))
        #expect(screen[3, 0].style.bold)
        #expect(screen.text == "ab  ")
    }

    @Test func textHasOneLinePerRowWithTrailingSpaces() {
        var screen = Screen(columns: 3, rows: 2)
        screen.put("a", x: 0, y: 1, style: .plain)
        #expect(screen.text == "   \na  ")
    }

    /// Graphemes of more than one scalar are kept apart from the cells, in the order they were
    /// written, so the same one can sit at another place there in another screen.
    @Test func screensWithLongerGraphemesCompareByTheirText() {
        var a = Screen(columns: 10, rows: 1)
        var b = Screen(columns: 10, rows: 1)
        b.put("👍🏽", x: 0, y: 0, style: .plain)
        b.put("e\u{301}", x: 0, y: 0, style: .plain)
        a.put("e\u{301}", x: 0, y: 0, style: .plain)
        #expect(a[0, 0].text == "e\u{301}" && b[0, 0].text == "e\u{301}")
        #expect(a == b && b == a)
        #expect(a.row(0, equals: b) && b.row(0, equals: a))
        var c = Screen(columns: 10, rows: 1)
        c.put("a\u{301}", x: 0, y: 0, style: .plain)
        #expect(a != c && c != a)
        var d = Screen(columns: 10, rows: 1)
        d.put("x", x: 0, y: 0, style: .plain)
        #expect(!b.row(0, equals: d) && !d.row(0, equals: b))
        #expect(a.scalar(x: 0, y: 0) == nil && d.scalar(x: 0, y: 0) == "x")
    }

    /// Plain text is put one scalar at a time, without Unicode's segmentation (issue 5): the
    /// cells must be those that putting it Character by Character gives, wherever it starts
    /// (off either edge too), whatever the limit, and over whatever was there before.
    @Test func puttingPlainTextByScalarIsPuttingItByCharacter() {
        let pieces = ["The", " ", "economy", "—", "“quoted”", "…", "é", "§", "经济", "增长", "。", "「", "」", "（注）", "Ａ", "  ", "well-known"]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        var compared = 0
        for _ in 0..<2_000 {
            let text = (0..<next(12)).map { _ in pieces[next(pieces.count)] }.joined()
            #expect(PlainScalars.only(text))
            var byScalar = Screen(columns: 17, rows: 2)
            // Something underneath, wide graphemes included, for the new text to cut into.
            byScalar.put("底下的文字 under", x: next(5) - 2, y: 0, style: Style(bold: true))
            var byCharacter = byScalar
            let x = next(24) - 5, limit: Int? = next(3) == 0 ? nil : next(20)
            let endScalar = byScalar.put(text, x: x, y: 0, style: Style(underline: true), limit: limit, byCharacter: false)
            let endCharacter = byCharacter.put(text, x: x, y: 0, style: Style(underline: true), limit: limit, byCharacter: true)
            #expect(endScalar == endCharacter, "\(text) at \(x), limit \(String(describing: limit))")
            #expect(byScalar == byCharacter, "\(text) at \(x), limit \(String(describing: limit))")
            #expect(isConsistent(byScalar))
            compared += 1
        }
        #expect(compared == 2_000)
    }
}

/// Style is kept in two bytes (issue 5); every combination of its fields must read back as set,
/// and two styles must be equal exactly when every field is.
@Suite struct StylePackingTests {
    static let colors: [Color?] = [nil] + Color.allCases

    static func all() -> [Style] {
        var styles: [Style] = []
        for foreground in colors {
            for background in colors {
                for flags in 0..<32 {
                    styles.append(Style(foreground: foreground, background: background, bold: flags & 1 != 0,
                                        underline: flags & 2 != 0, reverse: flags & 4 != 0, dim: flags & 8 != 0,
                                        italic: flags & 16 != 0))
                }
            }
        }
        return styles
    }

    @Test func everyFieldReadsBackAsItWasSet() {
        let styles = Self.all()
        var index = 0
        for foreground in Self.colors {
            for background in Self.colors {
                for flags in 0..<32 {
                    let style = styles[index]
                    index += 1
                    #expect(style.foreground == foreground && style.background == background)
                    #expect(style.bold == (flags & 1 != 0) && style.underline == (flags & 2 != 0))
                    #expect(style.reverse == (flags & 4 != 0) && style.dim == (flags & 8 != 0) && style.italic == (flags & 16 != 0))
                }
            }
        }
    }

    @Test func settingOneFieldLeavesTheOthers() {
        var style = Style(foreground: .brightWhite, background: .black, bold: true, italic: true)
        style.background = .brightCyan
        style.underline = true
        style.bold = false
        style.foreground = nil
        #expect(style == Style(foreground: nil, background: .brightCyan, bold: false, underline: true, italic: true))
        style.background = nil
        style.italic = false
        style.underline = false
        #expect(style == .plain)
    }

    @Test func stylesAreEqualExactlyWhenEveryFieldIs() {
        let styles = Self.all()
        #expect(Set(styles).count == styles.count)
        for style in styles.shuffled().prefix(200) {
            var copy = Style()
            copy.foreground = style.foreground
            copy.background = style.background
            copy.bold = style.bold
            copy.underline = style.underline
            copy.reverse = style.reverse
            copy.dim = style.dim
            copy.italic = style.italic
            #expect(copy == style && copy.hashValue == style.hashValue)
        }
    }
}
