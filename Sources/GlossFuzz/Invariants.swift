import LessonKit
import ReaderCore

/// What must hold for any input, however broken. Each check returns descriptions of what was
/// wrong, each starting with the invariant's name and a colon ("screen.wide-cut: ..."), so the
/// replayer can print them, the fuzzer build can stop on them, and a run can tolerate a named
/// invariant whose bug is known and reported (see `FuzzEntry`).
enum Invariants {
    /// A lesson's own offsets agree with its text.
    static func check(_ lesson: Lesson) -> [String] {
        var problems: [String] = []
        for (s, section) in lesson.sections.enumerated() {
            for (p, paragraph) in section.paragraphs.enumerated() {
                let count = paragraph.text.unicodeScalars.count
                var previousEnd = 0
                for (i, range) in paragraph.sentences.enumerated() {
                    if range.lowerBound < previousEnd || range.upperBound > count || range.isEmpty {
                        problems.append("lesson.sentence: sentence \(i) of paragraph \(s).\(p) is \(range), after \(previousEnd), in \(count) scalars")
                    }
                    previousEnd = range.upperBound
                }
            }
        }
        // Scalars of each paragraph once: `scalarSlice` walks from the start of the text, and a
        // paragraph with tens of thousands of occurrences made this check itself quadratic.
        let scalars = lesson.sections.map { $0.paragraphs.map { Array($0.text.unicodeScalars) } }
        for (t, entry) in lesson.vocabulary.enumerated() {
            for occurrence in entry.occurrences {
                guard scalars.indices.contains(occurrence.section),
                      scalars[occurrence.section].indices.contains(occurrence.paragraph) else {
                    problems.append("lesson.occurrence: occurrence of term \(t) in a paragraph that does not exist: \(occurrence)")
                    continue
                }
                let text = scalars[occurrence.section][occurrence.paragraph]
                if occurrence.start < 0 || occurrence.start >= occurrence.end || occurrence.end > text.count {
                    problems.append("lesson.occurrence: occurrence of term \(t) spans \(occurrence.start)..<\(occurrence.end) of \(text.count) scalars")
                    continue
                }
                let slice = String(String.UnicodeScalarView(text[occurrence.start..<occurrence.end]))
                if slice != occurrence.text {
                    problems.append("lesson.occurrence: occurrence of term \(t) reads \(debug(occurrence.text)) but the text there is \(debug(slice))")
                }
            }
        }
        for note in lesson.sentenceNotes {
            guard let at = note.location else { continue }
            let sentences = lesson.sections.indices.contains(at.section)
                && lesson.sections[at.section].paragraphs.indices.contains(at.paragraph)
                ? lesson.sections[at.section].paragraphs[at.paragraph].sentences.count : -1
            if at.sentence < 0 || at.sentence >= sentences {
                problems.append("lesson.note: note at line \(note.line) located at \(at), which is no sentence")
            }
        }
        for text in [lesson.title] + lesson.sections.map(\.heading) + lesson.sections.flatMap({ $0.paragraphs.map(\.text) }) {
            if let bad = text.unicodeScalars.first(where: isUnsafeForTerminal) {
                problems.append("lesson.unsafe-text: lesson text holds U+\(hex(bad.value)), which a terminal would act on")
                break
            }
        }
        return problems
    }

    /// The wrapped lines of a text: in order, inside the text, no wider than the width (but for
    /// one double-width cluster alone on a line of width 1), with only spaces between them, and
    /// each as wide as it says.
    static func check(wrapping text: String, width: Int, lines: [WrappedLine]) -> [String] {
        let scalars = Array(text.unicodeScalars)
        let limit = max(1, width)
        var problems: [String] = []
        if lines.isEmpty { return ["wrap.no-lines: no lines for \(debug(text)) at width \(width)"] }
        var previousEnd = 0
        for (i, line) in lines.enumerated() {
            guard line.start >= previousEnd, line.start <= line.end, line.end <= scalars.count else {
                return ["wrap.order: line \(i) is \(line.start)..<\(line.end) after \(previousEnd) in \(scalars.count) scalars at width \(width)"]
            }
            let gap = scalars[previousEnd..<line.start]
            if let dropped = gap.first(where: { $0 != " " && $0 != "\n" && $0 != "\r" }) {
                problems.append("wrap.dropped: line \(i) drops U+\(hex(dropped.value)) before it at width \(width)")
            }
            let slice = String(String.UnicodeScalarView(scalars[line.start..<line.end]))
            let measured = DisplayWidth.of(slice)
            if measured != line.width {
                problems.append("wrap.width-mismatch: line \(i) \(debug(slice)) says width \(line.width) but measures \(measured)")
            }
            if measured > limit && !(limit == 1 && slice.count == 1 && measured == 2) {
                problems.append("wrap.too-wide: line \(i) \(debug(slice)) is \(measured) columns wide at width \(width)")
            }
            previousEnd = line.end
        }
        if let dropped = scalars[previousEnd...].first(where: { $0 != " " && $0 != "\n" && $0 != "\r" }) {
            problems.append("wrap.dropped: text after the last line is lost (U+\(hex(dropped.value))) at width \(width)")
        }
        return problems
    }

    /// The reader's own positions point into its lesson and layout.
    static func check(_ state: ReaderState) -> [String] {
        var problems: [String] = []
        let layout = state.layout
        if !layout.blocks.indices.contains(state.top.block) {
            problems.append("state.top: top \(state.top) outside \(layout.blocks.count) blocks")
        } else if !(0..<layout.lineCount(of: state.top.block)).contains(state.top.line) {
            problems.append("state.top: top \(state.top) outside its block's \(layout.lineCount(of: state.top.block)) lines")
        }
        if let focus = state.focus, !state.index.sentences.contains(focus) {
            problems.append("state.focus: focus \(focus) is not a sentence of the lesson")
        }
        if let term = state.selectedTerm, !state.lesson.vocabulary.indices.contains(term) {
            problems.append("state.term: selected term \(term) of \(state.lesson.vocabulary.count)")
        }
        return problems
    }

    /// A drawn screen is a grid of safe cells: nothing a terminal acts on, every wide cell
    /// followed by its continuation inside the row, every cell as wide as its text.
    static func check(_ screen: Screen, columns: Int, rows: Int) -> [String] {
        guard screen.columns == max(0, columns), screen.rows == max(0, rows),
              screen.cells.count == screen.columns * screen.rows else {
            return ["screen.size: screen is \(screen.columns)x\(screen.rows) with \(screen.cells.count) cells for \(columns)x\(rows)"]
        }
        // The first problem of each kind, so that one known kind does not hide another.
        var problems: [String] = []
        var kinds: Set<Substring> = []
        func report(_ problem: String) {
            if kinds.insert(FuzzCase.invariant(of: problem)).inserted { problems.append(problem) }
        }
        let cells = screen.cells
        let columns = screen.columns
        for (i, cell) in cells.enumerated() {
            let x = i % columns, y = i / columns
            // Most cells are blanks or printable ASCII, which need no further look.
            if cell.width == 1, cell.text.utf8.count == 1, let byte = cell.text.utf8.first, byte >= 0x20, byte < 0x7F {
                continue
            }
            if let bad = cell.text.unicodeScalars.first(where: isUnsafeForTerminal) {
                report("screen.unsafe: cell (\(x), \(y)) holds U+\(hex(bad.value))")
                continue
            }
            switch cell.width {
            case 0:
                if x == 0 || cells[i - 1].width != 2 {
                    report("screen.orphan-continuation: cell (\(x), \(y)) is a continuation without a wide cell before it")
                }
            case 1, 2:
                if cell.width == 2 && (x + 1 >= columns || cells[i + 1].width != 0) {
                    report("screen.wide-cut: wide cell (\(x), \(y)) \(debug(cell.text)) has no continuation after it")
                }
                let measured = DisplayWidth.of(cell.text)
                if measured != cell.width {
                    report("screen.cell-width: cell (\(x), \(y)) \(debug(cell.text)) is \(cell.width) wide but measures \(measured)")
                }
            default:
                report("screen.cell-width: cell (\(x), \(y)) has width \(cell.width)")
            }
        }
        return problems
    }

    /// C0 and C1 controls (ESC among them), DEL, and the bidi controls the sanitizer replaces.
    static func isUnsafeForTerminal(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    static func hex(_ value: UInt32) -> String { String(value, radix: 16, uppercase: true) }

    static func debug(_ text: String) -> String {
        let shown = text.unicodeScalars.count > 60 ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(60))) + "…" : text
        return shown.debugDescription
    }
}
