import LessonKit

/// The translation pane: the focused sentence's note, then the vocabulary inside the sentence.
enum TranslationView {
    typealias Line = (text: String, style: Style)

    static func lines(_ state: ReaderState, width: Int, theme: Theme) -> [Line] {
        let (note, vocabulary) = parts(state, width: width, theme: theme)
        return note + vocabulary
    }

    /// The note (or the line saying there is none), and the vocabulary of the sentence with the
    /// blank line before it.
    static func parts(_ state: ReaderState, width: Int, theme: Theme) -> (note: [Line], vocabulary: [Line]) {
        var out: [Line] = []
        func add(_ text: String, _ style: Style, indent: String = "") {
            for part in LineBreaker.wrapLines(text, width: max(1, width - indent.count)) { out.append((indent + part, style)) }
        }
        guard let focus = state.focus else {
            add("This lesson has no sentences to explain.", theme.dim)
            return (out, [])
        }
        if let n = state.index.noteAt[focus] {
            let note = state.lesson.sentenceNotes[n]
            add(note.analysis, theme.text)
            if state.chineseOn && !note.chineseAnalysis.isEmpty { add(note.chineseAnalysis, theme.chinese) }
        } else {
            add("No note for this sentence.", theme.dim)
        }
        let note = out
        out = []
        let terms = state.termsInFocusedSentence()
        if !terms.isEmpty {
            out.append(("", theme.text))
            for t in terms {
                let entry = state.lesson.vocabulary[t]
                let gloss = state.chineseOn && !entry.chineseDefinition.isEmpty ? entry.chineseDefinition : entry.definition
                add("\(entry.term) — \(gloss)", state.chineseOn ? theme.chinese : theme.text, indent: "")
            }
        }
        return (note, out)
    }

    /// The lines that fit in `available` rows. A long note gives way to the vocabulary, which is
    /// short and is what a reader looks up most; whatever is cut ends its last line with "…".
    static func fitted(note: [Line], vocabulary: [Line], available: Int, width: Int) -> [Line] {
        guard available > 0 else { return [] }
        if note.count + vocabulary.count <= available { return note + vocabulary }
        let vocabularyRows = min(vocabulary.count, max(0, available - 1))
        var shownNote = Array(note.prefix(available - vocabularyRows))
        if shownNote.count < note.count, let last = shownNote.indices.last {
            shownNote[last].text = DisplayWidth.ellipsized(shownNote[last].text, width: width)
        }
        var shown = shownNote + vocabulary.prefix(vocabularyRows)
        if vocabularyRows < vocabulary.count, let last = shown.indices.last {
            shown[last].text = DisplayWidth.ellipsized(shown[last].text, width: width)
        }
        return shown
    }

    static func draw(_ state: ReaderState, theme: Theme, into screen: inout Screen) {
        let pane = state.panes.translation
        guard !pane.isEmpty else { return }
        screen.fill(x: pane.x, y: pane.y, width: pane.width, height: pane.height, style: theme.text)
        let atRight = pane.y == 0 && pane.height == state.panes.article.height
        var x = pane.x + 1
        var y = pane.y
        if atRight {
            for row in 0..<pane.height { screen.put("│", x: pane.x, y: pane.y + row, style: theme.border) }
            x = pane.x + 2
        }
        // Title row: which sentence and whether it has a note.
        var title = " Translation"
        if let focus = state.focus, let ordinal = state.index.ordinal(of: focus) {
            title += " · sentence \(ordinal + 1) of \(state.index.sentences.count)"
            title += state.index.noteAt[focus] != nil ? " · note" : ""
        }
        title += state.chineseOn ? " · 中文" : ""
        let titleX = atRight ? pane.x + 1 : pane.x
        screen.fill(x: titleX, y: y, width: pane.x + pane.width - titleX, height: 1, style: theme.paneTitle)
        if !atRight {
            screen.put(String(repeating: "─", count: pane.width), x: pane.x, y: y, style: theme.border)
        }
        screen.put(title + " ", x: titleX + (atRight ? 0 : 1), y: y, style: theme.paneTitle, limit: pane.x + pane.width)
        y += 1
        let width = pane.x + pane.width - x - 1
        let (note, vocabulary) = parts(state, width: max(1, width), theme: theme)
        let body = fitted(note: note, vocabulary: vocabulary, available: pane.y + pane.height - y, width: max(1, width))
        for (i, line) in body.enumerated() {
            screen.put(line.text, x: x, y: y + i, style: line.style, limit: pane.x + pane.width)
        }
    }
}
