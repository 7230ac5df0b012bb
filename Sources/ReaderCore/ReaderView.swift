import LessonKit

/// Draws the whole reader into a Screen: the one function the terminal and `gloss render` share.
public enum ReaderView {
    public static func draw(_ state: ReaderState, theme: Theme = Theme()) -> Screen {
        var screen = Screen(columns: state.columns, rows: state.rows)
        let panes = state.panes
        switch panes.mode {
        case .tooSmall:
            drawTooSmall(columns: state.columns, rows: state.rows, theme: theme, into: &screen)
            return screen
        case .compact:
            ArticleView.draw(state, theme: theme, into: &screen)
            StatusView.draw(state, theme: theme, into: &screen)
        case .full:
            ArticleView.draw(state, theme: theme, into: &screen)
            TranslationView.draw(state, theme: theme, into: &screen)
            if state.sidebarVisible { SidebarView.draw(state, theme: theme, into: &screen) }
            StatusView.draw(state, theme: theme, into: &screen)
        }
        if state.overlay == .help { HelpView.draw(state, theme: theme, into: &screen) }
        return screen
    }

    static func drawTooSmall(columns: Int, rows: Int, theme: Theme, into screen: inout Screen) {
        guard columns > 0, rows > 0 else { return }
        let words = ["Enlarge", "the", "terminal", "(20x5)"]
        // As many words as fit, one line each when space is short.
        var lines: [String] = []
        var current = ""
        for word in words {
            if current.isEmpty { current = word }
            else if current.count + 1 + word.count <= columns { current += " " + word }
            else { lines.append(current); current = word }
        }
        lines.append(current)
        let top = max(0, (rows - lines.count) / 2)
        for (i, line) in lines.prefix(rows).enumerated() {
            let x = max(0, (columns - line.count) / 2)
            screen.put(line, x: x, y: top + i, style: theme.message)
        }
    }
}
