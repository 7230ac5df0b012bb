import LessonKit

/// The sixteen colours every colour terminal knows. Terminals with eight colours show the
/// bright ones as their plain counterparts.
public enum Color: UInt8, Sendable, Hashable, CaseIterable {
    case black = 0, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan, brightWhite
}

/// How a cell looks. Colours are optional so that a view never depends on colour alone:
/// every highlight also carries an attribute (bold, underline, reverse) that survives NO_COLOR.
///
/// Kept in two bytes, so that comparing two styles, which the terminal layer does for every
/// cell it draws, is one comparison of integers (issue 5: as seven fields, the comparisons
/// were 1.2 million of the 19 million instructions the main thread ran for the seed's first
/// screen).
public struct Style: Sendable, Hashable {
    /// Bits 0-4: the foreground (0 for none, else the colour's raw value + 1); bits 5-9: the
    /// background, the same way; then bold, underline, reverse, dim and italic.
    private var bits: UInt16

    private static let boldBit: UInt16 = 1 << 10
    private static let underlineBit: UInt16 = 1 << 11
    private static let reverseBit: UInt16 = 1 << 12
    private static let dimBit: UInt16 = 1 << 13
    private static let italicBit: UInt16 = 1 << 14

    public var foreground: Color? {
        get { Self.color(bits & 0x1F) }
        set { bits = (bits & ~0x1F) | Self.field(newValue) }
    }

    public var background: Color? {
        get { Self.color((bits >> 5) & 0x1F) }
        set { bits = (bits & ~(0x1F << 5)) | (Self.field(newValue) << 5) }
    }

    public var bold: Bool { get { has(Self.boldBit) } set { set(Self.boldBit, newValue) } }
    public var underline: Bool { get { has(Self.underlineBit) } set { set(Self.underlineBit, newValue) } }
    public var reverse: Bool { get { has(Self.reverseBit) } set { set(Self.reverseBit, newValue) } }
    public var dim: Bool { get { has(Self.dimBit) } set { set(Self.dimBit, newValue) } }
    public var italic: Bool { get { has(Self.italicBit) } set { set(Self.italicBit, newValue) } }

    public init(foreground: Color? = nil, background: Color? = nil, bold: Bool = false,
                underline: Bool = false, reverse: Bool = false, dim: Bool = false, italic: Bool = false) {
        bits = Self.field(foreground) | (Self.field(background) << 5)
        set(Self.boldBit, bold)
        set(Self.underlineBit, underline)
        set(Self.reverseBit, reverse)
        set(Self.dimBit, dim)
        set(Self.italicBit, italic)
    }

    public static let plain = Style()

    private func has(_ bit: UInt16) -> Bool { bits & bit != 0 }

    private mutating func set(_ bit: UInt16, _ on: Bool) {
        bits = on ? bits | bit : bits & ~bit
    }

    private static func field(_ color: Color?) -> UInt16 {
        color.map { UInt16($0.rawValue) + 1 } ?? 0
    }

    private static func color(_ field: UInt16) -> Color? {
        field == 0 ? nil : Color(rawValue: UInt8(field - 1))
    }
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
///
/// Cells are stored compactly, eight bytes each with nothing to count references to: the
/// grapheme as its only Unicode scalar (nearly every cell), or as the index of a longer
/// grapheme in `clusters`. With a `String` in every cell, drawing a 200x60 screen spent most
/// of its time copying and releasing strings, and its 384 KB were faulted in afresh each time.
public struct Screen: Sendable {
    public let columns: Int
    public let rows: Int
    // Internal but inlinable, with the three accessors below: the terminal layer reads every
    // cell of a screen through them, and as calls into this module they were a third of its
    // time to draw one (issue 5).
    @usableFromInline var stored: [Stored]
    /// Graphemes of more than one scalar, by the index in their cell's code.
    private var clusters: [String] = []

    @usableFromInline struct Stored: Sendable, Hashable {
        /// The scalar, 0 for a continuation, or `clusterFlag` with an index into `clusters`.
        @usableFromInline var code: UInt32
        @usableFromInline var width: UInt8
        @usableFromInline var style: Style

        static let blank = Stored(code: 0x20, width: 1, style: .plain)
        static func space(_ style: Style) -> Stored { Stored(code: 0x20, width: 1, style: style) }
    }

    @usableFromInline static let clusterFlag: UInt32 = 0x8000_0000

    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        stored = Array(repeating: .blank, count: self.columns * self.rows)
    }

    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < columns, y < rows else { return .blank }
        let cell = stored[y * columns + x]
        return Cell(text: grapheme(of: cell), width: Int(cell.width), style: cell.style)
    }

    /// Every cell, row after row.
    public var cells: [Cell] {
        (0..<rows).flatMap { y in (0..<columns).map { x in self[x, y] } }
    }

    private func grapheme(of cell: Stored) -> String {
        if cell.code & Self.clusterFlag != 0 { return clusters[Int(cell.code & ~Self.clusterFlag)] }
        if cell.code == 0 { return "" }
        return Unicode.Scalar(cell.code).map { String($0) } ?? ""
    }

    /// A cell's scalar when its grapheme is that one scalar (nil for a continuation or a longer
    /// grapheme), without building its text: for the terminal layer, which looks at every cell.
    @inlinable public func scalar(x: Int, y: Int) -> Unicode.Scalar? {
        guard x >= 0, y >= 0, x < columns, y < rows else { return " " }
        let code = stored[y * columns + x].code
        return code == 0 || code & Self.clusterFlag != 0 ? nil : Unicode.Scalar(code)
    }

    @inlinable public func width(x: Int, y: Int) -> Int {
        guard x >= 0, y >= 0, x < columns, y < rows else { return 1 }
        return Int(stored[y * columns + x].width)
    }

    @inlinable public func style(x: Int, y: Int) -> Style {
        guard x >= 0, y >= 0, x < columns, y < rows else { return .plain }
        return stored[y * columns + x].style
    }

    /// Whether a row holds the same cells in both screens (of the same width).
    public func row(_ y: Int, equals other: Screen) -> Bool {
        guard columns == other.columns, y >= 0, y < rows, y < other.rows else { return false }
        for x in 0..<columns {
            let a = stored[y * columns + x], b = other.stored[y * columns + x]
            if a == b && a.code & Self.clusterFlag == 0 { continue }
            if a.width != b.width || a.style != b.style || grapheme(of: a) != other.grapheme(of: b) { return false }
        }
        return true
    }

    private mutating func code(for character: Character) -> UInt32 {
        let scalars = character.unicodeScalars
        if let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex {
            return first.value
        }
        clusters.append(String(character))
        return Self.clusterFlag | UInt32(clusters.count - 1)
    }

    /// Fills a rectangle with blanks of one style (clipped to the screen).
    public mutating func fill(x: Int, y: Int, width: Int, height: Int, style: Style = .plain) {
        let x0 = max(0, x), y0 = max(0, y)
        let x1 = min(columns, x + width), y1 = min(rows, y + height)
        guard x0 < x1, y0 < y1 else { return }
        let blank = Stored.space(style)
        for row in y0..<y1 {
            // A wide grapheme cut by either edge loses its other half too, so no half is left.
            if stored[row * columns + x0].width == 0, x0 > 0 {
                stored[row * columns + x0 - 1] = .space(stored[row * columns + x0 - 1].style)
            }
            if stored[row * columns + x1 - 1].width == 2, x1 < columns {
                stored[row * columns + x1] = .space(stored[row * columns + x1].style)
            }
            for col in x0..<x1 { stored[row * columns + col] = blank }
        }
    }

    /// Writes text from (x, y) to the right, stopping before `limit` (exclusive column, default the
    /// screen's edge). A wide grapheme that would straddle the limit is replaced by a space.
    /// Returns the column after the last cell written.
    @discardableResult
    public mutating func put<S: StringProtocol>(_ text: S, x: Int, y: Int, style: Style, limit: Int? = nil) -> Int {
        put(text, x: x, y: y, style: style, limit: limit, byCharacter: false)
    }

    /// `put`, walking the text by Character even when its scalars are plain when `byCharacter`
    /// (for tests that the two ways agree).
    @discardableResult
    mutating func put<S: StringProtocol>(_ text: S, x: Int, y: Int, style: Style, limit: Int?, byCharacter: Bool) -> Int {
        let end = min(columns, limit ?? columns)
        guard y >= 0, y < rows else { return x }
        var col = x
        if !byCharacter, PlainScalars.only(text) {
            // Each scalar a cluster of one or two columns, found without Unicode's segmentation.
            for scalar in text.unicodeScalars {
                if col >= end { break }
                guard place(scalar.value, width: DisplayWidth.of(scalar), at: &col, y: y, style: style, end: end) else { break }
            }
            return col
        }
        for character in text {
            if col >= end { break }
            let width = DisplayWidth.of(character)
            if width == 0 {
                // A lone zero-width cluster attaches to the previous cell; at the margin it is dropped.
                if col > 0, col - 1 < columns, col - 1 >= max(0, x) {
                    var prev = col - 1
                    if stored[y * columns + prev].width == 0, prev > 0 { prev -= 1 }
                    let joined = grapheme(of: stored[y * columns + prev]) + String(character)
                    clusters.append(joined)
                    stored[y * columns + prev].code = Self.clusterFlag | UInt32(clusters.count - 1)
                }
                continue
            }
            guard place(0, or: character, width: width, at: &col, y: y, style: style, end: end) else { break }
        }
        return col
    }

    /// Places one cluster of `width` 1 or 2 at `col` on row `y` and moves `col` past it: the
    /// scalar `code`, or `character` when there is one. Off the left edge it only moves `col`;
    /// a wide cluster that the limit `end` would cut is a space instead, and then nothing
    /// more fits (false).
    @inline(__always)
    private mutating func place(_ code: UInt32, or character: Character? = nil, width: Int, at col: inout Int,
                                y: Int, style: Style, end: Int) -> Bool {
        if col < 0 {
            // The right half of a wide grapheme that starts off-screen shows as a space.
            if width == 2 && col == -1 && end > 0 { set(x: 0, y: y, .space(style)) }
            col += width
            return true
        }
        if width == 2 && col + 1 >= end {
            set(x: col, y: y, .space(style))
            col += 1
            return false
        }
        set(x: col, y: y, Stored(code: character.map { self.code(for: $0) } ?? code, width: UInt8(width), style: style))
        if width == 2 { set(x: col + 1, y: y, Stored(code: 0, width: 0, style: style)) }
        col += width
        return true
    }

    /// Changes the style of existing cells without touching their text.
    public mutating func restyle(x: Int, y: Int, width: Int, _ change: (inout Style) -> Void) {
        guard y >= 0, y < rows else { return }
        for col in max(0, x)..<max(max(0, x), min(columns, x + width)) {
            change(&stored[y * columns + col].style)
        }
    }

    /// Places one cell, repairing any wide grapheme it cuts in half.
    private mutating func set(x: Int, y: Int, _ cell: Stored) {
        guard x >= 0, x < columns, y >= 0, y < rows else { return }
        let index = y * columns + x
        let old = stored[index]
        // Overwriting half of an old wide grapheme blanks its other half. A new continuation
        // belongs to the wide grapheme just written to its left, which must stay.
        if old.width == 0, x > 0, cell.width != 0 {
            stored[index - 1] = .space(stored[index - 1].style)
        }
        if old.width == 2, x + 1 < columns, cell.width != 2 {
            stored[index + 1] = .space(stored[index + 1].style)
        }
        stored[index] = cell
    }

    /// The grid as plain text: exactly `rows` lines, trailing spaces kept so columns line up.
    public var text: String {
        var lines: [String] = []
        lines.reserveCapacity(rows)
        for row in 0..<rows {
            var line = ""
            for col in 0..<columns {
                let cell = stored[row * columns + col]
                if cell.width != 0 { line += grapheme(of: cell) }
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

extension Screen: Equatable {
    /// Same size and the same cells, however their longer graphemes are stored.
    public static func == (a: Screen, b: Screen) -> Bool {
        a.columns == b.columns && a.rows == b.rows && (0..<a.rows).allSatisfy { a.row($0, equals: b) }
    }
}
