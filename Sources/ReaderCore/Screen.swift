import LessonKit

/// The sixteen colours every colour terminal knows. Terminals with eight colours show the
/// bright ones as their plain counterparts.
public enum Color: UInt8, Sendable, Hashable, CaseIterable {
    case black = 0, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan, brightWhite
}

/// How a cell looks. Colours are optional so that a view never depends on colour alone:
/// every highlight also carries an attribute (bold, underline, reverse) that survives NO_COLOR.
public struct Style: Sendable, Hashable {
    public var foreground: Color?
    public var background: Color?
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool
    public var dim: Bool
    public var italic: Bool

    public init(foreground: Color? = nil, background: Color? = nil, bold: Bool = false,
                underline: Bool = false, reverse: Bool = false, dim: Bool = false, italic: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
        self.italic = italic
    }

    public static let plain = Style()
}

/// One terminal cell. A double-width grapheme occupies its cell (width 2) and the next one,
/// which is a continuation (empty text, width 0).
public struct Cell: Sendable, Hashable {
    public var text: String
    public var width: Int
    public var style: Style

    public init(text: String, width: Int, style: Style) {
        self.text = text
        self.width = width
        self.style = style
    }

    public static let blank = Cell(text: " ", width: 1, style: .plain)
    public var isContinuation: Bool { width == 0 }
}

/// A grid of cells that views draw into. Nothing here knows about terminals; the curses layer
/// and the headless renderers read it.
public struct Screen: Sendable, Equatable {
    public let columns: Int
    public let rows: Int
    public private(set) var cells: [Cell]

    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        cells = Array(repeating: .blank, count: self.columns * self.rows)
    }

    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < columns, y < rows else { return .blank }
        return cells[y * columns + x]
    }

    /// Fills a rectangle with blanks of one style (clipped to the screen).
    public mutating func fill(x: Int, y: Int, width: Int, height: Int, style: Style = .plain) {
        let x0 = max(0, x), y0 = max(0, y)
        let x1 = min(columns, x + width), y1 = min(rows, y + height)
        guard x0 < x1, y0 < y1 else { return }
        for row in y0..<y1 {
            // A wide grapheme cut by either edge loses its other half too, so no half is left.
            if cells[row * columns + x0].isContinuation, x0 > 0 {
                cells[row * columns + x0 - 1] = Cell(text: " ", width: 1, style: cells[row * columns + x0 - 1].style)
            }
            if cells[row * columns + x1 - 1].width == 2, x1 < columns {
                cells[row * columns + x1] = Cell(text: " ", width: 1, style: cells[row * columns + x1].style)
            }
            for col in x0..<x1 { cells[row * columns + col] = Cell(text: " ", width: 1, style: style) }
        }
    }

    /// Writes text from (x, y) to the right, stopping before `limit` (exclusive column, default the
    /// screen's edge). A wide grapheme that would straddle the limit is replaced by a space.
    /// Returns the column after the last cell written.
    @discardableResult
    public mutating func put<S: StringProtocol>(_ text: S, x: Int, y: Int, style: Style, limit: Int? = nil) -> Int {
        let end = min(columns, limit ?? columns)
        guard y >= 0, y < rows else { return x }
        var col = x
        for character in text {
            if col >= end { break }
            let width = DisplayWidth.of(character)
            if width == 0 {
                // A lone zero-width cluster attaches to the previous cell; at the margin it is dropped.
                if col > 0, col - 1 < columns, col - 1 >= max(0, x) {
                    var prev = col - 1
                    if cells[y * columns + prev].isContinuation, prev > 0 { prev -= 1 }
                    cells[y * columns + prev].text.append(character)
                }
                continue
            }
            if col < 0 {
                // The right half of a wide grapheme that starts off-screen shows as a space.
                if width == 2 && col == -1 && end > 0 { set(x: 0, y: y, Cell(text: " ", width: 1, style: style)) }
                col += width
                continue
            }
            if width == 2 && col + 1 >= end {
                set(x: col, y: y, Cell(text: " ", width: 1, style: style))
                col += 1
                break
            }
            set(x: col, y: y, Cell(text: String(character), width: width, style: style))
            if width == 2 { set(x: col + 1, y: y, Cell(text: "", width: 0, style: style)) }
            col += width
        }
        return col
    }

    /// Changes the style of existing cells without touching their text.
    public mutating func restyle(x: Int, y: Int, width: Int, _ change: (inout Style) -> Void) {
        guard y >= 0, y < rows else { return }
        for col in max(0, x)..<max(max(0, x), min(columns, x + width)) {
            change(&cells[y * columns + col].style)
        }
    }

    /// Places one cell, repairing any wide grapheme it cuts in half.
    private mutating func set(x: Int, y: Int, _ cell: Cell) {
        guard x >= 0, x < columns, y >= 0, y < rows else { return }
        let index = y * columns + x
        let old = cells[index]
        // Overwriting half of an old wide grapheme blanks its other half. A new continuation
        // belongs to the wide grapheme just written to its left, which must stay.
        if old.isContinuation, x > 0, !cell.isContinuation {
            cells[index - 1] = Cell(text: " ", width: 1, style: cells[index - 1].style)
        }
        if old.width == 2, x + 1 < columns, cell.width != 2 {
            cells[index + 1] = Cell(text: " ", width: 1, style: cells[index + 1].style)
        }
        cells[index] = cell
    }

    /// The grid as plain text: exactly `rows` lines, trailing spaces kept so columns line up.
    public var text: String {
        var lines: [String] = []
        lines.reserveCapacity(rows)
        for row in 0..<rows {
            var line = ""
            for col in 0..<columns {
                let cell = cells[row * columns + col]
                if !cell.isContinuation { line += cell.text }
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
