import LessonKit

/// The status bar: lesson title, section, position, Chinese on or off, and the way to help.
enum StatusView {
    static func draw(_ state: ReaderState, theme: Theme, into screen: inout Screen) {
        let bar = state.panes.status
        guard !bar.isEmpty else { return }
        let y = bar.y + bar.height - 1
        screen.fill(x: bar.x, y: y, width: bar.width, height: 1, style: theme.statusBar)
        if let prompt = state.search.prompt {
            let sign = state.search.direction == .forward ? "/" : "?"
            // What the reader types (or pastes) is shown, never sent: controls become symbols.
            var text = sign + Sanitizer.displaySafe(prompt)
            if !prompt.isEmpty && state.search.current == nil { text += "   (not found)" }
            let end = screen.put(text, x: bar.x, y: y, style: theme.statusBar)
            screen.put("▏", x: end, y: y, style: theme.statusHint)
            return
        }
        let compact = state.panes.mode != .full
        // A long lesson's preview: vocabulary counts and notes are still being found, and how far
        // the reader has come is said once the whole lesson is known.
        var right = state.isPreview ? (compact ? "…" : "indexing…") : "\(state.percentRead)%"
        right += state.chineseOn ? " · 中 on" : " · 中 off"
        if !compact { right += " · h help " } else { right += " h " }
        let rightWidth = DisplayWidth.of(right)
        let rightX = max(bar.x, bar.x + bar.width - rightWidth)
        var left = " "
        if let message = state.message {
            left += Sanitizer.displaySafe(message)
        } else if let notice = state.notice {
            left += Sanitizer.displaySafe(notice)
        } else {
            var title = state.lesson.title
            var section = ""
            if let s = state.currentSection, state.lesson.sections.indices.contains(s), !state.lesson.sections[s].heading.isEmpty {
                section = " › " + state.lesson.sections[s].heading
            }
            // Titles are long and the section is the part that changes: shorten the title first.
            let room = rightX - 1 - bar.x - 1
            let titleRoom = room - DisplayWidth.of(section)
            if !section.isEmpty, DisplayWidth.of(title) > titleRoom, titleRoom >= 12 {
                title = DisplayWidth.shortened(title, to: titleRoom)
            }
            left += title + section
        }
        let leftStyle = state.message != nil || (state.notice != nil) ? theme.message : theme.statusBar
        screen.put(left, x: bar.x, y: y, style: leftStyle, limit: max(bar.x, rightX - 1))
        if DisplayWidth.of(left) > rightX - 1 - bar.x, rightX - 2 > bar.x {
            screen.put("…", x: rightX - 2, y: y, style: leftStyle)
        }
        screen.put(right, x: rightX, y: y, style: theme.statusHint)
    }
}
