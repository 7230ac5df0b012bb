import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import ReaderCore

@Suite struct ScreenRendererTests {
    private let esc = "\u{1B}"

    private func sample() -> Screen {
        var screen = Screen(columns: 12, rows: 3)
        screen.put("Title", x: 0, y: 0, style: Style(foreground: .yellow, bold: true))
        screen.put("中文 ok", x: 1, y: 1, style: .plain)
        screen.put("<a&b>", x: 0, y: 2, style: Style(background: .blue, underline: true))
        return screen
    }

    // MARK: text

    @Test func textHasExactlyOneLinePerRowAndKeepsTheGrid() {
        let text = ScreenRenderer.render(sample(), as: .text)
        #expect(text == "Title       \n 中文 ok    \n<a&b>       \n")
        #expect(text == sample().text + "\n")
    }

    @Test func textOfAnEmptyScreenIsEmpty() {
        #expect(ScreenRenderer.render(Screen(columns: 5, rows: 0), as: .text) == "")
    }

    @Test func controlCharactersInCellsNeverReachTheOutput() {
        var screen = Screen(columns: 6, rows: 1)
        screen.put("a\u{1B}[31m", x: 0, y: 0, style: .plain)
        for format in ScreenFormat.allCases {
            let output = ScreenRenderer.render(screen, as: format)
            #expect(!output.contains(esc), "\(format)")
        }
        #expect(ScreenRenderer.render(screen, as: .text) == "a[31m \n")
    }

    // MARK: ansi

    @Test func ansiOfPlainTextHasNoEscapes() {
        var screen = Screen(columns: 3, rows: 2)
        screen.put("abc", x: 0, y: 0, style: .plain)
        #expect(ScreenRenderer.render(screen, as: .ansi) == "abc\n   \n")
    }

    @Test func ansiStylesARunOnceAndResetsAtTheLineEnd() {
        var screen = Screen(columns: 5, rows: 2)
        screen.put("ab", x: 1, y: 0, style: Style(foreground: .red, bold: true))
        screen.put("c", x: 0, y: 1, style: Style(reverse: true))
        let ansi = ScreenRenderer.render(screen, as: .ansi)
        #expect(ansi == " \(esc)[1;31mab\(esc)[22;39m  \n\(esc)[7mc\(esc)[27m    \n")
    }

    @Test func ansiResetsWhenALineEndsStyled() {
        var screen = Screen(columns: 2, rows: 1)
        screen.put("xy", x: 0, y: 0, style: Style(underline: true))
        #expect(ScreenRenderer.render(screen, as: .ansi) == "\(esc)[4mxy\(esc)[0m\n")
    }

    @Test(arguments: [
        (Color.black, 30, 40), (.red, 31, 41), (.white, 37, 47),
        (.brightBlack, 90, 100), (.brightRed, 91, 101), (.brightWhite, 97, 107),
    ])
    func ansiUsesSixteenColourCodes(color: Color, foreground: Int, background: Int) {
        #expect(SGR.transition(from: .plain, to: Style(foreground: color)) == "\(esc)[\(foreground)m")
        #expect(SGR.transition(from: .plain, to: Style(background: color)) == "\(esc)[\(background)m")
    }

    @Test func ansiSendsOnlyWhatChanges() {
        let bold = Style(bold: true)
        #expect(SGR.transition(from: bold, to: bold) == "")
        #expect(SGR.transition(from: bold, to: Style(bold: true, underline: true)) == "\(esc)[4m")
        #expect(SGR.transition(from: Style(bold: true, dim: true), to: Style(dim: true)) == "\(esc)[22;2m")
        #expect(SGR.transition(from: Style(foreground: .red), to: Style(foreground: .green)) == "\(esc)[32m")
        #expect(SGR.transition(from: Style(background: .red), to: .plain) == "\(esc)[49m")
        #expect(SGR.transition(from: .plain, to: Style(dim: true, italic: true)) == "\(esc)[2;3m")
        #expect(SGR.transition(from: Style(italic: true), to: .plain) == "\(esc)[23m")
    }

    @Test func ansiWithoutEscapesIsTheText() {
        let screen = sample()
        var stripped = ScreenRenderer.render(screen, as: .ansi)
        while let start = stripped.range(of: "\(esc)["),
              let end = stripped[start.upperBound...].firstIndex(of: "m") {
            stripped.removeSubrange(start.lowerBound...end)
        }
        #expect(stripped == ScreenRenderer.render(screen, as: .text))
    }

    // MARK: svg

    @Test func svgIsAStandaloneWellFormedDocument() throws {
        let svg = ScreenRenderer.render(sample(), as: .svg, title: "Lesson <1> & more")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>\n"))
        #expect(svg.contains("<title>Lesson &lt;1&gt; &amp; more</title>"))
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    }

    @Test func svgIsDeterministic() {
        #expect(ScreenRenderer.render(sample(), as: .svg) == ScreenRenderer.render(sample(), as: .svg))
    }

    @Test func svgUsesTheMonospaceFontList() {
        let svg = ScreenRenderer.render(sample(), as: .svg)
        #expect(svg.contains("font-family=\"DejaVu Sans Mono, Noto Sans Mono CJK SC, WenQuanYi Zen Hei Mono, monospace\""))
    }

    @Test func svgPlacesEachWideGlyphAtItsOwnColumn() {
        let svg = ScreenRenderer.render(sample(), as: .svg)
        // Column 1 and 3 of row 1: 12 + 1 × 8.4 and 12 + 3 × 8.4; two cells each.
        #expect(svg.contains("<text x=\"20.4\" y=\"72\" fill=\"#d4d4d4\" textLength=\"16.8\" "
            + "lengthAdjust=\"spacingAndGlyphs\" xml:space=\"preserve\">中</text>"))
        #expect(svg.contains("<text x=\"37.2\" y=\"72\" fill=\"#d4d4d4\" textLength=\"16.8\" "
            + "lengthAdjust=\"spacingAndGlyphs\" xml:space=\"preserve\">文</text>"))
        #expect(svg.contains("<text x=\"62.4\" y=\"72\" fill=\"#d4d4d4\" textLength=\"16.8\" "
            + "lengthAdjust=\"spacingAndGlyphs\" xml:space=\"preserve\">ok</text>"))
    }

    @Test func svgEscapesTextAndDrawsBackgroundsAndUnderlines() {
        let svg = ScreenRenderer.render(sample(), as: .svg)
        #expect(svg.contains(">&lt;a&amp;b&gt;</text>"))
        #expect(svg.contains("<rect x=\"12\" y=\"76\" width=\"42\" height=\"18\" fill=\"#5286d6\"/>"))
        #expect(svg.contains("<line x1=\"12\" y1=\"92\" x2=\"54\" y2=\"92\""))
    }

    @Test func svgShowsBoldAndReverse() {
        var screen = Screen(columns: 4, rows: 1)
        screen.put("B", x: 0, y: 0, style: Style(bold: true))
        screen.put("R", x: 2, y: 0, style: Style(reverse: true))
        let svg = ScreenRenderer.render(screen, as: .svg)
        #expect(svg.contains("font-weight=\"bold\" textLength=\"8.4\" lengthAdjust=\"spacingAndGlyphs\" xml:space=\"preserve\">B</text>"))
        // Reverse paints the default foreground behind the cell and the background colour on it.
        #expect(svg.contains("<rect x=\"28.8\" y=\"40\" width=\"8.4\" height=\"18\" fill=\"#d4d4d4\"/>"))
        #expect(svg.contains("fill=\"#1e1f24\" textLength=\"8.4\" lengthAdjust=\"spacingAndGlyphs\" xml:space=\"preserve\">R</text>"))
    }

    @Test func svgSizeFollowsTheGrid() {
        let svg = ScreenRenderer.render(Screen(columns: 80, rows: 24), as: .svg)
        // 80 × 8.4 + 2 × 12 wide; 24 × 18 + 2 × 12 + 28 high.
        #expect(svg.contains("width=\"696\" height=\"484\""))
    }

    @Test func formatsAreNamedForTheCommandLine() {
        #expect(ScreenFormat.allCases.map(\.rawValue) == ["text", "ansi", "svg"])
        #expect(ScreenFormat(rawValue: "svg") == .svg)
    }

    @Test func aLongWindowTitleIsShortenedToClearTheButtons() {
        let title = String(repeating: "Long title ", count: 20)
        let svg = ScreenRenderer.render(Screen(columns: 40, rows: 2), as: .svg, title: title)
        // 40 columns are 336 px plus padding: about 28 columns of title fit between the buttons.
        #expect(!svg.contains(">\(title)</text>"))
        #expect(svg.contains("…</text>"))
        let short = ScreenRenderer.render(Screen(columns: 40, rows: 2), as: .svg, title: "gloss")
        #expect(short.contains(">gloss</text>"))
    }
}
