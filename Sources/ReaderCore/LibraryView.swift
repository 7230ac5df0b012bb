import LessonKit

/// Draws the library: a header, one row per lesson, and a status line.
public enum LibraryView {
    public static func draw(_ state: LibraryState, theme: Theme = Theme(), now: Double? = nil) -> Screen {
        var screen = Screen(columns: state.columns, rows: state.rows)
        let columns = state.columns, rows = state.rows
        if columns < PaneLayout.tooSmallBelow.columns || rows < PaneLayout.tooSmallBelow.rows {
            ReaderView.drawTooSmall(columns: columns, rows: rows, theme: theme, into: &screen)
            return screen
        }
        if let broken = state.errorsShown {
            drawErrors(broken, theme: theme, into: &screen)
            return screen
        }
        let list = state.visible
        let header = " gloss · \(state.entries.count) lesson\(state.entries.count == 1 ? "" : "s") in \(state.folder)"
        screen.fill(x: 0, y: 0, width: columns, height: 1, style: theme.paneTitle)
        screen.put(header, x: 0, y: 0, style: theme.paneTitle)

        // Columns that do not fit are dropped from the right, the title keeps the rest.
        let numbers: [(String, Int)] = [("Words", 6), ("Vocab", 5), ("Read", 5), ("Known", 6), ("Opened", 10)]
        var shown: [(String, Int)] = []
        var used = 0
        for column in numbers where columns - used - column.1 - 1 >= 24 {
            shown.append(column)
            used += column.1 + 1
        }
        let titleWidth = columns - used - 3
        var x = 2 + titleWidth
        screen.put("Title", x: 2, y: 1, style: theme.dim)
        for (name, width) in shown {
            screen.put(pad(name, width), x: x + 1, y: 1, style: theme.dim)
            x += width + 1
        }
        if list.isEmpty {
            let text = state.entries.isEmpty
                ? "No lessons here. Put .txt lessons in \(state.folder) (see docs/lesson-format.md)."
                : "No lesson matches “\(state.filter)”."
            screen.put(text, x: 2, y: 3, style: theme.dim, limit: columns - 1)
        }
        for (row, entry) in list.enumerated().dropFirst(state.top).prefix(state.listHeight) {
            let y = 2 + row - state.top
            let selected = row == state.selected
            let style = selected ? theme.sidebarSelected : (entry.firstError != nil ? theme.dim : theme.text)
            if selected { screen.fill(x: 0, y: y, width: columns, height: 1, style: style) }
            var title = entry.title
            if let error = entry.firstError { title += "  ⚠ " + error }
            screen.put(selected ? "▸" : " ", x: 0, y: y, style: style)
            screen.put(title, x: 2, y: y, style: style, limit: 2 + titleWidth)
            var cx = 2 + titleWidth
            for (name, width) in shown {
                let value: String
                switch name {
                case "Words": value = entry.firstError == nil ? "\(entry.wordCount)" : "–"
                case "Vocab": value = entry.firstError == nil ? "\(entry.vocabularyCount)" : "–"
                case "Read": value = "\(entry.percentRead)%"
                case "Known": value = "\(state.knownCount(entry))/\(entry.vocabularyCount)"
                default: value = entry.lastOpened.map { age($0, now: now) } ?? "never"
                }
                screen.put(pad(value, width), x: cx + 1, y: y, style: style)
                cx += width + 1
            }
        }
        let y = rows - 1
        screen.fill(x: 0, y: y, width: columns, height: 1, style: theme.statusBar)
        if state.filtering {
            let end = screen.put("/" + Sanitizer.displaySafe(state.filter), x: 0, y: y, style: theme.statusBar)
            screen.put("▏", x: end, y: y, style: theme.statusHint)
        } else if let message = state.message ?? state.notice {
            screen.put(" " + Sanitizer.displaySafe(message), x: 0, y: y, style: theme.message)
        } else {
            let hint = state.filter.isEmpty ? " Enter open · / filter · j/k move · q quit" : " filter “\(Sanitizer.displaySafe(state.filter))” · Esc clears · Enter open · q quit"
            screen.put(hint, x: 0, y: y, style: theme.statusBar)
        }
        return screen
    }

    static func drawErrors(_ entry: LibraryEntry, theme: Theme, into screen: inout Screen) {
        screen.fill(x: 0, y: 0, width: screen.columns, height: 1, style: theme.message)
        screen.put(" \(entry.fileName) cannot be opened: fix these and try again", x: 0, y: 0, style: theme.message)
        var y = 2
        for d in entry.diagnostics where y < screen.rows - 2 {
            for line in LineBreaker.wrapLines("\(entry.fileName):\(d.line):\(d.column): \(d.severity.rawValue): \(d.message)",
                                              width: max(1, screen.columns - 4)) where y < screen.rows - 2 {
                screen.put(line, x: 2, y: y, style: d.severity == .error ? theme.text : theme.dim)
                y += 1
            }
        }
        screen.fill(x: 0, y: screen.rows - 1, width: screen.columns, height: 1, style: theme.statusBar)
        screen.put(" any key goes back to the library", x: 0, y: screen.rows - 1, style: theme.statusBar)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        let w = DisplayWidth.of(text)
        return w >= width ? text : String(repeating: " ", count: width - w) + text
    }

    /// "today", "yesterday", "5 days ago" — relative to `now` (seconds since 1970).
    static func age(_ time: Double, now: Double?) -> String {
        guard let now else { return "opened" }
        let days = Int((now - time) / 86_400)
        switch days {
        case ..<1: return "today"
        case 1: return "yesterday"
        case 2..<60: return "\(days) days ago"
        default: return "\(days / 30) months ago"
        }
    }
}
