import LessonKit

/// Input to the reader.
public enum ReaderAction: Sendable, Equatable {
    case key(Key)
    case command(Command)
    case resize(columns: Int, rows: Int)
}

extension ReaderState {
    /// Applies one action; returns what the world should do about it. Pure but for the layout
    /// cache, which only remembers results.
    @discardableResult
    public mutating func update(_ action: ReaderAction) -> [ReaderEffect] {
        switch action {
        case .resize(let columns, let rows):
            resize(columns: columns, rows: rows)
            return []
        case .command(let command):
            message = nil
            return perform(command)
        case .key(let key):
            return handle(key)
        }
    }

    /// The pure form: the state after an action.
    public func updated(_ action: ReaderAction) -> ReaderState {
        var copy = self
        copy.update(action)
        return copy
    }

    private mutating func handle(_ key: Key) -> [ReaderEffect] {
        if search.isPrompting { return handlePrompt(key) }
        message = nil
        switch key {
        case .resize:
            return []
        case .mouse(let event):
            return handleMouse(event)
        default:
            break
        }
        if overlay == .help {
            switch key {
            case .character("j"), .down: scrollHelp(by: 1); return []
            case .character("k"), .up: scrollHelp(by: -1); return []
            case .character(" "), .pageDown, .character("f"): scrollHelp(by: max(1, rows - 4)); return []
            case .character("b"), .pageUp: scrollHelp(by: -max(1, rows - 4)); return []
            default:
                if let command = keyMap.command(for: key, in: .global), command == .quit || command == .cancel || command == .help {
                    overlay = .none
                    return []
                }
                message = "help is open: q or Esc closes it"
                return []
            }
        }
        let context: KeyContext = focusArea == .sidebar && sidebarVisible && panes.mode == .full ? .sidebar : .article
        guard let command = keyMap.command(for: key, in: context) else {
            message = "\(KeyNotation.describe(key)) does nothing here; press h for help"
            return []
        }
        return perform(command)
    }

    /// Scrolls the help, never past its last row, so that scrolling back answers at once.
    private mutating func scrollHelp(by count: Int) {
        helpTop = min(HelpView.maxTop(self), max(0, helpTop + count))
    }

    // MARK: - Commands

    private mutating func perform(_ command: Command) -> [ReaderEffect] {
        switch command {
        case .lineDown: scroll(by: 1)
        case .lineUp: scroll(by: -1)
        case .pageDown: scroll(by: max(1, pageHeight - 2))
        case .pageUp: scroll(by: -max(1, pageHeight - 2))
        case .halfPageDown: scroll(by: max(1, pageHeight / 2))
        case .halfPageUp: scroll(by: -max(1, pageHeight / 2))
        case .top:
            top = layout.firstRow
            focus = index.sentences.first
            followFocusWithTerm()
        case .bottom:
            top = maxTop
            focus = index.sentences.last
            followFocusWithTerm()
        case .nextSentence: moveFocus(by: 1)
        case .previousSentence: moveFocus(by: -1)
        case .nextOccurrence: stepOccurrence(forward: true, sameTerm: false)
        case .previousOccurrence: stepOccurrence(forward: false, sameTerm: false)
        case .switchFocus:
            if panes.mode != .full {
                message = "the vocabulary needs a larger terminal"
            } else if focusArea == .article {
                if !sidebarVisible { sidebarChoice = true; relayout() }
                focusArea = .sidebar
            } else {
                focusArea = .article
                if panes.sidebarIsOverlay { sidebarChoice = false; relayout() }
            }
        case .termDown: selectTerm(by: 1)
        case .termUp: selectTerm(by: -1)
        case .jumpToTerm: jumpToSelectedTerm()
        case .nextTermOccurrence: stepOccurrence(forward: true, sameTerm: true)
        case .previousTermOccurrence: stepOccurrence(forward: false, sameTerm: true)
        case .searchForward, .searchBackward:
            search.direction = command == .searchForward ? .forward : .backward
            search.prompt = ""
            search.originTop = top
            search.originFocus = focus
        case .nextMatch: repeatSearch(reverse: false)
        case .previousMatch: repeatSearch(reverse: true)
        case .toggleChinese:
            chineseOn.toggle()
            message = chineseOn ? "Chinese on" : "Chinese off"
            return [.progressChanged]
        case .toggleTranslation:
            translationVisible.toggle()
            relayout()
            scrollToFocus()
            if panes.mode != .full { message = "translation \(translationVisible ? "on" : "off"): it needs a larger terminal" }
            return [.progressChanged]
        case .toggleSidebar:
            sidebarChoice = !sidebarVisible
            if !sidebarVisible { focusArea = .article }
            relayout()
            if panes.mode != .full { message = "vocabulary \(sidebarVisible ? "on" : "off"): it needs a larger terminal" }
            return [.progressChanged]
        case .switchSidebarListing:
            sidebarListing = sidebarListing == .onScreen ? .all : .onScreen
            if !sidebarVisible { sidebarChoice = true; relayout() }
            if panes.mode != .full {
                message = "the vocabulary needs a larger terminal"
            } else if sidebarListing == .onScreen {
                message = panes.sidebarIsOverlay || focusArea == .sidebar
                    ? "vocabulary: the terms on screen, once the article has the keys"
                    : "vocabulary: the terms on screen"
            } else {
                message = "vocabulary: all \(lesson.vocabulary.count) terms"
            }
            return [.progressChanged]
        case .markKnown: return mark(.known)
        case .markLearning: return mark(.learning)
        case .markNew: return mark(.new)
        case .markIgnored: return mark(.ignored)
        case .help:
            overlay = overlay == .help ? .none : .help
            helpTop = 0
        case .redraw:
            return [.redraw]
        case .suspend:
            return [.progressChanged, .suspend]
        case .quit:
            if overlay != .none { overlay = .none; return [] }
            if focusArea == .sidebar && panes.sidebarIsOverlay {
                focusArea = .article
                sidebarChoice = false
                relayout()
                return []
            }
            return [.quit]
        case .cancel:
            if overlay != .none { overlay = .none }
            else if focusArea == .sidebar && panes.sidebarIsOverlay {
                focusArea = .article
                sidebarChoice = false
                relayout()
            } else if search.current != nil {
                search.current = nil
            }
        }
        return [.progressChanged]
    }

    private mutating func scroll(by count: Int) {
        let before = top
        top = layout.row(top, movedBy: count)
        clampTop()
        if top == before {
            message = count > 0 ? "end of the lesson" : "beginning of the lesson"
        }
        keepFocusInView()
    }

    private mutating func moveFocus(by step: Int) {
        guard !index.sentences.isEmpty else { message = "this lesson has no sentences"; return }
        let current = focus.flatMap(index.ordinal(of:)) ?? (step > 0 ? -1 : index.sentences.count)
        let next = current + step
        guard index.sentences.indices.contains(next) else {
            message = step > 0 ? "last sentence" : "first sentence"
            return
        }
        focus = index.sentences[next]
        followFocusWithTerm()
        scrollToFocus()
    }

    private mutating func selectTerm(by step: Int) {
        guard !lesson.vocabulary.isEmpty else { message = "this lesson has no vocabulary"; return }
        let next = (selectedTerm ?? -1) + step
        selectedTerm = min(max(0, next), lesson.vocabulary.count - 1)
        occurrenceCursor = nil
        keepSelectedTermInView()
    }

    private mutating func jumpToSelectedTerm() {
        guard let term = selectedTerm else { return }
        guard let first = index.places.firstIndex(where: { $0.term == term }) else {
            message = "“\(lesson.vocabulary[term].term)” does not occur in the article"
            return
        }
        visit(place: first)
    }

    /// ] and [ walk every occurrence in reading order; the sidebar's n and N walk the selected term's.
    private mutating func stepOccurrence(forward: Bool, sameTerm: Bool) {
        let places = index.places
        let wanted = sameTerm ? selectedTerm : nil
        if sameTerm && wanted == nil { message = "select a term first"; return }
        func matches(_ i: Int) -> Bool { wanted == nil || places[i].term == wanted }
        guard places.indices.contains(where: matches) else {
            message = sameTerm ? "“\(lesson.vocabulary[wanted!].term)” does not occur in the article" : "no vocabulary in the article"
            return
        }
        var i: Int
        // The cursor counts only while the focus is still on its sentence: after reading on with
        // ), j or G, the next occurrence is the one after the place being read, not after the old one.
        if let cursor = occurrenceCursor, places.indices.contains(cursor), focus == sentence(of: places[cursor]) {
            i = cursor + (forward ? 1 : -1)
        } else if let focus, let range = sentenceRange(focus) {
            // Start from the focused sentence: the first occurrence in it or after it.
            i = index.placeIndex(atOrAfter: focus.section, focus.paragraph, range.lowerBound)
            if !forward { i -= 1 }
        } else {
            i = forward ? 0 : places.count - 1
        }
        var wrapped = false
        while true {
            if i >= places.count { i = 0; wrapped = true }
            if i < 0 { i = places.count - 1; wrapped = true }
            if matches(i) { break }
            i += forward ? 1 : -1
        }
        visit(place: i)
        if wrapped { message = forward ? "back at the first occurrence" : "back at the last occurrence" }
    }

    private func sentence(of place: LessonIndex.Place) -> SentenceLocation? {
        guard let i = lesson.sections[place.section].paragraphs[place.paragraph].sentenceIndex(at: place.start) else { return nil }
        return SentenceLocation(section: place.section, paragraph: place.paragraph, sentence: i)
    }

    private func sentenceRange(_ location: SentenceLocation) -> Range<Int>? {
        let paragraph = lesson.sections[location.section].paragraphs[location.paragraph]
        return paragraph.sentences.indices.contains(location.sentence) ? paragraph.sentences[location.sentence] : nil
    }

    private mutating func visit(place i: Int) {
        let place = index.places[i]
        occurrenceCursor = i
        selectedTerm = place.term
        keepSelectedTermInView()
        let paragraph = lesson.sections[place.section].paragraphs[place.paragraph]
        if let s = paragraph.sentenceIndex(at: place.start) {
            focus = SentenceLocation(section: place.section, paragraph: place.paragraph, sentence: s)
        }
        scrollToRow(of: place.section, place.paragraph, place.start)
        let count = lesson.vocabulary[place.term].occurrences.count
        let nth = index.places[...i].lazy.filter { $0.term == place.term }.count
        message = "“\(lesson.vocabulary[place.term].term)” \(nth) of \(count)"
    }

    /// Makes a place in the text visible, focusing nothing new.
    mutating func scrollToRow(of section: Int, _ paragraph: Int, _ offset: Int) {
        guard let row = layout.row(section: section, paragraph: paragraph, offset: offset) else { return }
        if !isVisible(row) {
            top = layout.row(row, movedBy: -min(2, pageHeight / 4))
            clampTop()
        }
    }

    private mutating func mark(_ status: TermStatus) -> [ReaderEffect] {
        guard let term = selectedTerm, index.termKeys.indices.contains(term) else {
            message = "select a term first (Tab, then j and k)"
            return []
        }
        let key = index.termKeys[term]
        termStatuses[key] = status == .new ? nil : status
        message = "“\(lesson.vocabulary[term].term)” marked \(status.rawValue)"
        return [.setTermStatus(term: key, status: status)]
    }

    // MARK: - Search

    private mutating func handlePrompt(_ key: Key) -> [ReaderEffect] {
        guard var prompt = search.prompt else { return [] }
        switch key {
        case .escape, .control("c"), .control("g"):
            search.prompt = nil
            search.current = nil
            if let origin = search.originTop { top = layout.clamp(origin) }
            focus = search.originFocus ?? focus
            clampTop()
            message = "search cancelled"
            return []
        case .enter:
            search.prompt = nil
            if prompt.isEmpty {
                // An empty pattern repeats the last search, as in less.
                if search.pattern.isEmpty { return [] }
                repeatSearch(reverse: false)
                return [.progressChanged]
            }
            search.pattern = prompt
            if search.current == nil { message = "“\(prompt)” not found" }
            return [.progressChanged]
        case .backspace, .delete, .control("h"):
            if prompt.isEmpty {
                search.prompt = nil
                return []
            }
            prompt.removeLast()
        case .character(let ch):
            prompt.append(ch)
        case .resize:
            return []
        case .control("u"):
            prompt = ""
        default:
            return []
        }
        search.prompt = prompt
        // Incremental: search again from where the prompt opened.
        if let origin = search.originTop { top = layout.clamp(origin) }
        focus = search.originFocus ?? focus
        search.current = nil
        if !prompt.isEmpty, let match = find(prompt, from: startPoint(), direction: search.direction, skipCurrent: false) {
            show(match)
        }
        clampTop()
        return []
    }

    /// Where a new search starts: the top of the view.
    private func startPoint() -> (section: Int, paragraph: Int, offset: Int) {
        var block = top.block
        while block < layout.blocks.count {
            if let (s, p) = layout.paragraph(at: block) {
                let offset = block == top.block ? layout.lines(of: block)[top.line].start : 0
                return (s, p, offset)
            }
            block += 1
        }
        let s = max(0, lesson.sections.count - 1)
        return (s, max(0, (lesson.sections.last?.paragraphs.count ?? 1) - 1), Int.max / 2)
    }

    private mutating func repeatSearch(reverse: Bool) {
        guard !search.pattern.isEmpty else {
            message = "no search yet: press / to search"
            return
        }
        var direction = search.direction
        if reverse { direction = direction == .forward ? .backward : .forward }
        // As in less: from the current match while it is on screen, otherwise from the view, so
        // that n after scrolling away finds the next match below what is being read.
        let from: (section: Int, paragraph: Int, offset: Int)
        var skipCurrent = false
        if let current = search.current,
           let row = layout.row(section: current.section, paragraph: current.paragraph, offset: current.start), isVisible(row) {
            from = (current.section, current.paragraph, current.start)
            skipCurrent = true
        } else {
            from = startPoint()
        }
        if let match = find(search.pattern, from: from, direction: direction, skipCurrent: skipCurrent) {
            show(match)
            let here = (match.section, match.paragraph, match.start), there = (from.section, from.paragraph, from.offset)
            let wrapped = direction == .forward ? (here < there || (skipCurrent && here == there)) : (here > there || (skipCurrent && here == there))
            if wrapped { message = direction == .forward ? "search wrapped to the beginning" : "search wrapped to the end" }
        } else {
            message = "“\(search.pattern)” not found"
        }
    }

    private mutating func show(_ match: SearchMatch) {
        search.current = match
        let paragraph = lesson.sections[match.section].paragraphs[match.paragraph]
        if let s = paragraph.sentenceIndex(at: match.start) {
            focus = SentenceLocation(section: match.section, paragraph: match.paragraph, sentence: s)
            followFocusWithTerm()
        }
        scrollToRow(of: match.section, match.paragraph, match.start)
    }

    /// Finds the pattern from a point, case-insensitively, wrapping around the article once.
    func find(_ pattern: String, from: (section: Int, paragraph: Int, offset: Int), direction: SearchDirection,
              skipCurrent: Bool) -> SearchMatch? {
        let needle = TextSearch.fold(pattern)
        guard !needle.isEmpty else { return nil }
        var order: [(Int, Int)] = []
        for (s, section) in lesson.sections.enumerated() {
            for p in section.paragraphs.indices { order.append((s, p)) }
        }
        guard let startIndex = order.firstIndex(where: { $0 == (from.section, from.paragraph) }) else { return nil }
        let n = order.count
        for step in 0...n {
            let k: Int
            if direction == .forward { k = (startIndex + step) % n } else { k = ((startIndex - step) % n + n) % n }
            let (s, p) = order[k]
            let text = lesson.sections[s].paragraphs[p].text
            let hits = TextSearch.matches(of: needle, in: text)
            if hits.isEmpty { continue }
            let isStart = step == 0
            let isWrappedStart = step == n
            if direction == .forward {
                let candidate = hits.first { hit in
                    if isStart { return skipCurrent ? hit.lowerBound > from.offset : hit.lowerBound >= from.offset }
                    if isWrappedStart { return hit.lowerBound <= from.offset }
                    return true
                }
                if let hit = candidate { return SearchMatch(section: s, paragraph: p, start: hit.lowerBound, end: hit.upperBound) }
            } else {
                let candidate = hits.last { hit in
                    if isStart { return skipCurrent ? hit.lowerBound < from.offset : hit.lowerBound <= from.offset }
                    if isWrappedStart { return hit.lowerBound >= from.offset }
                    return true
                }
                if let hit = candidate { return SearchMatch(section: s, paragraph: p, start: hit.lowerBound, end: hit.upperBound) }
            }
        }
        return nil
    }

    // MARK: - Mouse

    private mutating func handleMouse(_ event: MouseEvent) -> [ReaderEffect] {
        switch event.kind {
        case .wheelUp:
            if overlay == .help { scrollHelp(by: -3); return [] }
            if panes.sidebar.contains(x: event.x, y: event.y) && !sidebarFollowsLines { sidebarTop = max(0, sidebarTop - 1); return [] }
            scroll(by: -3)
            return [.progressChanged]
        case .wheelDown:
            if overlay == .help { scrollHelp(by: 3); return [] }
            if panes.sidebar.contains(x: event.x, y: event.y) && !sidebarFollowsLines {
                sidebarTop = min(max(0, lesson.vocabulary.count - 1), sidebarTop + 1)
                return []
            }
            scroll(by: 3)
            return [.progressChanged]
        case .press:
            if overlay == .help { overlay = .none; return [] }
            if sidebarVisible, panes.mode == .full, panes.sidebar.contains(x: event.x, y: event.y) {
                // Which term was clicked depends on the listing shown before the sidebar has the keys.
                let clicked = SidebarView.term(at: event.y - panes.sidebar.y, in: self)
                focusArea = .sidebar
                if let term = clicked {
                    selectedTerm = term
                    occurrenceCursor = nil
                }
                return []
            }
            if panes.article.contains(x: event.x, y: event.y) {
                if panes.sidebarIsOverlay && sidebarVisible { sidebarChoice = false; relayout() }
                focusArea = .article
                clickArticle(x: event.x, y: event.y)
                return [.progressChanged]
            }
            return []
        }
    }

    private mutating func clickArticle(x: Int, y: Int) {
        let rows = layout.rows(from: top, count: pageHeight)
        let r = y - panes.article.y
        guard rows.indices.contains(r), let (s, p) = layout.paragraph(at: rows[r].block) else { return }
        let line = layout.lines(of: rows[r].block)[rows[r].line]
        let text = lesson.sections[s].paragraphs[p].text
        // Walk the line's graphemes to the clicked column.
        var column = panes.articleTextX
        var offset = line.start
        for character in text[line.startIndex..<line.endIndex] {
            let width = DisplayWidth.of(character)
            if x < column + max(1, width) { break }
            column += width
            offset += character.unicodeScalars.count
        }
        offset = min(offset, max(line.start, line.end - 1))
        let paragraph = lesson.sections[s].paragraphs[p]
        if let i = paragraph.sentenceIndex(at: offset) {
            focus = SentenceLocation(section: s, paragraph: p, sentence: i)
        }
        if let mark = index.marks[s][p].first(where: { $0.start <= offset && offset < $0.end }) {
            selectedTerm = mark.term
            occurrenceCursor = index.places.firstIndex(of: LessonIndex.Place(section: s, paragraph: p, start: mark.start, end: mark.end, term: mark.term))
            keepSelectedTermInView()
        } else {
            followFocusWithTerm()
        }
    }
}

/// Case-insensitive literal search over scalars.
enum TextSearch {
    /// Lower-cases scalar by scalar, keeping one scalar for one, so offsets stay valid.
    static func fold(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.map(foldScalar)
    }

    static func foldScalar(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.isASCII {
            let v = scalar.value
            return v >= 65 && v <= 90 ? Unicode.Scalar(v + 32)! : scalar
        }
        if scalar == "’" || scalar == "‘" { return "'" }
        if scalar == "“" || scalar == "”" { return "\"" }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first! : scalar
    }

    /// Non-overlapping matches of a folded needle in a text, as scalar ranges.
    static func matches(of needle: [Unicode.Scalar], in text: String) -> [Range<Int>] {
        guard !needle.isEmpty else { return [] }
        let haystack = text.unicodeScalars.map(foldScalar)
        guard haystack.count >= needle.count else { return [] }
        var result: [Range<Int>] = []
        var i = 0
        let first = needle[0]
        while i <= haystack.count - needle.count {
            if haystack[i] == first {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count {
                    result.append(i..<(i + needle.count))
                    i += needle.count
                    continue
                }
            }
            i += 1
        }
        return result
    }
}
