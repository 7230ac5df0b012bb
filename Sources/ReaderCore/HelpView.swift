import LessonKit

/// The help overlay, printed from the key map itself so it can never disagree with the keys.
enum HelpView {
    /// The overlay's box for a terminal size, or nil when there is no room for it.
    static func box(columns: Int, rows: Int) -> Rect? {
        let width = min(columns - 2, 72)
        // Every row, the status bar's too: at 40 rows the whole key map fits without scrolling.
        let height = rows
        guard width >= 10, height >= 3 else { return nil }
        return Rect(x: (columns - width) / 2, y: 0, width: width, height: height)
    }

    static func keyWidth(_ box: Rect) -> Int { min(22, box.width / 3) }

    static let closeKeys = " q or Esc closes "
    static let scrollKeys = " q or Esc closes · j/k scroll "
    static let mouseHint = "· mouse: wheel scrolls, click selects "

    /// Whether what the mouse does fits in the bottom rule, which leaves one more row for keys;
    /// otherwise it is the last line of the help.
    static func mouseInFooter(_ box: Rect) -> Bool { DisplayWidth.of(scrollKeys + mouseHint) <= box.width - 4 }

    /// The overlay's rows: help lines wrapped to the box, so that a long line is never cut.
    static func rows(_ state: ReaderState, box: Rect) -> [(keys: String, text: String, heading: Bool)] {
        let headingWidth = max(1, box.width - 4)
        let summaryWidth = max(1, box.width - 6 - keyWidth(box))
        var result: [(String, String, Bool)] = []
        for line in state.keyMap.helpLines() {
            if line.keys.isEmpty {
                for part in LineBreaker.wrapLines(line.summary, width: headingWidth) { result.append(("", part, true)) }
            } else {
                for (i, part) in LineBreaker.wrapLines(line.summary, width: summaryWidth).enumerated() {
                    result.append((i == 0 ? line.keys : "", part, false))
                }
            }
        }
        if !mouseInFooter(box) {
            for part in LineBreaker.wrapLines("Mouse: wheel scrolls; click a sentence or a term to select it", width: headingWidth) {
                result.append(("", part, true))
            }
        }
        return result
    }

    /// How far the help can scroll: its last row at the bottom of the box.
    static func maxTop(_ state: ReaderState) -> Int {
        guard let box = box(columns: state.columns, rows: state.rows) else { return 0 }
        return max(0, rows(state, box: box).count - (box.height - 2))
    }

    static func draw(_ state: ReaderState, theme: Theme, into screen: inout Screen) {
        guard let box = box(columns: screen.columns, rows: screen.rows) else { return }
        let x0 = box.x, y0 = box.y, width = box.width, height = box.height
        screen.fill(x: x0, y: y0, width: width, height: height, style: theme.overlay)
        // A frame, so the overlay stands apart from the text under it without colour too.
        let rule = String(repeating: "─", count: width - 2)
        screen.put("┌" + rule + "┐", x: x0, y: y0, style: theme.overlay)
        screen.put("└" + rule + "┘", x: x0, y: y0 + height - 1, style: theme.overlay)
        for y in (y0 + 1)..<(y0 + height - 1) {
            screen.put("│", x: x0, y: y, style: theme.overlay)
            screen.put("│", x: x0 + width - 1, y: y, style: theme.overlay)
        }
        screen.put(" gloss — keys ", x: x0 + 2, y: y0, style: theme.overlayKey, limit: x0 + width - 1)
        let lines = rows(state, box: box)
        let body = height - 2
        let first = min(max(0, state.helpTop), max(0, lines.count - body))
        let keyWidth = keyWidth(box)
        for (i, line) in lines.dropFirst(first).prefix(body).enumerated() {
            let y = y0 + 1 + i
            if line.heading {
                screen.put(line.text, x: x0 + 2, y: y, style: theme.overlayKey, limit: x0 + width - 1)
            } else {
                screen.put(line.keys, x: x0 + 4, y: y, style: theme.overlayKey, limit: x0 + 4 + keyWidth)
                screen.put(line.text, x: x0 + 5 + keyWidth, y: y, style: theme.overlay, limit: x0 + width - 1)
            }
        }
        let keys = lines.count > body ? scrollKeys : closeKeys
        let footer = mouseInFooter(box) ? keys + mouseHint : keys
        screen.put(footer, x: x0 + 2, y: y0 + height - 1, style: theme.overlayKey, limit: x0 + width - 1)
    }
}
