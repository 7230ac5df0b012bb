import LessonKit
/// The ways a Screen can be written out without a terminal: for tests, for `gloss render`, and
/// for the screenshots in the README.
public enum ScreenFormat: String, CaseIterable, Sendable {
    /// The grid as plain text, one line per row, spaces kept so columns line up.
    case text
    /// The same text with SGR escape sequences for colours and attributes.
    case ansi
    /// A standalone SVG picture that looks like a terminal screenshot.
    case svg
}

/// Headless output of a Screen. Every format is deterministic, so the output can be committed
/// and compared in tests.
public enum ScreenRenderer {
    public static func render(_ screen: Screen, as format: ScreenFormat, title: String = "gloss") -> String {
        switch format {
        case .text: return text(screen)
        case .ansi: return ansi(screen)
        case .svg: return SVGPicture(screen: screen, title: title).render()
        }
    }

    private static func text(_ screen: Screen) -> String {
        var output = ""
        for row in 0..<screen.rows {
            for col in 0..<screen.columns {
                let cell = screen[col, row]
                if !cell.isContinuation { output += displaySafe(cell.text) }
            }
            output += "\n"
        }
        return output
    }

    private static func ansi(_ screen: Screen) -> String {
        var output = ""
        for row in 0..<screen.rows {
            var current = Style.plain
            for col in 0..<screen.columns {
                let cell = screen[col, row]
                if cell.isContinuation { continue }
                output += SGR.transition(from: current, to: cell.style)
                current = cell.style
                output += displaySafe(cell.text)
            }
            // Each line stands alone, so a pager or `head` never leaks a colour onto the next.
            if current != .plain { output += SGR.reset }
            output += "\n"
        }
        return output
    }

    /// Cell text should already be inert (the lesson engine sanitises it), but a renderer that
    /// writes to a terminal or an XML file must never pass a control character through:
    /// a stray ESC would be obeyed by the terminal and most C0 characters are illegal in XML.
    static func displaySafe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { !isUnsafe($0) })
        return String(scalars)
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F..<0xA0).contains(v) || v == 0xFFFE || v == 0xFFFF
    }
}

/// Select Graphic Rendition sequences for the sixteen colours and the attributes of a Style.
enum SGR {
    static let reset = "\u{1B}[0m"

    static func foreground(_ color: Color) -> Int {
        color.rawValue < 8 ? 30 + Int(color.rawValue) : 90 + Int(color.rawValue - 8)
    }

    static func background(_ color: Color) -> Int {
        color.rawValue < 8 ? 40 + Int(color.rawValue) : 100 + Int(color.rawValue - 8)
    }

    /// The fewest codes that turn `old` into `new`: only what differs is sent, and bold and dim,
    /// which share one "off" code (22), are re-added when only one of them ends.
    static func transition(from old: Style, to new: Style) -> String {
        if old == new { return "" }
        var codes: [Int] = []
        var bold = old.bold, dim = old.dim
        if (bold && !new.bold) || (dim && !new.dim) {
            codes.append(22)
            bold = false
            dim = false
        }
        if new.bold && !bold { codes.append(1) }
        if new.dim && !dim { codes.append(2) }
        if old.italic != new.italic { codes.append(new.italic ? 3 : 23) }
        if old.underline != new.underline { codes.append(new.underline ? 4 : 24) }
        if old.reverse != new.reverse { codes.append(new.reverse ? 7 : 27) }
        if old.foreground != new.foreground { codes.append(new.foreground.map(foreground) ?? 39) }
        if old.background != new.background { codes.append(new.background.map(background) ?? 49) }
        return "\u{1B}[" + codes.map(String.init).joined(separator: ";") + "m"
    }
}

/// A Screen drawn as an SVG terminal window. Every glyph run is pinned to its columns with
/// `textLength`, so the grid stays aligned whichever fallback font the viewer picks; wide
/// graphemes get a `<text>` of their own for the same reason.
struct SVGPicture {
    let screen: Screen
    let title: String

    static let cellWidth = 8.4
    static let cellHeight = 18.0
    static let fontSize = 14.0
    static let baseline = 14.0
    static let padding = 12.0
    static let titleBarHeight = 28.0
    static let fontFamily = "DejaVu Sans Mono, Noto Sans Mono CJK SC, WenQuanYi Zen Hei Mono, monospace"
    static let defaultForeground = "#d4d4d4"
    static let defaultBackground = "#1e1f24"
    static let windowFrame = "#2b2d33"
    static let titleColor = "#9a9ca3"

    /// A dark theme: the plain colours are muted, the bright ones lighter, and black stays
    /// visible against the background.
    static let palette: [Color: String] = [
        .black: "#3b3e45", .red: "#d0574f", .green: "#7ab55c", .yellow: "#d4aa3b",
        .blue: "#5286d6", .magenta: "#b36bcf", .cyan: "#43aeb8", .white: "#c9cbd0",
        .brightBlack: "#6e727c", .brightRed: "#ff7a70", .brightGreen: "#9fdc7c", .brightYellow: "#f5d469",
        .brightBlue: "#7fb0ff", .brightMagenta: "#da95f2", .brightCyan: "#72dde6", .brightWhite: "#f6f7f9",
    ]

    private var originX: Double { Self.padding }
    private var originY: Double { Self.titleBarHeight + Self.padding }

    func render() -> String {
        let width = Self.padding * 2 + Double(screen.columns) * Self.cellWidth
        let height = Self.titleBarHeight + Self.padding * 2 + Double(screen.rows) * Self.cellHeight
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" \
            viewBox="0 0 \(n(width)) \(n(height))">

            """
        out += "<title>\(escape(title))</title>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" rx=\"8\" fill=\"\(Self.windowFrame)\"/>\n"
        out += "<rect x=\"0\" y=\"\(n(Self.titleBarHeight))\" width=\"\(n(width))\" "
            + "height=\"\(n(height - Self.titleBarHeight))\" fill=\"\(Self.defaultBackground)\"/>\n"
        for (index, color) in ["#ff5f57", "#febc2e", "#28c840"].enumerated() {
            out += "<circle cx=\"\(n(16 + Double(index) * 20))\" cy=\"14\" r=\"6\" fill=\"\(color)\"/>\n"
        }
        // The title is centred and must clear the three buttons on the left: at 12 px a column
        // of the title is about 7.2 px, and 70 px on each side stay free.
        let titleColumns = max(0, Int((width - 140) / 7.2))
        out += "<text x=\"\(n(width / 2))\" y=\"18\" text-anchor=\"middle\" font-family=\"\(Self.fontFamily)\" "
            + "font-size=\"12\" fill=\"\(Self.titleColor)\" xml:space=\"preserve\">\(escape(DisplayWidth.shortened(title, to: titleColumns)))</text>\n"
        out += "<g font-family=\"\(Self.fontFamily)\" font-size=\"\(n(Self.fontSize))\">\n"
        for row in 0..<screen.rows {
            out += backgrounds(row: row)
            out += texts(row: row)
        }
        out += "</g>\n</svg>\n"
        return out
    }

    // MARK: - Rows

    /// The style that paints a column: a continuation cell takes its wide grapheme's style.
    private func style(col: Int, row: Int) -> Style {
        let cell = screen[col, row]
        if cell.isContinuation, col > 0 { return screen[col - 1, row].style }
        return cell.style
    }

    private func backgrounds(row: Int) -> String {
        var out = ""
        var col = 0
        while col < screen.columns {
            guard let fill = Self.colors(of: style(col: col, row: row)).background else {
                col += 1
                continue
            }
            var end = col + 1
            while end < screen.columns, Self.colors(of: style(col: end, row: row)).background == fill { end += 1 }
            out += "<rect x=\"\(n(x(col)))\" y=\"\(n(originY + Double(row) * Self.cellHeight))\" "
                + "width=\"\(n(Double(end - col) * Self.cellWidth))\" height=\"\(n(Self.cellHeight))\" fill=\"\(fill)\"/>\n"
            col = end
        }
        return out
    }

    /// Cells drawn by one `<text>`: either narrow cells of one style, one text per cell, or a
    /// single wide grapheme.
    private struct Run {
        var column: Int
        var texts: [String]
        var style: Style
        var wideWidth: Int?

        var cells: Int { wideWidth ?? texts.count }
    }

    private func texts(row: Int) -> String {
        var runs: [Run] = []
        var current: Run?
        for col in 0..<screen.columns {
            let cell = screen[col, row]
            if cell.isContinuation { continue }
            if cell.width >= 2 {
                if let run = current { runs.append(run) }
                current = nil
                runs.append(Run(column: col, texts: [cell.text], style: cell.style, wideWidth: cell.width))
            } else if var run = current, run.style == cell.style {
                run.texts.append(cell.text)
                current = run
            } else {
                if let run = current { runs.append(run) }
                current = Run(column: col, texts: [cell.text], style: cell.style, wideWidth: nil)
            }
        }
        if let run = current { runs.append(run) }
        return runs.map { element(for: $0, row: row) }.joined()
    }

    private func element(for run: Run, row: Int) -> String {
        let colors = Self.colors(of: run.style)
        let top = originY + Double(row) * Self.cellHeight
        var out = ""
        if run.style.underline {
            let y = top + Self.baseline + 2
            out += "<line x1=\"\(n(x(run.column)))\" y1=\"\(n(y))\" x2=\"\(n(x(run.column + run.cells)))\" "
                + "y2=\"\(n(y))\" stroke=\"\(colors.foreground)\" stroke-width=\"1\"/>\n"
        }
        // Blank cells need no glyphs; trimming them keeps the file small and the runs tight.
        var trimmed = run
        while let first = trimmed.texts.first, first == " ", trimmed.wideWidth == nil {
            trimmed.texts.removeFirst()
            trimmed.column += 1
        }
        while let last = trimmed.texts.last, last == " ", trimmed.wideWidth == nil { trimmed.texts.removeLast() }
        let glyphs = ScreenRenderer.displaySafe(trimmed.texts.joined())
        guard !glyphs.isEmpty, !glyphs.allSatisfy({ $0 == " " }) else { return out }
        var attributes = "x=\"\(n(x(trimmed.column)))\" y=\"\(n(top + Self.baseline))\" fill=\"\(colors.foreground)\""
        if run.style.bold { attributes += " font-weight=\"bold\"" }
        if run.style.italic { attributes += " font-style=\"italic\"" }
        if run.style.dim { attributes += " fill-opacity=\"0.6\"" }
        attributes += " textLength=\"\(n(Double(trimmed.cells) * Self.cellWidth))\" lengthAdjust=\"spacingAndGlyphs\""
        out += "<text \(attributes) xml:space=\"preserve\">\(escape(glyphs))</text>\n"
        return out
    }

    // MARK: - Helpers

    /// Foreground and background as painted: reverse swaps them, and a reversed default
    /// foreground becomes a real background colour.
    static func colors(of style: Style) -> (foreground: String, background: String?) {
        let fg = style.foreground.flatMap { palette[$0] } ?? defaultForeground
        let bg = style.background.flatMap { palette[$0] }
        if style.reverse { return (bg ?? defaultBackground, fg) }
        return (fg, bg)
    }

    private func x(_ col: Int) -> Double { originX + Double(col) * Self.cellWidth }

    /// Numbers with at most two decimals and no trailing zeros, independent of locale.
    private func n(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let whole = hundredths / 100, fraction = abs(hundredths % 100)
        if fraction == 0 { return String(whole) }
        if fraction % 10 == 0 { return "\(whole).\(fraction / 10)" }
        return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    private func escape(_ text: String) -> String {
        var out = ""
        for c in ScreenRenderer.displaySafe(text) {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
