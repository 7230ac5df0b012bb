import LessonKit

/// The vocabulary sidebar: every term with its definitions, example and count.
public enum SidebarView {
    struct Entry {
        var term: Int
        var lines: [(text: String, style: Style, indent: Int)]
    }

    /// The lines of one entry at a width.
    static func entry(_ term: Int, in state: ReaderState, width: Int, theme: Theme) -> Entry {
        let item = state.lesson.vocabulary[term]
        let status = state.status(ofTerm: term)
        let marker: String
        switch status {
        case .new: marker = "•"
        case .learning: marker = "~"
        case .known: marker = "✓"
        case .ignored: marker = "-"
        }
        let count = item.occurrences.count
        var lines: [(String, Style, Int)] = []
        let head = "\(marker) \(item.term)  ×\(count)" + (status == .new ? "" : "  \(status.rawValue)")
        for part in LineBreaker.wrapLines(head, width: max(1, width)) { lines.append((part, theme.sidebarTerm, 0)) }
        let inner = max(1, width - 2)
        for part in LineBreaker.wrapLines(item.definition, width: inner) { lines.append((part, theme.text, 2)) }
        if state.chineseOn && !item.chineseDefinition.isEmpty {
            for part in LineBreaker.wrapLines(item.chineseDefinition, width: inner) { lines.append((part, theme.chinese, 2)) }
        }
        if let example = item.example, !example.isEmpty {
            for part in LineBreaker.wrapLines("e.g. " + example, width: inner) { lines.append((part, theme.dim, 2)) }
        }
        return Entry(term: term, lines: lines)
    }

    /// Entries from the effective first one, with their first row inside the pane's body.
    static func visibleEntries(_ state: ReaderState, theme: Theme) -> [(entry: Entry, y: Int)] {
        let pane = state.panes.sidebar
        let body = max(0, pane.height - 1)
        let width = max(1, pane.width - 3)
        let count = state.lesson.vocabulary.count
        guard count > 0, body > 0 else { return [] }
        var first = min(max(0, state.sidebarTop), count - 1)
        // Make sure the selected entry fits: move the first entry down until it does.
        if let selected = state.selectedTerm, selected < count {
            if selected < first { first = selected }
            while first < selected {
                var used = 0
                for t in first...selected { used += entry(t, in: state, width: width, theme: theme).lines.count + 1 }
                if used - 1 <= body { break }
                first += 1
            }
        }
        var result: [(Entry, Int)] = []
        var y = 0
        var t = first
        while t < count && y < body {
            let e = entry(t, in: state, width: width, theme: theme)
            result.append((e, y))
            y += e.lines.count + 1
            t += 1
        }
        return result
    }

    /// The term drawn at a row of the sidebar (0 = its title row), for mouse clicks.
    public static func term(at row: Int, in state: ReaderState) -> Int? {
        let body = row - 1
        guard body >= 0 else { return nil }
        for (entry, y) in visibleEntries(state, theme: Theme()) where body >= y && body < y + entry.lines.count {
            return entry.term
        }
        return nil
    }

    static func draw(_ state: ReaderState, theme: Theme, into screen: inout Screen) {
        let pane = state.panes.sidebar
        guard !pane.isEmpty else { return }
        screen.fill(x: pane.x, y: pane.y, width: pane.width, height: pane.height, style: theme.text)
        // A border on the left; an overlay gets a full frame look by its left rule and title bar.
        for row in 0..<pane.height { screen.put("│", x: pane.x, y: pane.y + row, style: theme.border) }
        let focused = state.focusArea == .sidebar
        let count = state.lesson.vocabulary.count
        // The keys matter more than the count when the pane is narrow.
        let keys = focused ? " · j/k Enter n/N" : " · Tab"
        let candidates = [" Vocabulary · \(count) term\(count == 1 ? "" : "s")" + keys,
                          " Vocabulary · \(count)" + keys, " Vocabulary" + keys, " Vocabulary"]
        let title = candidates.first { DisplayWidth.of($0) <= pane.width - 1 } ?? candidates[candidates.count - 1]
        screen.fill(x: pane.x + 1, y: pane.y, width: pane.width - 1, height: 1, style: focused ? theme.paneTitleFocused : theme.paneTitle)
        screen.put(title, x: pane.x + 1, y: pane.y, style: focused ? theme.paneTitleFocused : theme.paneTitle, limit: pane.x + pane.width)
        if count == 0 {
            screen.put("This lesson has no vocabulary.", x: pane.x + 2, y: pane.y + 2, style: theme.dim, limit: pane.x + pane.width)
            return
        }
        let x = pane.x + 2
        let limit = pane.x + pane.width
        for (entry, top) in visibleEntries(state, theme: theme) {
            let selected = entry.term == state.selectedTerm
            for (i, line) in entry.lines.enumerated() {
                let y = pane.y + 1 + top + i
                guard y < pane.y + pane.height else { break }
                var style = line.style
                if selected && i == 0 {
                    style = theme.sidebarSelected
                    screen.fill(x: x - 1, y: y, width: limit - x + 1, height: 1, style: style)
                }
                screen.put(line.text, x: x + line.indent, y: y, style: style, limit: limit)
            }
        }
    }
}
