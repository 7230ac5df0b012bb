import LessonKit

/// The vocabulary sidebar: every term with its definitions, example and count.
public enum SidebarView {
    struct Entry {
        var term: Int
        var lines: [(text: String, style: Style, indent: Int)]
        /// The entry in one row, for a crowded sidebar beside the text: the marked term, and the
        /// Chinese definition when Chinese is on (otherwise the English one).
        var brief: (head: String, gloss: String, glossStyle: Style)
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
        // A preview has not counted every occurrence yet.
        let counted = state.isPreview ? "" : "  ×\(count)"
        let head = "\(marker) \(item.term)\(counted)" + (status == .new ? "" : "  \(status.rawValue)")
        for part in LineBreaker.wrapLines(head, width: max(1, width)) { lines.append((part, theme.sidebarTerm, 0)) }
        let inner = max(1, width - 2)
        for part in LineBreaker.wrapLines(item.definition, width: inner) { lines.append((part, theme.text, 2)) }
        if state.chineseOn && !item.chineseDefinition.isEmpty {
            for part in LineBreaker.wrapLines(item.chineseDefinition, width: inner) { lines.append((part, theme.chinese, 2)) }
        }
        if let example = item.example, !example.isEmpty {
            for part in LineBreaker.wrapLines("e.g. " + example, width: inner) { lines.append((part, theme.dim, 2)) }
        }
        let chinese = state.chineseOn && !item.chineseDefinition.isEmpty
        let brief = ("\(marker) \(item.term)", chinese ? item.chineseDefinition : item.definition, chinese ? theme.chinese : theme.text)
        return Entry(term: term, lines: lines, brief: brief)
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

    /// A term beside the text: its entry, the body row it starts on and how many of its lines fit.
    struct Placed {
        var entry: Entry
        var y: Int
        var shown: Int
    }

    /// The terms that stand on the screen, in reading order, each beside the row of its first
    /// occurrence there, or on the first free row below when rows are crowded. An entry shows as
    /// many of its lines as fit before the next one starts; an entry given one row shows its term
    /// and gloss on it. Ignored terms are left out, as the article leaves them unmarked.
    ///
    /// So the sidebar scrolls with the text: after `j` every entry is one row higher, and the
    /// terminal can move whole rows instead of the sidebar being written again.
    static func entriesBesideLines(_ state: ReaderState, theme: Theme) -> [Placed] {
        let pane = state.panes.sidebar
        let article = state.panes.article
        let body = max(0, pane.height - 1)
        let width = max(1, pane.width - 3)
        guard body > 0, !article.isEmpty else { return [] }
        let layout = state.layout
        var anchors: [(term: Int, y: Int)] = []
        var seen = Set<Int>()
        for (r, row) in layout.rows(from: state.top, count: article.height).enumerated() {
            guard let (s, p) = layout.paragraph(at: row.block) else { continue }
            let line = layout.lines(of: row.block)[row.line]
            let marks = state.index.marks[s][p]
            var i = firstIndex(in: marks, startingAtOrAfter: line.start)
            while i < marks.count, marks[i].start < line.end {
                let term = marks[i].term
                i += 1
                guard state.status(ofTerm: term) != .ignored, seen.insert(term).inserted else { continue }
                anchors.append((term, article.y + r - (pane.y + 1)))
            }
        }
        var starts: [Int] = []
        var next = 0
        for anchor in anchors {
            let start = max(anchor.y, next)
            if start >= body { break }
            starts.append(start)
            next = start + 1
        }
        return starts.indices.map { i in
            let end = i + 1 < starts.count ? starts[i + 1] : body
            let entry = self.entry(anchors[i].term, in: state, width: width, theme: theme)
            return Placed(entry: entry, y: starts[i], shown: min(entry.lines.count, end - starts[i]))
        }
    }

    /// Index of the first mark that starts at or after an offset (marks are sorted by start).
    private static func firstIndex(in marks: [LessonIndex.Mark], startingAtOrAfter offset: Int) -> Int {
        var lo = 0, hi = marks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if marks[mid].start < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The term drawn at a row of the sidebar (0 = its title row), for mouse clicks.
    public static func term(at row: Int, in state: ReaderState) -> Int? {
        let body = row - 1
        guard body >= 0 else { return nil }
        if state.sidebarFollowsLines {
            return entriesBesideLines(state, theme: Theme()).first { body >= $0.y && body < $0.y + $0.shown }?.entry.term
        }
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
        if state.sidebarFollowsLines {
            drawBesideLines(state, theme: theme, x: x, limit: limit, into: &screen)
            return
        }
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

    private static func drawBesideLines(_ state: ReaderState, theme: Theme, x: Int, limit: Int, into screen: inout Screen) {
        let pane = state.panes.sidebar
        let placed = entriesBesideLines(state, theme: theme)
        if placed.isEmpty {
            screen.put("No vocabulary on this screen.", x: x, y: pane.y + 1, style: theme.dim, limit: limit)
            return
        }
        for item in placed {
            let y = pane.y + 1 + item.y
            let selected = item.entry.term == state.selectedTerm
            if selected { screen.fill(x: x - 1, y: y, width: limit - x + 1, height: 1, style: theme.sidebarSelected) }
            if item.shown == 1 && item.entry.lines.count > 1 {
                // One row: the term and its gloss, as much of it as fits.
                let end = screen.put(item.entry.brief.head, x: x, y: y, style: selected ? theme.sidebarSelected : theme.sidebarTerm, limit: limit)
                let gloss = DisplayWidth.shortened(item.entry.brief.gloss, to: max(0, limit - end - 2))
                screen.put(gloss, x: end + 2, y: y, style: selected ? theme.sidebarSelected : item.entry.brief.glossStyle, limit: limit)
                continue
            }
            for (i, line) in item.entry.lines.prefix(item.shown).enumerated() {
                let cut = i == item.shown - 1 && item.shown < item.entry.lines.count
                let text = cut ? DisplayWidth.ellipsized(line.text, width: limit - x - line.indent) : line.text
                screen.put(text, x: x + line.indent, y: y + i, style: selected && i == 0 ? theme.sidebarSelected : line.style, limit: limit)
            }
        }
    }
}
