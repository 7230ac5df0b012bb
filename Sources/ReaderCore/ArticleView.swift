import LessonKit

/// Draws the article pane: the visible rows of the layout, with vocabulary, search matches and
/// the focused sentence marked.
enum ArticleView {
    static func draw(_ state: ReaderState, theme: Theme, into screen: inout Screen) {
        let pane = state.panes.article
        guard !pane.isEmpty else { return }
        screen.fill(x: pane.x, y: pane.y, width: pane.width, height: pane.height, style: theme.text)
        let layout = state.layout
        let rows = layout.rows(from: state.top, count: pane.height)
        let x = state.panes.articleTextX
        let limit = min(pane.x + pane.width, x + layout.width)
        let pattern = state.search.prompt ?? state.search.pattern
        let needle = state.search.isPrompting || state.search.current != nil ? TextSearch.fold(pattern) : []

        var y = pane.y
        var cachedMatches: (block: Int, ranges: [Range<Int>])?
        for row in rows {
            defer { y += 1 }
            let block = layout.blocks[row.block]
            let line = layout.lines(of: row.block)[row.line]
            switch block.kind {
            case .spacer:
                continue
            case .title:
                screen.put(layout.text(of: row.block)[line.startIndex..<line.endIndex], x: x, y: y, style: theme.title, limit: limit)
            case .heading:
                screen.put(layout.text(of: row.block)[line.startIndex..<line.endIndex], x: x, y: y, style: theme.heading, limit: limit)
            case .paragraph(let s, let p):
                if !needle.isEmpty, cachedMatches?.block != row.block {
                    cachedMatches = (row.block, TextSearch.matches(of: needle, in: state.lesson.sections[s].paragraphs[p].text))
                }
                drawParagraphLine(state, theme: theme, section: s, paragraph: p, line: line,
                                  matches: needle.isEmpty ? [] : cachedMatches?.ranges ?? [],
                                  x: x, y: y, limit: limit, into: &screen)
            }
        }
        if y < pane.y + pane.height, let last = rows.last, last == layout.lastRow {
            let end = "── end of lesson ──"
            screen.put(end, x: x, y: y, style: theme.dim, limit: limit)
        }
    }

    private static func drawParagraphLine(_ state: ReaderState, theme: Theme, section s: Int, paragraph p: Int,
                                          line: LaidOutLine, matches: [Range<Int>], x: Int, y: Int, limit: Int,
                                          into screen: inout Screen) {
        let paragraph = state.lesson.sections[s].paragraphs[p]
        var focusRange: Range<Int>?
        if let focus = state.focus, focus.section == s, focus.paragraph == p, paragraph.sentences.indices.contains(focus.sentence) {
            focusRange = paragraph.sentences[focus.sentence]
        }
        let marks = state.index.marks[s][p]
        var markIndex = firstIndex(in: marks, endingAfter: line.start)
        var matchIndex = matches.firstIndex { $0.upperBound > line.start } ?? matches.count
        let currentMatch = state.search.current
        var offset = line.start
        var column = x
        // Characters go to the screen in runs of one style: one `put` a character took a third
        // of the time to draw the first screen.
        let slice = paragraph.text[line.startIndex..<line.endIndex]
        var runStart = slice.startIndex
        var runStyle: Style?
        var position = slice.startIndex
        func flush(upTo end: String.Index) {
            if let runStyle, runStart < end {
                column = screen.put(slice[runStart..<end], x: column, y: y, style: runStyle, limit: limit)
            }
        }
        /// The style of the character at scalar offset `offset` (offsets only grow).
        func style(at offset: Int) -> Style {
            var style = theme.text
            if let focusRange, focusRange.contains(offset) {
                style = theme.focusedSentence
            }
            while markIndex < marks.count && marks[markIndex].end <= offset { markIndex += 1 }
            if markIndex < marks.count, marks[markIndex].start <= offset {
                let mark = marks[markIndex]
                let status = state.status(ofTerm: mark.term)
                var markStyle: Style?
                if mark.term == state.selectedTerm {
                    markStyle = theme.vocabularySelected
                } else {
                    switch status {
                    case .new: markStyle = theme.vocabulary
                    case .learning: markStyle = theme.vocabularyLearning
                    case .known: markStyle = theme.vocabularyKnown
                    case .ignored: markStyle = nil
                    }
                }
                if var markStyle {
                    if markStyle.background == nil { markStyle.background = style.background }
                    if style.bold { markStyle.bold = true }
                    style = markStyle
                }
            }
            while matchIndex < matches.count && matches[matchIndex].upperBound <= offset { matchIndex += 1 }
            if matchIndex < matches.count, matches[matchIndex].lowerBound <= offset {
                style = theme.searchMatch
                if let currentMatch, currentMatch.section == s, currentMatch.paragraph == p,
                   currentMatch.start == matches[matchIndex].lowerBound {
                    style.bold = true
                    style.underline = true
                }
            }
            return style
        }
        /// Goes on with the run, or ends it and starts one of `style` at `position`: false once
        /// the line is full.
        func goOn(in style: Style) -> Bool {
            guard style != runStyle else { return true }
            flush(upTo: position)
            if column >= limit { return false }
            runStart = position
            runStyle = style
            return true
        }
        if PlainScalars.only(slice) {
            // Each scalar a character of its own (most lines): no grapheme segmentation.
            let scalars = slice.unicodeScalars
            while position < scalars.endIndex {
                guard goOn(in: style(at: offset)) else { return }
                scalars.formIndex(after: &position)
                offset += 1
            }
        } else {
            for character in slice {
                defer {
                    position = slice.utf8.index(position, offsetBy: character.utf8.count)
                    offset += character.unicodeScalars.count
                }
                // A character of no width alone in a `put` was dropped, not joined to the one before.
                if let first = character.unicodeScalars.first, !first.isASCII, DisplayWidth.of(character) == 0 {
                    flush(upTo: position)
                    runStyle = nil
                    runStart = slice.utf8.index(position, offsetBy: character.utf8.count)
                    continue
                }
                guard goOn(in: style(at: offset)) else { return }
            }
        }
        flush(upTo: slice.endIndex)
    }

    /// Index of the first mark that ends after an offset (marks are sorted by start and do not nest).
    private static func firstIndex(in marks: [LessonIndex.Mark], endingAfter offset: Int) -> Int {
        var lo = 0, hi = marks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if marks[mid].end <= offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
