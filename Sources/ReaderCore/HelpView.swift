/// The help overlay, printed from the key map itself so it can never disagree with the keys.
enum HelpView {
    static func draw(_ state: ReaderState, theme: Theme, into screen: inout Screen) {
        let columns = screen.columns, rows = screen.rows
        let width = min(columns - 2, 72)
        let height = rows - 2
        guard width >= 10, height >= 3 else { return }
        let x0 = (columns - width) / 2
        let y0 = 1
        screen.fill(x: x0, y: y0, width: width, height: height, style: theme.overlay)
        screen.put(" gloss — keys ", x: x0 + 2, y: y0, style: theme.overlayKey, limit: x0 + width)
        let lines = state.keyMap.helpLines()
        let body = height - 2
        let first = min(state.helpTop, max(0, lines.count - body))
        let keyWidth = min(22, width / 3)
        for (i, line) in lines.dropFirst(first).prefix(body).enumerated() {
            let y = y0 + 1 + i
            if line.keys.isEmpty {
                screen.put(line.summary, x: x0 + 2, y: y, style: theme.overlayKey, limit: x0 + width - 1)
            } else {
                screen.put(line.keys, x: x0 + 4, y: y, style: theme.overlayKey, limit: x0 + 4 + keyWidth)
                screen.put(line.summary, x: x0 + 5 + keyWidth, y: y, style: theme.overlay, limit: x0 + width - 1)
            }
        }
        let footer = lines.count > body ? " q or Esc closes · j/k scroll " : " q or Esc closes "
        screen.put(footer, x: x0 + 2, y: y0 + height - 1, style: theme.overlayKey, limit: x0 + width)
    }
}
