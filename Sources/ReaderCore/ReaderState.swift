import LessonKit

/// Which pane takes the keys.
public enum FocusArea: Sendable, Equatable { case article, sidebar }

public enum Overlay: Sendable, Equatable { case none, help }

/// What the vocabulary sidebar lists while the article has the keys: the terms on the screen,
/// each beside the line it stands on (the default), or every term of the lesson. With the keys
/// (Tab) the sidebar always lists every term.
public enum SidebarListing: String, Sendable, Equatable, CaseIterable {
    case onScreen = "screen"
    case all
}

public enum SearchDirection: Sendable, Equatable { case forward, backward }

/// A search match: a span of a paragraph.
public struct SearchMatch: Sendable, Equatable {
    public var section: Int
    public var paragraph: Int
    public var start: Int
    public var end: Int
}

/// The search prompt while it is open, and the pattern once it is kept.
public struct SearchState: Sendable, Equatable {
    public var pattern: String = ""
    public var direction: SearchDirection = .forward
    public var prompt: String?
    public var current: SearchMatch?
    /// Where the view was when the prompt opened, to return to on Esc.
    var originTop: RowPosition?
    var originFocus: SentenceLocation?

    public var isPrompting: Bool { prompt != nil }
}

/// What the reader asks the world to do; `update` stays pure and the main loop carries these out.
public enum ReaderEffect: Sendable, Equatable {
    case quit
    /// Repaint the whole terminal (after something else wrote to it).
    case redraw
    /// Stop the process as ctrl-z does in a shell; `fg` brings it back.
    case suspend
    case setTermStatus(term: String, status: TermStatus)
    /// The reading position or a setting changed (saved in batches by the caller).
    case progressChanged
}

/// Everything the reader shows, as a value.
public struct ReaderState {
    public private(set) var lesson: Lesson
    public private(set) var index: LessonIndex
    /// Whether `lesson` is only `LessonAnalyzer.preview`'s first look, waiting for
    /// `adoptAnalysis` with the full analysis.
    public private(set) var isPreview = false
    public internal(set) var layout: ArticleLayout
    public var keyMap: KeyMap = .standard

    public private(set) var columns: Int
    public private(set) var rows: Int
    public internal(set) var panes: PaneLayout

    public internal(set) var top = RowPosition(block: 0, line: 0)
    public internal(set) var focus: SentenceLocation?
    public internal(set) var selectedTerm: Int?
    public internal(set) var sidebarTop = 0
    public internal(set) var focusArea = FocusArea.article
    public var chineseOn: Bool
    public internal(set) var translationVisible: Bool
    /// nil: automatic (shown when the terminal is wide enough for it beside the article).
    public internal(set) var sidebarChoice: Bool?
    public var sidebarListing = SidebarListing.onScreen
    public internal(set) var overlay = Overlay.none
    public internal(set) var helpTop = 0
    public internal(set) var search = SearchState()
    /// The last occurrence visited with ] and [ or the sidebar's n and N.
    public internal(set) var occurrenceCursor: Int?
    /// A one-line hint in the status bar until the next key.
    public internal(set) var message: String?
    /// A lasting note in the status bar, such as "progress not saved".
    public var notice: String?
    public var termStatuses: [String: TermStatus] = [:]

    /// `index` is `LessonIndex(lesson)` when it was built already (on another thread).
    public init(lesson: Lesson, index built: LessonIndex? = nil, columns: Int, rows: Int, chineseOn: Bool = true,
                translationVisible: Bool = false, sidebar: Bool? = nil) {
        self.lesson = lesson
        self.index = built ?? LessonIndex(lesson)
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        self.chineseOn = chineseOn
        self.translationVisible = translationVisible
        self.sidebarChoice = sidebar
        let panes = PaneLayout(columns: columns, rows: rows,
                               sidebar: sidebar ?? (columns >= PaneLayout.sideBySideColumns), translation: translationVisible)
        self.panes = panes
        self.layout = ArticleLayout(lesson: lesson, width: panes.articleTextWidth)
        self.focus = index.sentences.first
        self.selectedTerm = lesson.vocabulary.isEmpty ? nil : 0
        followFocusWithTerm()
    }

    /// A reader over a preview of a long lesson (see `LessonAnalyzer.preview`), which works at
    /// once and becomes whole with `adoptAnalysis`.
    public init(preview: Lesson, index built: LessonIndex? = nil, columns: Int, rows: Int, chineseOn: Bool = true,
                translationVisible: Bool = false, sidebar: Bool? = nil) {
        self.init(lesson: preview, index: built, columns: columns, rows: rows, chineseOn: chineseOn,
                  translationVisible: translationVisible, sidebar: sidebar)
        isPreview = true
    }

    /// Swaps in the full analysis of the lesson this reader shows. The text is the same, so the
    /// layout and the view stay; the focused sentence becomes the sentence that holds its
    /// start, and the occurrence cursor the first occurrence at or after the one it was on.
    /// A lesson with other text is refused (returns false): nothing is changed.
    ///
    /// `index` is `LessonIndex(analysed)` built already, on the thread that analysed the
    /// lesson: building it here held the reader up for 15 ms on an 8 MB lesson, and a key
    /// pressed meanwhile waited.
    @discardableResult
    public mutating func adoptAnalysis(_ analysed: Lesson, index built: LessonIndex? = nil) -> Bool {
        guard analysed.sections.count == lesson.sections.count,
              zip(analysed.sections, lesson.sections).allSatisfy({ new, old in
                  new.paragraphs.count == old.paragraphs.count
                      && zip(new.paragraphs, old.paragraphs).allSatisfy { $0.text == $1.text }
              }) else { return false }
        let focusStart = focus.flatMap { f -> (Int, Int, Int)? in
            let sentences = lesson.sections[f.section].paragraphs[f.paragraph].sentences
            return sentences.indices.contains(f.sentence) ? (f.section, f.paragraph, sentences[f.sentence].lowerBound) : nil
        }
        let cursorPlace = occurrenceCursor.flatMap { index.places.indices.contains($0) ? index.places[$0] : nil }
        lesson = analysed
        index = built ?? LessonIndex(analysed)
        isPreview = false
        if let (s, p, start) = focusStart, let sentence = analysed.sections[s].paragraphs[p].sentenceIndex(at: start) {
            focus = SentenceLocation(section: s, paragraph: p, sentence: sentence)
        } else if focus != nil {
            focus = index.sentences.first
        }
        if let place = cursorPlace {
            let next = index.placeIndex(atOrAfter: place.section, place.paragraph, place.start)
            occurrenceCursor = index.places.indices.contains(next) ? next : nil
        }
        if let term = selectedTerm, !lesson.vocabulary.indices.contains(term) { selectedTerm = nil }
        return true
    }

    /// Swaps in more of the lesson's text. A long lesson's first screen can come from its
    /// beginning and its vocabulary alone (`LessonQuickLook`); the whole lesson, parsed on another
    /// thread and analysed around the reader's place, follows. What was shown must be the start
    /// of it: the same title and vocabulary, the same sections, the last of them possibly with
    /// fewer paragraphs, each with the same text. Then every block keeps its index, so the view,
    /// the focus, the selection and the search stay where they are. Otherwise nothing changes
    /// and the result is false.
    ///
    /// `index` is `LessonIndex(longer)` built already on the thread that made it.
    @discardableResult
    public mutating func adoptLongerText(_ longer: Lesson, index built: LessonIndex? = nil) -> Bool {
        guard longer.title == lesson.title, longer.sections.count >= lesson.sections.count,
              longer.vocabulary.count == lesson.vocabulary.count,
              zip(longer.vocabulary, lesson.vocabulary).allSatisfy({ $0.term == $1.term }) else { return false }
        for (s, shown) in lesson.sections.enumerated() {
            let whole = longer.sections[s]
            let isLast = s == lesson.sections.count - 1
            guard whole.heading == shown.heading,
                  isLast ? whole.paragraphs.count >= shown.paragraphs.count : whole.paragraphs.count == shown.paragraphs.count,
                  zip(whole.paragraphs, shown.paragraphs).allSatisfy({ $0.text == $1.text }) else { return false }
        }
        let cursorPlace = occurrenceCursor.flatMap { index.places.indices.contains($0) ? index.places[$0] : nil }
        lesson = longer
        index = built ?? LessonIndex(longer)
        // The same width; the blocks shown so far keep their indices, and their lines are laid
        // out again when they are looked at.
        layout = ArticleLayout(lesson: longer, width: layout.width)
        if let place = cursorPlace {
            let next = index.placeIndex(atOrAfter: place.section, place.paragraph, place.start)
            occurrenceCursor = index.places.indices.contains(next) ? next : nil
        }
        clampTop()
        return true
    }

    public var sidebarVisible: Bool { sidebarChoice ?? (columns >= PaneLayout.sideBySideColumns) }

    /// Whether the sidebar shows the terms on screen beside their lines: when that listing is
    /// chosen, the article has the keys and the sidebar stands beside it (an overlay hides the
    /// lines it would follow).
    public var sidebarFollowsLines: Bool {
        sidebarListing == .onScreen && focusArea == .article && !panes.sidebarIsOverlay
    }

    /// Rows of the article pane.
    public var pageHeight: Int { max(1, panes.article.height) }

    public func status(ofTerm term: Int) -> TermStatus {
        guard index.termKeys.indices.contains(term) else { return .new }
        return termStatuses[index.termKeys[term]] ?? .new
    }

    // MARK: - Geometry

    mutating func relayout() {
        panes = PaneLayout(columns: columns, rows: rows, sidebar: sidebarVisible, translation: translationVisible)
        let anchor = self.anchor(of: top)
        let originAnchor = search.originTop.flatMap { self.anchor(of: $0) }
        layout.setWidth(panes.articleTextWidth)
        top = row(at: anchor) ?? layout.clamp(top)
        // The place a search prompt returns to on Esc moves with the text too.
        if let origin = search.originTop { search.originTop = row(at: originAnchor) ?? layout.clamp(origin) }
        clampTop()
        // The reader's place is the focused sentence, not the top row: a smaller pane or a new
        // width must bring the view to it, never move the focus to whatever is left on screen.
        if let focus, rows(of: focus) != nil {
            scrollToFocus()
        } else {
            keepFocusInView()
        }
    }

    mutating func resize(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        relayout()
    }

    /// The row showing an anchor at the current width.
    private func row(at anchor: (section: Int, paragraph: Int, offset: Int)?) -> RowPosition? {
        guard let anchor else { return nil }
        return layout.row(section: anchor.section, paragraph: anchor.paragraph, offset: anchor.offset)
    }

    /// What a row shows, as a place in the text that survives a new width.
    private func anchor(of row: RowPosition) -> (section: Int, paragraph: Int, offset: Int)? {
        guard let (s, p) = layout.paragraph(at: row.block) else { return nil }
        let lines = layout.lines(of: row.block)
        let line = lines[min(max(0, row.line), lines.count - 1)]
        return (s, p, line.start)
    }

    /// The last row the top may be at: the end of the article fills the pane's bottom row.
    var maxTop: RowPosition { layout.row(layout.lastRow, movedBy: -(pageHeight - 1)) }

    mutating func clampTop() {
        top = layout.clamp(top)
        if maxTop < top { top = maxTop }
    }

    // MARK: - Focus

    /// First and last rows of a sentence.
    func rows(of location: SentenceLocation) -> (first: RowPosition, last: RowPosition)? {
        guard lesson.sections.indices.contains(location.section),
              lesson.sections[location.section].paragraphs.indices.contains(location.paragraph) else { return nil }
        let paragraph = lesson.sections[location.section].paragraphs[location.paragraph]
        guard paragraph.sentences.indices.contains(location.sentence) else { return nil }
        let range = paragraph.sentences[location.sentence]
        guard let first = layout.row(section: location.section, paragraph: location.paragraph, offset: range.lowerBound),
              let last = layout.row(section: location.section, paragraph: location.paragraph, offset: max(range.lowerBound, range.upperBound - 1))
        else { return nil }
        return (first, last)
    }

    var bottom: RowPosition { layout.row(top, movedBy: pageHeight - 1) }

    func isVisible(_ row: RowPosition) -> Bool { row >= top && row <= bottom }

    /// Scrolls as little as possible so the focused sentence is on screen, with a little context.
    mutating func scrollToFocus() {
        guard let focus, let (first, last) = rows(of: focus) else { return }
        if isVisible(first) && isVisible(last) { return }
        let context = min(2, max(0, pageHeight / 4))
        if first < top || !isVisible(first) || layout.distance(from: first, to: last, limit: pageHeight) == nil {
            top = layout.row(first, movedBy: -context)
        } else {
            top = layout.row(last, movedBy: -(pageHeight - 1 - context))
            if first < top { top = layout.row(first, movedBy: -context) }
        }
        clampTop()
    }

    /// After scrolling: if the focused sentence left the screen, focus the first sentence that starts
    /// on it (or the one running through its top row).
    mutating func keepFocusInView() {
        if let focus, let (first, last) = rows(of: focus), (isVisible(first) || (first < top && last >= top)) { return }
        let visible = layout.rows(from: top, count: pageHeight)
        var fallback: SentenceLocation?
        for row in visible {
            guard let (s, p) = layout.paragraph(at: row.block) else { continue }
            let paragraph = lesson.sections[s].paragraphs[p]
            let line = layout.lines(of: row.block)[row.line]
            guard let i = paragraph.sentenceIndex(at: line.start) else { continue }
            // The first sentence that starts in view, at a line's start or after the one running
            // through it: in a long paragraph most sentences start mid-line, and skipping those
            // sent the focus (and the saved reading position) pages past what is on screen.
            var starting: Int?
            if paragraph.sentences[i].lowerBound >= line.start {
                starting = i
            } else if i + 1 < paragraph.sentences.count, paragraph.sentences[i + 1].lowerBound < line.end {
                starting = i + 1
            }
            if let starting {
                focus = SentenceLocation(section: s, paragraph: p, sentence: starting)
                followFocusWithTerm()
                return
            }
            if fallback == nil { fallback = SentenceLocation(section: s, paragraph: p, sentence: i) }
        }
        if let fallback {
            focus = fallback
            followFocusWithTerm()
        }
    }

    /// The sidebar follows the article: the first term that stands in the focused sentence.
    mutating func followFocusWithTerm() {
        guard let focus else { return }
        let paragraph = lesson.sections[focus.section].paragraphs[focus.paragraph]
        guard paragraph.sentences.indices.contains(focus.sentence) else { return }
        let range = paragraph.sentences[focus.sentence]
        let marks = index.marks[focus.section][focus.paragraph]
        if let mark = marks.first(where: { $0.start >= range.lowerBound && $0.start < range.upperBound }) {
            selectedTerm = mark.term
            keepSelectedTermInView()
        }
    }

    mutating func keepSelectedTermInView() {
        guard let selectedTerm else { return }
        if selectedTerm < sidebarTop { sidebarTop = selectedTerm }
        // Entries have different heights; the view makes the final adjustment when it draws.
        let visibleGuess = max(1, panes.sidebar.height / 4)
        if selectedTerm >= sidebarTop + visibleGuess { sidebarTop = max(0, selectedTerm - visibleGuess + 1) }
    }

    /// Terms whose occurrences fall in the focused sentence.
    public func termsInFocusedSentence() -> [Int] {
        guard let focus else { return [] }
        let paragraph = lesson.sections[focus.section].paragraphs[focus.paragraph]
        guard paragraph.sentences.indices.contains(focus.sentence) else { return [] }
        let range = paragraph.sentences[focus.sentence]
        var seen: [Int] = []
        for mark in index.marks[focus.section][focus.paragraph] where range.contains(mark.start) && !seen.contains(mark.term) {
            seen.append(mark.term)
        }
        return seen
    }

    /// How far the reader has come: the text up to the end of the focused sentence, as a
    /// percentage of the article. It follows the sentence being read rather than the screen, so
    /// it means the same in the library, after a resize and on another terminal. Having scrolled
    /// to the very end counts as having read it all.
    public var percentRead: Int {
        if top > layout.firstRow && top >= maxTop { return 100 }
        guard index.totalScalars > 0, let focus, let ordinal = index.ordinal(of: focus) else { return 100 }
        if ordinal == index.sentences.count - 1 { return 100 }
        let paragraph = lesson.sections[focus.section].paragraphs[focus.paragraph]
        let end = paragraph.sentences.indices.contains(focus.sentence) ? paragraph.sentences[focus.sentence].upperBound : 0
        let done = index.scalarsBefore[focus.section][focus.paragraph] + end
        return min(100, max(0, done * 100 / index.totalScalars))
    }

    /// The section the top of the view is in.
    public var currentSection: Int? {
        if let focus { return focus.section }
        for block in stride(from: top.block, through: 0, by: -1) {
            switch layout.blocks[block].kind {
            case .heading(let s), .paragraph(let s, _): return s
            default: continue
            }
        }
        return nil
    }
}
