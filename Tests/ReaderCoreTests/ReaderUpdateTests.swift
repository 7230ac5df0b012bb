import Foundation
import Testing
import LessonKit
@testable import ReaderCore

@Suite struct ReaderUpdateTests {
    private func seedState(_ columns: Int = 120, _ rows: Int = 40, chineseOn: Bool = true,
                           translation: Bool = false, sidebar: Bool? = nil) throws -> ReaderState {
        ReaderState(lesson: try TestLessons.seed(), columns: columns, rows: rows, chineseOn: chineseOn,
                    translationVisible: translation, sidebar: sidebar)
    }

    /// Rows between two tops (positive when `b` is below `a`).
    private func rowsBetween(_ state: ReaderState, _ a: RowPosition, _ b: RowPosition) -> Int? {
        state.layout.distance(from: a, to: b, limit: 100_000)
    }

    private func term(_ state: ReaderState, _ name: String) throws -> Int {
        try #require(state.lesson.vocabulary.firstIndex { $0.term == name })
    }

    /// Presses `)` until the focused sentence starts with a text.
    private func focusSentence(startingWith prefix: String, in state: inout ReaderState) throws {
        for _ in 0..<state.index.sentences.count {
            if state.focusedText?.hasPrefix(prefix) == true { return }
            try state.type(")")
        }
        Issue.record("no sentence starts with \(prefix)")
    }

    // MARK: - Scrolling

    @Test func jAndKScrollOneRowAndStopAtTheEnds() throws {
        var state = try seedState()
        let start = state.top
        try state.type("j")
        #expect(rowsBetween(state, start, state.top) == 1)
        try state.type("jj<Down>")
        #expect(rowsBetween(state, start, state.top) == 4)
        try state.type("k<Up>")
        #expect(rowsBetween(state, start, state.top) == 2)
        try state.type("kkkkk")
        #expect(state.top == start)
        #expect(state.message != nil)
        try state.type("G")
        let end = state.top
        try state.type("jjj")
        #expect(state.top == end)
    }

    @Test func spaceAndBMoveAPageKeepingTwoRowsOfContext() throws {
        var state = try seedState(80, 24)
        let start = state.top
        let page = state.pageHeight - 2
        for notation in ["<Space>", "f", "<PgDn>"] {
            try state.type(notation)
            #expect(rowsBetween(state, start, state.top) == page, "\(notation)")
            try state.type("b")
            #expect(state.top == start, "\(notation)")
        }
        try state.type("<Space><Space><PgUp>")
        #expect(rowsBetween(state, start, state.top) == page)
    }

    @Test func dAndUMoveHalfAPage() throws {
        var state = try seedState(80, 24)
        let start = state.top
        try state.type("d")
        #expect(rowsBetween(state, start, state.top) == state.pageHeight / 2)
        try state.type("u")
        #expect(state.top == start)
    }

    @Test func capitalGShowsTheLastLineAtTheBottomOfThePane() throws {
        for (columns, rows) in [(120, 40), (80, 24), (60, 20), (30, 8), (200, 40)] {
            var state = try seedState(columns, rows)
            try state.type("G")
            #expect(state.bottom == state.layout.lastRow, "\(columns)x\(rows)")
            #expect(state.layout.row(state.top, movedBy: state.pageHeight - 1) == state.layout.lastRow)
            // The pane's last row shows the end of the conclusion, not blank space beyond it.
            let conclusion = state.lesson.sections[2].paragraphs[0].text
            let lastRow = try #require(state.articleRows.last).trimmingCharacters(in: .whitespaces)
            #expect(!lastRow.isEmpty && conclusion.hasSuffix(lastRow), "\(columns)x\(rows): \(lastRow)")
            #expect(state.focus == state.index.sentences.last)
            try state.type("g")
            #expect(state.top == state.layout.firstRow)
            #expect(state.focus == state.index.sentences.first)
            try state.type("<End>")
            #expect(state.bottom == state.layout.lastRow)
            try state.type("<Home>")
            #expect(state.top == state.layout.firstRow)
        }
    }

    @Test func aLessonShorterThanThePaneDoesNotScroll() throws {
        var state = ReaderState(lesson: try TestLessons.make(), columns: 120, rows: 40)
        for keys in ["j", "G", "<Space>", "d"] {
            try state.type(keys)
            #expect(state.top == state.layout.firstRow, "\(keys)")
        }
    }

    // MARK: - Sentences

    @Test(arguments: [(120, 40), (60, 20), (45, 12), (30, 8), (20, 5), (200, 60)])
    func sentenceKeysMoveFocusAndTheViewFollows(_ size: (Int, Int)) throws {
        var state = try seedState(size.0, size.1)
        let count = state.index.sentences.count
        #expect(state.focus == state.index.sentences.first)
        for n in 1..<count {
            try state.type(")")
            #expect(state.focus == state.index.sentences[n], "\(size) after \(n) presses")
            let shown = state.focusStartIsVisible
            #expect(shown, "\(size): sentence \(n) is not in view")
        }
        try state.type(")")
        #expect(state.focus == state.index.sentences.last)
        #expect(state.message == "last sentence")
        for n in stride(from: count - 2, through: 0, by: -1) {
            try state.type("(")
            #expect(state.focus == state.index.sentences[n])
            let shown = state.focusStartIsVisible
            #expect(shown, "\(size): sentence \(n) is not in view going back")
        }
    }

    @Test func scrollingAwayMovesTheFocusOntoTheScreen() throws {
        var state = try seedState(80, 24)
        try state.type("<Space><Space>")
        let shown = state.focusIsOnScreen
        #expect(shown)
        #expect(state.focus != state.index.sentences.first)
    }

    // MARK: - Vocabulary occurrences

    @Test func bracketsWalkEveryOccurrenceInReadingOrderAndWrap() throws {
        var state = try seedState()
        let places = state.index.places
        #expect(places.count >= 5)
        for (n, place) in places.enumerated() {
            try state.type("]")
            #expect(state.occurrenceCursor == n)
            #expect(state.selectedTerm == place.term)
            let focus = try #require(state.focus)
            #expect(focus.section == place.section && focus.paragraph == place.paragraph)
            let range = state.lesson.sections[focus.section].paragraphs[focus.paragraph].sentences[focus.sentence]
            #expect(range.contains(place.start))
            let row = try #require(state.layout.row(section: place.section, paragraph: place.paragraph, offset: place.start))
            #expect(state.isVisible(row))
        }
        try state.type("]")
        #expect(state.occurrenceCursor == 0)
        #expect(state.message?.contains("first occurrence") == true)
        try state.type("[")
        #expect(state.occurrenceCursor == places.count - 1)
        #expect(state.message?.contains("last occurrence") == true)
        try state.type("[")
        #expect(state.occurrenceCursor == places.count - 2)
    }

    @Test func theSelectedTermIsDrawnInTheSidebar() throws {
        var state = try seedState()
        try state.type("]")
        let name = state.lesson.vocabulary[try #require(state.selectedTerm)].term
        let screen = ReaderView.draw(state)
        // The selected entry's head row carries the selection style.
        let pane = state.panes.sidebar
        let selectedRows = (pane.y..<(pane.y + pane.height)).filter { y in
            screen[pane.x + 2, y].style == Theme().sidebarSelected
        }
        #expect(selectedRows.count == 1)
        let y = try #require(selectedRows.first)
        let row = (pane.x..<(pane.x + pane.width)).map { screen[$0, y].text }.joined()
        #expect(row.contains(name))
    }

    @Test func bracketsStartFromTheSentenceBeingReadAfterMovingOn() throws {
        var state = try seedState()
        try state.type("]")
        #expect(state.occurrenceCursor == 0)
        try state.type("G]")
        let cursor = try #require(state.occurrenceCursor)
        #expect(state.index.places[cursor].section == 2, "] after G went back to the old cursor's neighbour")
        #expect(state.lesson.vocabulary[state.index.places[cursor].term].term == "trajectory")
        try state.type("g))")
        try state.type("[")
        // From the first Main Body sentence, the previous occurrence wraps to the last one.
        #expect(state.occurrenceCursor == state.index.places.count - 1)
    }

    // MARK: - Sidebar

    @Test func tabMovesFocusToTheSidebarAndBack() throws {
        var state = try seedState()
        try state.type("<Tab>")
        #expect(state.focusArea == .sidebar)
        try state.type("<Tab>")
        #expect(state.focusArea == .article)
        try state.type("<S-Tab>")
        #expect(state.focusArea == .sidebar)
    }

    @Test func tabOnANarrowTerminalOpensTheSidebarOverlayAndClosesIt() throws {
        var state = try seedState(60, 20)
        #expect(!state.sidebarVisible)
        try state.type("<Tab>")
        #expect(state.focusArea == .sidebar && state.sidebarVisible && state.panes.sidebarIsOverlay)
        try state.type("<Tab>")
        #expect(state.focusArea == .article && !state.sidebarVisible)
        try state.type("<Tab><Esc>")
        #expect(state.focusArea == .article && !state.sidebarVisible)
    }

    @Test func sidebarJAndKSelectTermsWithoutScrollingTheArticle() throws {
        var state = try seedState()
        try state.type("<Tab>")
        let top = state.top
        let first = try #require(state.selectedTerm)
        try state.type("j")
        #expect(state.selectedTerm == first + 1)
        try state.type("k")
        #expect(state.selectedTerm == first)
        for _ in 0..<10 { try state.type("j") }
        #expect(state.selectedTerm == state.lesson.vocabulary.count - 1)
        for _ in 0..<10 { try state.type("k") }
        #expect(state.selectedTerm == 0)
        #expect(state.top == top)
    }

    @Test func enterJumpsToTheTermsFirstOccurrenceAndNCyclesThem() throws {
        var state = try seedState(80, 20, sidebar: true)
        let coercion = try term(state, "coercion")
        let occurrences = state.lesson.vocabulary[coercion].occurrences
        #expect(occurrences.count == 2)
        try state.type("<Tab>")
        while state.selectedTerm != coercion { try state.type(state.selectedTerm! < coercion ? "j" : "k") }
        try state.type("<Enter>")
        func expectAt(_ occurrence: Occurrence) throws {
            let focus = try #require(state.focus)
            #expect(focus.section == occurrence.section && focus.paragraph == occurrence.paragraph)
            let range = state.lesson.sections[focus.section].paragraphs[focus.paragraph].sentences[focus.sentence]
            #expect(range.contains(occurrence.start))
            let row = try #require(state.layout.row(section: occurrence.section, paragraph: occurrence.paragraph, offset: occurrence.start))
            #expect(state.isVisible(row))
            #expect(state.selectedTerm == coercion)
        }
        try expectAt(occurrences[0])
        try state.type("n")
        try expectAt(occurrences[1])
        try state.type("n")
        try expectAt(occurrences[0])
        #expect(state.message?.contains("first") == true)
        try state.type("N")
        try expectAt(occurrences[1])
        #expect(state.focusArea == .sidebar)
    }

    // MARK: - Search

    @Test func slashOpensAPromptThatSearchesAsYouType() throws {
        var state = try seedState(80, 20)
        let originTop = state.top, originFocus = state.focus
        try state.type("/")
        #expect(state.search.isPrompting)
        #expect(ReaderView.draw(state).text.split(separator: "\n").last?.hasPrefix("/") == true)
        var previous: SearchMatch?
        for prefix in ["K", "Ky", "Kyl", "Kyle"] {
            try state.type(String(prefix.last!))
            let match = try #require(state.search.current, "\(prefix)")
            let text = state.lesson.sections[match.section].paragraphs[match.paragraph].text
            #expect(text.scalarSlice(match.start..<match.end).lowercased() == prefix.lowercased())
            if let previous { #expect((previous.section, previous.paragraph, previous.start) <= (match.section, match.paragraph, match.start)) }
            previous = match
        }
        // "Kyle" is far down: the view moved there and focused its sentence.
        #expect(state.top != originTop)
        #expect(state.focusedText?.hasPrefix("Kyle Chan") == true)
        let match = try #require(state.search.current)
        #expect(state.isVisible(try #require(state.layout.row(section: match.section, paragraph: match.paragraph, offset: match.start))))
        try state.type("<Esc>")
        #expect(!state.search.isPrompting)
        #expect(state.top == originTop && state.focus == originFocus)
    }

    @Test func enterKeepsTheMatchAndNWalksTheMatchesWithWrapAround() throws {
        var state = try seedState(80, 20)
        try state.type("/memo<Enter>")
        #expect(!state.search.isPrompting)
        #expect(state.search.pattern == "memo")
        let kept = state.top
        #expect(state.focusedText?.contains("memorandum") == true)
        let all = state.lesson.sections.enumerated().flatMap { s, section in
            section.paragraphs.enumerated().flatMap { p, paragraph in
                TextSearch.matches(of: TextSearch.fold("memo"), in: paragraph.text).map { SearchMatch(section: s, paragraph: p, start: $0.lowerBound, end: $0.upperBound) }
            }
        }
        #expect(all.count >= 4)
        #expect(state.search.current == all[0])
        #expect(state.top == kept)
        for n in 1..<all.count {
            try state.type("n")
            #expect(state.search.current == all[n])
            let row = try #require(state.layout.row(section: all[n].section, paragraph: all[n].paragraph, offset: all[n].start))
            #expect(state.isVisible(row))
        }
        try state.type("n")
        #expect(state.search.current == all[0])
        #expect(state.message == "search wrapped to the beginning")
        try state.type("N")
        #expect(state.search.current == all[all.count - 1])
        #expect(state.message == "search wrapped to the end")
        try state.type("N")
        #expect(state.search.current == all[all.count - 2])
    }

    @Test func nAfterScrollingAwaySearchesOnFromTheView() throws {
        var state = try seedState(80, 20)
        try state.type("/memo<Enter>")
        let first = try #require(state.search.current)
        try state.type("G")
        try state.type("n")
        let match = try #require(state.search.current)
        #expect(match != first)
        let row = try #require(state.layout.row(section: match.section, paragraph: match.paragraph, offset: match.start))
        #expect(state.isVisible(row))
        // The last "memo" of the article, in the Main Body's last sentence, is what G shows.
        #expect(state.focusedText?.hasPrefix("Chan also observed") == true)
    }

    @Test func questionMarkSearchesBackward() throws {
        var state = try seedState(80, 20)
        try state.type("G?memo<Enter>")
        let match = try #require(state.search.current)
        // The last "memo" of the article: in the Main Body's last sentences.
        #expect(state.focusedText?.contains("memo") == true)
        try state.type("n")
        let earlier = try #require(state.search.current)
        #expect((earlier.section, earlier.paragraph, earlier.start) < (match.section, match.paragraph, match.start))
        try state.type("N")
        #expect(state.search.current == match)
    }

    @Test func aSearchThatFindsNothingSaysSoAndMovesNothing() throws {
        var state = try seedState(80, 20)
        let top = state.top
        try state.type("/zzzz")
        #expect(state.search.current == nil)
        #expect(ReaderView.draw(state).text.contains("not found"))
        try state.type("<Enter>")
        #expect(state.top == top)
        #expect(state.message?.contains("not found") == true)
    }

    @Test func backspaceEditsThePromptAndClosesItWhenEmpty() throws {
        var state = try seedState()
        try state.type("/ab<BS>")
        #expect(state.search.prompt == "a")
        try state.type("<BS><BS>")
        #expect(!state.search.isPrompting)
    }

    // MARK: - Toggles

    @Test func cTogglesChineseInTheSidebarAndTranslationPane() throws {
        var state = try seedState(translation: true)
        try focusSentence(startingWith: "According to the memo", in: &state)
        let chineseDefinition = "用於繞過AI系統限制"
        let chineseAnalysis = "副詞短語"
        #expect(state.chineseOn)
        #expect(state.screenText.contains(chineseDefinition))
        #expect(state.screenText.contains(chineseAnalysis))
        let effects = try state.type("c")
        #expect(!state.chineseOn)
        #expect(effects.contains(.progressChanged))
        #expect(!state.screenText.contains(chineseDefinition))
        #expect(!state.screenText.contains(chineseAnalysis))
        #expect(state.screenText.contains("中 off"))
        try state.type("c")
        #expect(state.screenText.contains(chineseDefinition))
    }

    @Test func tShowsTheFocusedSentencesNoteAndItsVocabulary() throws {
        var state = try seedState()
        #expect(!state.translationVisible)
        #expect(!state.screenText.contains("Translation"))
        try state.type("t")
        #expect(state.translationVisible && !state.panes.translation.isEmpty)
        #expect(state.screenText.contains("No note for this sentence."))
        try focusSentence(startingWith: "According to the memo", in: &state)
        let text = state.screenText
        #expect(text.contains("Adverbial phrase \"According to the memo\""))
        #expect(!text.contains("No note for this sentence."))
        #expect(text.contains("jailbreaking — 用於繞過AI系統限制"))
        let shown = state.focusStartIsVisible
        #expect(shown)
        try state.type("t")
        #expect(!state.translationVisible && state.panes.translation.isEmpty)
    }

    @Test func theTranslationPaneFollowsTheFocus() throws {
        var state = try seedState(translation: true)
        try focusSentence(startingWith: "According to the memo", in: &state)
        try state.type(")")
        #expect(state.focusedText?.hasPrefix("The administration indicated") == true)
        #expect(state.screenText.contains("Main clause: \"The administration indicated"))
        try state.type(")")
        #expect(state.focusedText?.hasPrefix("The memo was issued concurrently") == true)
        #expect(state.screenText.contains("Main clause: \"The memo was issued concurrently"))
        try state.type(")")
        #expect(state.focusedText?.hasPrefix("Representative Bill Huizenga") == true)
        #expect(state.screenText.contains("No note for this sentence."))
        #expect(state.screenText.contains("coercion — 通過使用武力"))
    }

    @Test func paneTogglesInACompactTerminalSayWhyNothingShows() throws {
        var state = try seedState(39, 12)
        try state.type("t")
        #expect(state.translationVisible && state.panes.translation.isEmpty)
        #expect(state.message?.contains("larger terminal") == true)
        try state.type("v")
        #expect(state.message?.contains("larger terminal") == true)
        state.update(.resize(columns: 120, rows: 40))
        #expect(!state.panes.translation.isEmpty)
    }

    @Test func vTogglesTheSidebar() throws {
        var state = try seedState()
        #expect(state.sidebarVisible)
        let width = state.panes.article.width
        try state.type("v")
        #expect(!state.sidebarVisible && state.panes.sidebar.isEmpty)
        #expect(state.panes.article.width > width)
        #expect(!state.screenText.contains("Vocabulary ·"))
        try state.type("v")
        #expect(state.sidebarVisible && state.panes.article.width == width)
        #expect(state.screenText.contains("Vocabulary ·"))
    }

    @Test func theStatusBarKeepsTheSectionWhenTheTitleIsLong() throws {
        var state = try seedState()
        try state.type("G")
        let status = try #require(state.screenText.split(separator: "\n").last)
        #expect(status.hasPrefix(" US Administration"))
        #expect(status.contains("… › Conclusion 100% · 中 on · h help"))
        try state.type("c")
        #expect(state.screenText.split(separator: "\n").last?.contains("Chinese off") == true)
        try state.type("j")
        #expect(state.screenText.split(separator: "\n").last?.contains("中 off") == true)
    }

    // MARK: - Help and quitting

    @Test func helpOpensWithHOrF1AndClosesWithQOrEsc() throws {
        var state = try seedState()
        for open in ["h", "<F1>"] {
            for close in ["q", "<Esc>"] {
                try state.type(open)
                #expect(state.overlay == .help)
                #expect(state.screenText.contains("gloss — keys"))
                let effects = try state.type(close)
                #expect(!effects.contains(.quit), "\(close) must close help, not quit")
                #expect(state.overlay == .none)
                #expect(!state.screenText.contains("gloss — keys"))
            }
        }
    }

    @Test func theHelpOverlayShowsEveryBindingAt120x40() throws {
        var state = try seedState()
        try state.type("h")
        let text = state.screenText
        for binding in state.keyMap.bindings {
            #expect(text.contains(binding.command.summary), "\(binding.command.rawValue)")
        }
        #expect(!text.contains("j/k scroll"))
    }

    @Test func helpScrollsToItsEndAndNoFurther() throws {
        var state = try seedState(70, 24)
        try state.type("h")
        #expect(!state.screenText.contains("term to select it"))
        for _ in 0..<100 { try state.type("j") }
        let end = state.helpTop
        #expect(end > 0 && end == HelpView.maxTop(state))
        #expect(state.screenText.contains("term to select it"))
        try state.type("k")
        #expect(state.helpTop == end - 1)
        try state.type("<Space><Space><Space>")
        #expect(state.helpTop == end)
        try state.type("bbb")
        #expect(state.helpTop == 0)
    }

    @Test func qQuitsWhenNothingIsOpen() throws {
        var state = try seedState()
        #expect(try state.type("q") == [.quit])
        #expect(try state.type("<C-c>") == [.quit])
    }

    @Test func unknownKeysOnlyLeaveAHint() throws {
        var state = try seedState()
        try state.type("jj)")
        let before = state
        for notation in ["x", "<F5>", "<Left>", "<Unknown:ESC[99~>"] {
            let effects = try state.type(notation)
            #expect(effects.isEmpty)
            let message = try #require(state.message)
            #expect(message.contains("h") && DisplayWidth.of(message) < 60, "\(message)")
            #expect(state.top == before.top && state.focus == before.focus && state.selectedTerm == before.selectedTerm)
            #expect(state.chineseOn == before.chineseOn && state.translationVisible == before.translationVisible)
            #expect(state.sidebarChoice == before.sidebarChoice && state.overlay == before.overlay && state.focusArea == before.focusArea)
        }
        try state.type("j")
        #expect(state.message == nil)
    }

    // MARK: - Term statuses

    @Test func markKeysSetTheSelectedTermsStatus() throws {
        var state = try seedState()
        let term = try #require(state.selectedTerm)
        let key = state.index.termKeys[term]
        for (keys, status) in [("K", TermStatus.known), ("L", .learning), ("I", .ignored)] {
            #expect(try state.type(keys) == [.setTermStatus(term: key, status: status)])
            #expect(state.termStatuses[key] == status)
            #expect(state.status(ofTerm: term) == status)
        }
        #expect(try state.type("U") == [.setTermStatus(term: key, status: .new)])
        #expect(state.termStatuses[key] == nil)
        #expect(state.status(ofTerm: term) == .new)
    }

    @Test func aMarkedTermShowsItsStatusInTheSidebar() throws {
        var state = try seedState()
        try state.type("L")
        #expect(state.screenText.contains("learning"))
    }

    // MARK: - Resizing

    @Test func resizeKeepsTheFocusedSentenceInView() throws {
        var state = try seedState()
        for _ in 0..<10 { try state.type(")") }
        try state.type("jj")
        let focus = try #require(state.focus)
        let shown = state.focusStartIsVisible
        #expect(shown)
        for (columns, rows) in [(60, 20), (200, 60), (120, 40), (45, 12), (30, 8), (120, 40)] {
            state.update(.resize(columns: columns, rows: rows))
            #expect(state.columns == columns && state.rows == rows)
            #expect(state.focus == focus, "\(columns)x\(rows): focus moved")
            let visible = state.focusStartIsVisible
            #expect(visible, "\(columns)x\(rows): focused sentence out of view")
        }
    }

    @Test func resizeToTinyAndBackKeepsThePlace() throws {
        var state = try seedState()
        for _ in 0..<12 { try state.type(")") }
        let focus = state.focus
        state.update(.resize(columns: 5, rows: 2))
        state.update(.resize(columns: 1, rows: 1))
        state.update(.resize(columns: 120, rows: 40))
        #expect(state.focus == focus)
        let visible = state.focusStartIsVisible
        #expect(visible)
    }

    @Test func everySizeDownToOneByOneDrawsAndTakesKeys() throws {
        let lesson = try TestLessons.seed()
        var sizes: [(Int, Int)] = []
        for columns in 1...45 { for rows in 1...15 { sizes.append((columns, rows)) } }
        sizes += [(0, 0), (300, 100), (1000, 3), (3, 400), (160, 50), (99, 30), (100, 30)]
        for (columns, rows) in sizes {
            var state = ReaderState(lesson: lesson, columns: columns, rows: rows)
            for keys in ["", "j", "G", ")", "(", "]", "t", "v", "<Tab>j<Enter>n", "<Tab>", "c", "h", "j", "q", "/dis", "<Enter>n", "<Esc>"] {
                try state.type(keys)
                let screen = ReaderView.draw(state)
                #expect(screen.columns == max(0, columns) && screen.rows == max(0, rows))
                #expect(screen.text.split(separator: "\n", omittingEmptySubsequences: false).count == (rows > 0 ? rows : 1))
                #expect((0...100).contains(state.percentRead))
            }
            state.update(.resize(columns: rows, rows: columns))
            _ = ReaderView.draw(state)
        }
    }

    @Test func aLessonWithoutSentencesOrVocabularyStillWorks() throws {
        let lesson = try TestLessons.make(introduction: ["x"], mainBody: ["y"], conclusion: ["z"], vocabulary: [])
        var state = ReaderState(lesson: lesson, columns: 80, rows: 24, translationVisible: true)
        for keys in ["j", ")", "(", "]", "[", "<Tab>j<Enter>n", "<Tab>", "K", "/q<Enter>n", "G", "t", "c"] {
            try state.type(keys)
            _ = ReaderView.draw(state)
        }
        #expect((0...100).contains(state.percentRead))
    }

    // MARK: - Percentage read

    @Test func percentReadGrowsWhilePagingDownAndIsAHundredAtTheEnd() throws {
        for (columns, rows) in [(60, 20), (120, 40), (40, 10)] {
            var state = try seedState(columns, rows)
            var last = state.percentRead
            #expect(last < 100)
            for _ in 0..<200 {
                try state.type("<Space>")
                let now = state.percentRead
                #expect((0...100).contains(now))
                #expect(now >= last, "\(columns)x\(rows): \(now) after \(last)")
                last = now
            }
            #expect(last == 100)
            try state.type("g")
            #expect(state.percentRead < 100)
            try state.type("G")
            #expect(state.percentRead == 100)
        }
    }

    @Test func percentReadOfALongLessonStartsLow() throws {
        let state = ReaderState(lesson: try TestLessons.long(paragraphs: 40), columns: 80, rows: 24)
        #expect(state.percentRead < 10)
    }

    // MARK: - Mouse

    /// The screen position of the first place a text is drawn in the article pane.
    private func position(of text: String, in state: ReaderState) throws -> (x: Int, y: Int) {
        let rows = state.articleRows
        let y = try #require(rows.firstIndex { $0.contains(text) }, "\(text) is not on screen")
        let line = rows[y]
        let prefix = line[line.startIndex..<line.range(of: text)!.lowerBound]
        return (state.panes.article.x + DisplayWidth.of(prefix), state.panes.article.y + y)
    }

    @Test func theWheelScrolls() throws {
        var state = try seedState()
        let start = state.top
        try state.type("<WheelDown:10:10>")
        #expect(rowsBetween(state, start, state.top) == 3)
        try state.type("<WheelUp:10:10>")
        #expect(state.top == start)
    }

    @Test func aPressOnAWordFocusesItsSentence() throws {
        var state = try seedState()
        let (x, y) = try position(of: "Kratsios", in: state)
        try state.type("<Mouse:press:\(x + 2):\(y)>")
        #expect(state.focusedText?.hasPrefix("On April 23, Michael Kratsios") == true)
        #expect(state.focusArea == .article)
    }

    @Test func aPressOnAVocabularyWordSelectsItsTerm() throws {
        var state = try seedState()
        let (x, y) = try position(of: "jailbreaking", in: state)
        try state.type("<Mouse:press:\(x + 1):\(y)>")
        #expect(state.selectedTerm == (try term(state, "jailbreaking")))
        #expect(state.focusedText?.hasPrefix("According to the memo") == true)
    }

    @Test func aPressInTheSidebarSelectsTheClickedTerm() throws {
        var state = try seedState()
        // Every term listed, each with its lines (see SidebarBesideLinesTests for the default).
        state.sidebarListing = .all
        let target = try term(state, "illicitly")
        let screen = ReaderView.draw(state)
        let pane = state.panes.sidebar
        let y = try #require((pane.y..<(pane.y + pane.height)).first { y in
            (pane.x..<(pane.x + pane.width)).map { screen[$0, y].text }.joined().contains("• illicitly")
        })
        // Any row of the entry selects it: its head and its definition.
        try state.type("<Mouse:press:\(pane.x + 5):\(y + 1)>")
        #expect(state.selectedTerm == target)
        #expect(state.focusArea == .sidebar)
        try state.type("<Mouse:press:\(pane.x + 5):\(y)>")
        #expect(state.selectedTerm == target)
    }
}
