#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw
import ReaderCore

/// The reader's terminal: the one owner of ncurses and its global state.
///
/// Start it with `init`, read keys with `nextKey`, show frames with `draw`, and end it with
/// `stop` (also run by `deinit` and, as a last resort, at process exit). It is meant to be
/// used from the main thread only.
///
/// Ways out, and what restores the terminal:
/// - a normal quit or a thrown error: `stop()` (or `deinit`), and an `atexit` hook for `exit()`;
/// - SIGINT, SIGTERM, SIGHUP: `nextKey` returns nil and `pendingTerminationSignal` names the
///   signal; the caller saves and calls `exitAfterSignal`, which restores and exits 128+signal;
/// - ctrl-c: in raw mode it is the key `<C-c>`, never a signal, so the key map decides;
/// - ctrl-z: also a key in raw mode; bind it to `suspend()`. An external SIGTSTP is handled by
///   ncurses itself (it ends the screen, stops, and repaints on SIGCONT);
/// - SIGWINCH: ncurses turns it into `Key.resize`.
public final class CursesTerminal {
    /// How long one blocking read lasts at most, so signals are noticed promptly.
    private static let pollMilliseconds = 100

    private let window: UnsafeMutablePointer<WINDOW>
    private var signals: TerminationSignals
    private var palette: ColorPalette
    private var lastDrawn: Screen?
    private var lastSize: (columns: Int, rows: Int)
    private var stopped = false

    /// SIGINT, SIGTERM or SIGHUP, once `nextKey` has noticed one. The main loop should save
    /// what it must and call `exitAfterSignal`.
    public private(set) var pendingTerminationSignal: Int32?

    /// Whether colours are in use and how many, after NO_COLOR and the terminal had their say.
    public var colorCount: Int {
        switch palette.depth {
        case .none: return 0
        case .eight: return 8
        case .sixteen: return 16
        }
    }

    /// Takes over the terminal.
    /// - Parameter useColor: nil follows the environment (colour unless NO_COLOR is set and
    ///   non-empty); false forces attributes only; true uses colour where the terminal has it.
    public init(useColor: Bool? = nil) throws(CursesTerminalError) {
        try Self.chooseUTF8Locale()
        guard Self.standardInputIsTerminal(), Self.standardOutputIsTerminal() else {
            throw CursesTerminalError(message:
                "standard input and output must be a terminal; use `gloss render` for output to a file or pipe")
        }
        var signals = TerminationSignals()
        signals.install()
        // newterm, unlike initscr, returns nil for an unknown TERM instead of exiting. The FILE
        // handles wrap the standard descriptors and live as long as the process.
        guard let output = fdopen(STDOUT_FILENO, "w"), let input = fdopen(STDIN_FILENO, "r"),
              newterm(nil, output, input) != nil, let window = gloss_stdscr() else {
            signals.uninstall()
            let term = getenv("TERM").map { String(cString: $0) } ?? ""
            let named = term.isEmpty ? "TERM is not set" : "TERM=\(term) is not a terminal type this system knows"
            throw CursesTerminalError(message:
                "cannot start the terminal: \(named). Set TERM to your terminal's type "
                + "(for example `export TERM=xterm-256color`) or install its terminfo entry (package ncurses-term).")
        }
        self.window = window
        self.signals = signals
        // raw, not cbreak: ctrl-c and ctrl-z arrive as keys the key map can bind, and the
        // terminal never kills us behind the reader's back.
        raw()
        noecho()
        nonl()
        keypad(window, true)
        leaveok(window, true)
        _ = curs_set(0)
        _ = gloss_set_escdelay(25)
        _ = mouseinterval(0)
        _ = mousemask(KeyDecoder.mouseMask, nil)
        // ncurses 6 sends what it has after every cursor movement until the screen has been
        // left and entered again once (its "initial" state, meant for programs that use only
        // the low-level calls): the seed lesson's first screen went out in 116 writes. Leaving
        // and entering once now makes every update one write. Before colours start: entering
        // again with colours on would send the terminal the sequence that resets its palette.
        endwin()
        doupdate()
        // Leaving turned the keypad's application mode off, and ncurses would turn it on again
        // at the first read of a key, in a write of its own after the first screen; turned on
        // here, everything the terminal is sent for opening comes before the first screen.
        keypad(window, true)
        palette = Self.startColors(useColor: useColor)
        lastSize = (Int(gloss_cols()), Int(gloss_lines()))
        // A process that calls exit() while the screen is up (an assertion in a dependency, say)
        // still gets its terminal back. endwin is skipped when it already ran.
        atexit {
            if !isendwin() { endwin() }
        }
    }

    deinit {
        stop()
    }

    /// Restores the terminal. Safe to call more than once.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        endwin()
        signals.uninstall()
    }

    /// Restores the terminal, runs `beforeExit` (save progress, print a note) and exits with
    /// 128 + the signal number, as a shell reports a process ended by that signal.
    public func exitAfterSignal(_ signal: Int32, beforeExit: () -> Void = {}) -> Never {
        stop()
        beforeExit()
        exit(128 + signal)
    }

    /// The terminal's size now; after `stop`, the last size seen.
    public var size: (columns: Int, rows: Int) {
        if !stopped { lastSize = (Int(gloss_cols()), Int(gloss_lines())) }
        return lastSize
    }

    // MARK: - Input

    /// The next key, or nil when `timeoutMilliseconds` passes first (nil waits for ever), when a
    /// termination signal arrives (see `pendingTerminationSignal`) or after `stop`.
    public func nextKey(timeoutMilliseconds: Int?) -> Key? {
        let clock = ContinuousClock()
        let deadline = timeoutMilliseconds.map { clock.now.advanced(by: .milliseconds(max(0, $0))) }
        while !stopped {
            if let signal = signals.arrived() {
                pendingTerminationSignal = signal
                return nil
            }
            let slice = Self.waitSlice(left: deadline.map { clock.now.duration(to: $0) })
            wtimeout(window, Int32(slice))
            var value: wint_t = 0
            let status = wget_wch(window, &value)
            if status == gloss_key_code_yes() {
                if let key = decodeKeyCode(Int32(value)) { return key }
            } else if status == gloss_ok() {
                return KeyDecoder.character(UInt32(value))
            } else if let deadline, clock.now >= deadline {
                return nil
            }
        }
        return nil
    }

    /// How long one read may wait, in milliseconds, with `left` to the deadline (nil: none):
    /// at most `pollMilliseconds`, and what is left rounded up, so that the read waits out the
    /// last fraction of a millisecond rather than returning at once (the loop spun on those
    /// reads, beside the thread analysing a long lesson; issue 5). 0 once the deadline is past.
    static func waitSlice(left: Duration?) -> Int {
        guard let left else { return pollMilliseconds }
        let parts = left.components
        guard parts.seconds >= 0, parts.attoseconds >= 0, left > .zero else { return 0 }
        let attosecondsPerMillisecond: Int64 = 1_000_000_000_000_000
        let milliseconds = parts.seconds * 1000 + (parts.attoseconds + attosecondsPerMillisecond - 1) / attosecondsPerMillisecond
        return Int(min(Int64(pollMilliseconds), milliseconds))
    }

    private func decodeKeyCode(_ code: Int32) -> Key? {
        if code == gloss_key_resize() {
            lastDrawn = nil
            return .resize
        }
        if code == gloss_key_mouse() {
            var event = MEVENT()
            guard getmouse(&event) == gloss_ok() else { return nil }
            return KeyDecoder.mouse(event)
        }
        return KeyDecoder.keyCode(code)
    }

    // MARK: - Output

    /// Shows a Screen. Only rows that differ from the last frame are handed to ncurses, which
    /// in turn sends only the characters that changed.
    public func draw(_ screen: Screen) {
        guard !stopped else { return }
        let now = size
        let full = lastDrawn.map { $0.columns != screen.columns || $0.rows != screen.rows } ?? true
        if full { werase(window) }
        let columns = min(now.columns, screen.columns)
        var runs = Runs(capacity: columns)
        for row in 0..<min(now.rows, screen.rows) {
            if !full, let last = lastDrawn, screen.row(row, equals: last) { continue }
            drawRow(row, of: screen, columns: columns, runs: &runs)
        }
        wnoutrefresh(window)
        doupdate()
        lastDrawn = screen
    }

    /// Forgets what is on the terminal so the next `draw` repaints everything (for ctrl-l, or
    /// after something else wrote to the terminal).
    public func redrawEverything() {
        guard !stopped else { return }
        lastDrawn = nil
        clearok(window, true)
    }

    /// Stops the process as ctrl-z does in a cooked terminal, and repaints when it continues.
    public func suspend() {
        guard !stopped else { return }
        switch TerminationSignals.disposition(of: SIGTSTP) {
        case .ignored:
            // No job control (started from a shell without it): stopping would hang for ever.
            return
        case .handled:
            // ncurses' own handler ends the screen, stops, and restores it on SIGCONT.
            raise(SIGTSTP)
        case .standard:
            endwin()
            raise(SIGTSTP)
        }
        redrawEverything()
        wrefresh(window)
    }

    /// The characters of the run being drawn, reused from row to row. A local passed `inout`,
    /// not a stored property: each touch of a class's stored array is checked for exclusive
    /// access at run time (about 12,000 checks, 0.8 million instructions, for the seed's first
    /// screen at 200x60).
    private struct Runs {
        var ascii: [CChar] = []
        var wide: [wchar_t] = []

        init(capacity: Int) {
            ascii.reserveCapacity(capacity)
            wide.reserveCapacity(capacity)
        }
    }

    private func drawRow(_ row: Int, of screen: Screen, columns: Int, runs: inout Runs) {
        var col = 0
        while col < columns {
            let width = screen.width(x: col, y: row)
            if width == 0 {
                col += 1
                continue
            }
            let style = screen.style(x: col, y: row)
            // Most cells are printable ASCII: a run of them in one style goes to ncurses in one
            // call instead of one cchar_t each (the first screen of the seed lesson at 200x60
            // is 12,000 cells).
            if let byte = Self.asciiByte(screen, col, row) {
                let start = col
                runs.ascii.removeAll(keepingCapacity: true)
                runs.ascii.append(CChar(bitPattern: byte))
                col += 1
                while col < columns {
                    guard screen.style(x: col, y: row) == style, let nextByte = Self.asciiByte(screen, col, row) else { break }
                    runs.ascii.append(CChar(bitPattern: nextByte))
                    col += 1
                }
                _ = runs.ascii.withUnsafeBufferPointer { run in
                    gloss_put_ascii_cells(window, Int32(row), Int32(start), run.baseAddress, Int32(run.count),
                                          ColorPalette.attributes(for: style), palette.pair(for: style))
                }
                continue
            }
            // So are runs of Chinese: cells of one non-ASCII character each, as wide as wcwidth
            // says, in one style, go to ncurses in one wide-string call.
            if let code = Self.singleCharacter(screen, col, row), col + width <= columns {
                let start = col
                runs.wide.removeAll(keepingCapacity: true)
                runs.wide.append(code)
                col += width
                while col < columns {
                    let nextWidth = screen.width(x: col, y: row)
                    guard screen.style(x: col, y: row) == style, let nextCode = Self.singleCharacter(screen, col, row),
                          col + nextWidth <= columns else { break }
                    runs.wide.append(nextCode)
                    col += nextWidth
                }
                _ = gloss_set_attributes(window, ColorPalette.attributes(for: style), palette.pair(for: style))
                _ = runs.wide.withUnsafeBufferPointer { run in
                    gloss_put_wide(window, Int32(row), Int32(start), run.baseAddress, Int32(run.count))
                }
                _ = gloss_set_attributes(window, gloss_a_normal(), 0)
                continue
            }
            // A wide grapheme cut by a terminal narrower than the Screen becomes a space.
            let cell = screen[col, row]
            let shown = cell.width < 2 || col + 1 < columns ? cell : Cell(text: " ", width: 1, style: cell.style)
            let glyph = Self.glyph(for: shown)
            let attributes = ColorPalette.attributes(for: shown.style)
            let pair = palette.pair(for: shown.style)
            put(glyph.characters, row: row, col: col, attributes: attributes, pair: pair)
            if glyph.padded { put([0x20, 0], row: row, col: col + 1, attributes: attributes, pair: pair) }
            col += max(1, shown.width)
        }
    }

    /// The byte of a cell that is one printable ASCII character, one column wide.
    private static func asciiByte(_ screen: Screen, _ x: Int, _ y: Int) -> UInt8? {
        guard screen.width(x: x, y: y) == 1, let scalar = screen.scalar(x: x, y: y),
              scalar.value >= 0x20, scalar.value < 0x7F else { return nil }
        return UInt8(scalar.value)
    }

    /// The character of a cell that is one printable non-ASCII character, exactly as wide as
    /// the cell by wcwidth (so ncurses advances as the Screen does).
    private static func singleCharacter(_ screen: Screen, _ x: Int, _ y: Int) -> wchar_t? {
        let width = screen.width(x: x, y: y)
        guard width == 1 || width == 2, let scalar = screen.scalar(x: x, y: y), scalar.value >= 0xA0 else { return nil }
        let code = wchar_t(bitPattern: scalar.value)
        return gloss_wcwidth(code) == Int32(width) ? code : nil
    }

    private func put(_ characters: [wchar_t], row: Int, col: Int, attributes: attr_t, pair: Int16) {
        var characters = characters
        var cell = cchar_t()
        _ = setcchar(&cell, &characters, attributes, pair, nil)
        // At the bottom-right corner this returns ERR (the cursor cannot advance) but the
        // cell is stored and shown, so the result is deliberately ignored.
        _ = mvwadd_wch(window, Int32(row), Int32(col), &cell)
    }

    /// The NUL-terminated wide characters that show a cell, and whether the column after it
    /// needs a space because the glyph is narrower than the cell.
    ///
    /// Normally that is the cell's text: its spacing character and up to four zero-width ones
    /// (what a cchar_t holds). But ncurses measures a cluster by its first character, so a flag
    /// or an emoji ZWJ sequence (two columns on the Screen, one for wcwidth) would shift the
    /// rest of the row; its first double-width part, or a marker and a space, keeps every
    /// column in place.
    private static func glyph(for cell: Cell) -> (characters: [wchar_t], padded: Bool) {
        var scalars = cell.text.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return ([0x20, 0], false) }
        let code = wchar_t(bitPattern: first.value)
        if gloss_wcwidth(code) == Int32(cell.width) {
            var result: [wchar_t] = [code]
            // A second spacing character would move the terminal's cursor past the column
            // ncurses expects, so the glyph ends before one, and before a zero-width joiner,
            // which would only join to it.
            while let next = scalars.next(), result.count < 5, next.value != 0x200D {
                let mark = wchar_t(bitPattern: next.value)
                guard gloss_wcwidth(mark) == 0 else { break }
                result.append(mark)
            }
            return (result + [0], false)
        }
        if cell.width == 2 {
            for scalar in cell.text.unicodeScalars {
                let part = wchar_t(bitPattern: scalar.value)
                if gloss_wcwidth(part) == 2 { return ([part, 0], false) }
            }
        }
        return ([0xFFFD, 0], cell.width == 2)
    }

    // MARK: - Set-up

    /// ncursesw needs a UTF-8 locale to read and write wide characters. The user's own comes
    /// first; C.UTF-8 (built into glibc) is the fallback. Only the character type is set: it is
    /// all that ncurses and `wcwidth` read, and loading every category of the locale (numbers,
    /// dates, collation, messages...) took about 0.3 ms of each start.
    private static func chooseUTF8Locale() throws(CursesTerminalError) {
        if setlocale(LC_CTYPE, "") != nil, localeIsUTF8() { return }
        for name in ["C.UTF-8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil && localeIsUTF8() {
            return
        }
        throw CursesTerminalError(message:
            "no UTF-8 locale is available; set LANG to one (for example `export LANG=C.UTF-8`)")
    }

    private static func localeIsUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased().filter { $0 != "-" && $0 != "_" }
        return name == "UTF8"
    }

    private static func startColors(useColor: Bool?) -> ColorPalette {
        let noColor = getenv("NO_COLOR").map { String(cString: $0) } ?? ""
        guard useColor ?? noColor.isEmpty, has_colors() else {
            return ColorPalette(depth: .none, terminalDefaults: true)
        }
        start_color()
        let defaults = use_default_colors() == gloss_ok()
        let count = gloss_colors()
        let depth: ColorPalette.Depth = count >= 16 ? .sixteen : count >= 8 ? .eight : .none
        return ColorPalette(depth: depth, terminalDefaults: defaults)
    }

    // MARK: - Checks

    public static func standardOutputIsTerminal() -> Bool { isatty(STDOUT_FILENO) == 1 }
    public static func standardInputIsTerminal() -> Bool { isatty(STDIN_FILENO) == 1 }

    /// The size curses will find when it starts, found without starting it: the terminal's
    /// own, unless LINES or COLUMNS say otherwise (as curses lets them). Nil when unknown.
    public static func sizeBeforeStarting() -> (columns: Int, rows: Int)? {
        var rows: Int32 = 0, columns: Int32 = 0
        guard gloss_window_size(STDOUT_FILENO, &rows, &columns) == 1 else { return nil }
        func override(_ name: String, _ value: Int32) -> Int {
            guard let text = getenv(name), let number = Int(String(cString: text)), number > 0 else { return Int(value) }
            return number
        }
        return (override("COLUMNS", columns), override("LINES", rows))
    }
}
