import ReaderCore

/// What one fuzz input asks of the reader besides its text: a terminal size and a few actions.
///
/// The whole input is read as the lesson, so the seed lessons parse exactly as written; the plan
/// is read from the input's last bytes. Those bytes also belong to the lesson's text, which costs
/// nothing, and a mutation near the end of a file changes the size and the keys, which is what
/// lets the fuzzer steer both without a header that would spoil every seed.
struct FuzzPlan {
    var columns: Int
    var rows: Int
    var steps: [Step]
    /// When set, the reader starts on `LessonAnalyzer.preview` (paragraphs whose reading-order
    /// number has this remainder modulo 3 analysed) and adopts the full analysis after
    /// `adoptAfter` actions, as gloss does with a long lesson.
    var preview: (remainder: Int, adoptAfter: Int)?

    struct Step {
        var action: ReaderAction
        /// Whether to draw the screen after this action (the last one is always drawn).
        var draw: Bool
    }

    /// The keys of the key map the reader is driven with, plus what the search prompt needs.
    static let keys: [Key] = [
        .character("j"), .character("k"), .character(" "), .character("b"), .character("G"),
        .character("g"), .character(")"), .character("("), .character("]"), .character("["),
        .tab, .character("c"), .character("t"), .character("v"), .character("h"), .character("/"),
        .character("n"), .character("N"), .character("q"), .escape, .character("?"),
        .character("d"), .character("u"), .enter, .backspace, .down, .up, .pageDown, .pageUp,
        .backTab, .character("K"), .character("L"), .character("U"), .character("I"),
        .control("c"), .control("u"), .resize, .unknown("kDC5"), .character("V"),
    ]

    /// What a reader might type or paste into the search prompt besides letters: a wide
    /// character, a combining mark, a joiner, an emoji, a half-width kana. Never a C0 or C1
    /// control: the terminal layer turns those into named keys before the reader sees them.
    static let typed: [Character] = Array("abcdefghijklmnopqrstuvwxyz") + ["中", "\u{0301}", "\u{200D}", "😀", "ｱ", "'"]

    /// At most this many actions: enough to reach the sidebar, the prompt and the help overlay,
    /// few enough that a run stays dominated by reading the lesson.
    static let maxActions = 12
    static let maxColumns = 300
    static let maxRows = 100

    init(_ bytes: [UInt8]) {
        var tail = Tail(bytes.suffix(4 + 2 * Self.maxActions))
        columns = 1 + tail.next(modulo: Self.maxColumns, bytes: 2)
        rows = 1 + tail.next(modulo: Self.maxRows)
        let mode = tail.next(modulo: 256)
        preview = mode & 1 == 1 ? ((mode >> 1) % 3, (mode >> 3) % (Self.maxActions + 1)) : nil
        steps = []
        while steps.count < Self.maxActions, let byte = tail.nextByte() {
            let argument = tail.nextByte() ?? 0
            steps.append(Step(action: Self.action(byte, argument: argument), draw: argument & 7 == 0))
        }
    }

    /// Low bytes pick a key from the table; the rest type a letter into whatever has focus
    /// (the search prompt, mostly), resize, or use the mouse.
    private static func action(_ byte: UInt8, argument: UInt8) -> ReaderAction {
        let choice = Int(byte)
        if choice < 160 { return .key(keys[choice % keys.count]) }
        if choice < 208 { return .key(.character(typed[choice % typed.count])) }
        if choice < 224 {
            return .resize(columns: 1 + Int(argument) * 7 % maxColumns, rows: 1 + Int(argument) % maxRows)
        }
        let x = Int(argument) % maxColumns, y = Int(argument) * 3 % maxRows
        switch choice % 3 {
        case 0: return .key(.mouse(MouseEvent(kind: .press, x: x, y: y)))
        case 1: return .key(.mouse(MouseEvent(kind: .wheelUp, x: x, y: y)))
        default: return .key(.mouse(MouseEvent(kind: .wheelDown, x: x, y: y)))
        }
    }
}

/// Reads small numbers off the end of the input, first byte first; an exhausted tail reads as 0.
private struct Tail {
    var bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    mutating func nextByte() -> UInt8? { bytes.popFirst() }

    mutating func next(modulo m: Int, bytes count: Int = 1) -> Int {
        var value = 0
        for _ in 0..<count { value = value << 8 | Int(nextByte() ?? 0) }
        return value % m
    }
}
