import Testing
import LessonKit
@testable import ReaderCore

/// The vocabulary sidebar's default listing: the terms on the screen, each beside its line.
@Suite struct SidebarBesideLinesTests {
    /// Thirty one-line paragraphs; lantern on the 3rd and the 20th, harbour on the 10th, meadow
    /// on the 16th, and three terms crowded on the 24th.
    static func lesson() throws -> Lesson {
        let paragraphs = (1...30).map { n -> String in
            switch n {
            case 3, 20: return "Paragraph \(n) carries a lantern along the road."
            case 10: return "Paragraph \(n) reaches the harbour at dusk."
            case 16: return "Paragraph \(n) crosses a meadow in the rain."
            case 24: return "Paragraph \(n) has a kettle, a ladder and a pebble on one line."
            default: return "Paragraph \(n) is a short line with nothing to learn."
            }
        }
        return try TestLessons.make(mainBody: paragraphs, vocabulary: [
            ("lantern", "A lamp in a case that you can carry.", "提灯。", "She held a lantern."),
            ("harbour", "A sheltered place where ships stay.", "港口。", "The boat left the harbour."),
            ("meadow", "A field of grass and flowers.", "草地。", "Cows grazed in the meadow."),
            ("kettle", "A pot for boiling water.", "水壶。", "The kettle whistled."),
            ("ladder", "Steps between two long sides, for climbing.", "梯子。", "He climbed the ladder."),
            ("pebble", "A small smooth stone.", "鹅卵石。", "A pebble in my shoe."),
        ])
    }

    private func state(columns: Int = 120, rows: Int = 30) throws -> ReaderState {
        ReaderState(lesson: try Self.lesson(), columns: columns, rows: rows)
    }

    /// The text of one screen row inside a rectangle.
    private func text(_ screen: Screen, row y: Int, in pane: Rect) -> String {
        var line = ""
        for x in pane.x..<(pane.x + pane.width) where !screen[x, y].isContinuation { line += screen[x, y].text }
        return line
    }

    /// Screen rows where the sidebar shows an entry's head ("• term"), by term.
    private func heads(_ state: ReaderState) -> [String: Int] {
        let screen = ReaderView.draw(state)
        let pane = state.panes.sidebar
        var found: [String: Int] = [:]
        for y in (pane.y + 1)..<(pane.y + pane.height) {
            let row = text(screen, row: y, in: pane)
            for term in state.lesson.vocabulary.map(\.term) where row.contains("• \(term)") { found[term] = y }
        }
        return found
    }

    @Test func eachTermStandsBesideTheLineOfItsFirstOccurrenceOnScreen() throws {
        var state = try state()
        #expect(state.sidebarFollowsLines)
        // Far enough that harbour and meadow are on screen, lantern's first paragraph is not and
        // its second one is.
        try state.type(String(repeating: "j", count: 20))
        let heads = heads(state)
        let rows = state.articleRows
        for term in ["harbour", "meadow", "lantern"] {
            let y = try #require(heads[term], "\(term) is not in the sidebar")
            #expect(rows[y - state.panes.article.y].contains(term), "\(term) stands beside “\(rows[y - state.panes.article.y])”")
        }
        let lanternRow = try #require(heads["lantern"])
        #expect(rows[lanternRow - state.panes.article.y].hasPrefix("  Paragraph 20"), "lantern follows its first occurrence on screen")
        #expect(heads["kettle"] == nil && heads["pebble"] == nil, "terms below the screen are not listed")
        let screen = ReaderView.draw(state)
        let sidebar = (state.panes.sidebar.y..<(state.panes.sidebar.y + state.panes.sidebar.height))
            .map { text(screen, row: $0, in: state.panes.sidebar) }.joined(separator: "\n")
        #expect(sidebar.components(separatedBy: "• lantern").count == 2, "a term is listed once however often it is on screen")
    }

    /// What lets the terminal scroll instead of repainting: after j every row, the sidebar's part
    /// of it too, is the row that was one below.
    @Test func afterJEveryRowIsTheOneThatWasBelowIt() throws {
        for listing in SidebarListing.allCases {
            var state = try state()
            state.sidebarListing = listing
            // The focus on a sentence in the middle of the screen, where j leaves it.
            try state.type(")))))jjjj")
            let focus = state.focus
            let before = ReaderView.draw(state)
            try state.type("j")
            let after = ReaderView.draw(state)
            let body = (state.panes.article.y + 1)..<(state.panes.article.y + state.panes.article.height - 1)
            #expect(state.focus == focus)
            let moved = body.allSatisfy { y in (0..<after.columns).allSatisfy { after[$0, y] == before[$0, y + 1] } }
            // The list of every term stays where it is, so there the rows cannot just move up.
            #expect(moved == (listing == .onScreen), "\(listing)")
        }
    }

    @Test func crowdedTermsTakeTheNextFreeRowsWithTermAndGlossOnOne() throws {
        var state = try state()
        try state.type(String(repeating: "j", count: 30))
        let heads = heads(state)
        let rows = state.articleRows
        let kettle = try #require(heads["kettle"])
        #expect(rows[kettle - state.panes.article.y].contains("kettle, a ladder and a pebble"))
        #expect(heads["ladder"] == kettle + 1 && heads["pebble"] == kettle + 2)
        let screen = ReaderView.draw(state)
        #expect(text(screen, row: kettle, in: state.panes.sidebar).contains("• kettle  水壶。"))
        #expect(text(screen, row: kettle + 1, in: state.panes.sidebar).contains("• ladder  梯子。"))
        // The last of them has the rows below to itself: its whole entry.
        #expect(text(screen, row: kettle + 3, in: state.panes.sidebar).contains("A small smooth stone."))

        try state.type("c")
        let english = ReaderView.draw(state)
        #expect(text(english, row: kettle, in: state.panes.sidebar).contains("• kettle  A pot for boiling water."))
    }

    @Test func aGlossTooLongForItsRowEndsWithAnEllipsis() throws {
        var state = try state(columns: 100)
        try state.type(String(repeating: "j", count: 30))
        let heads = heads(state)
        let ladder = try #require(heads["ladder"])
        let row = text(ReaderView.draw(state), row: ladder, in: state.panes.sidebar)
        #expect(row.contains("• ladder  Steps between") || row.contains("• ladder  梯子。"))
        try state.type("c")
        let english = text(ReaderView.draw(state), row: ladder, in: state.panes.sidebar)
        #expect(english.contains("• ladder  Steps between"))
        #expect(english.trimmingTrailingSpaces.hasSuffix("…"), "“\(english)”")
    }

    @Test func anIgnoredTermIsLeftOutAsTheArticleLeavesItUnmarked() throws {
        var state = try state()
        try state.type(String(repeating: "j", count: 20))
        #expect(heads(state)["harbour"] != nil)
        let key = state.index.termKeys[try #require(state.lesson.vocabulary.firstIndex { $0.term == "harbour" })]
        state.termStatuses[key] = .ignored
        #expect(heads(state)["harbour"] == nil)
        #expect(heads(state)["meadow"] != nil)
    }

    @Test func aScreenWithoutVocabularySaysSo() throws {
        var state = try state(rows: 12)
        try state.type(String(repeating: "j", count: 14))
        #expect(heads(state).isEmpty, "\(state.articleRows)")
        #expect(state.screenText.contains("No vocabulary on this screen."))
    }

    @Test func withTheKeysTheSidebarListsEveryTerm() throws {
        var state = try state()
        // meadow is the third term, in the 16th paragraph, below the first screen.
        #expect(!state.screenText.contains("• meadow"))
        try state.type("<Tab>")
        #expect(!state.sidebarFollowsLines)
        #expect(state.screenText.contains("• meadow  ×1"))
        try state.type("<Tab>")
        #expect(state.sidebarFollowsLines)
        #expect(!state.screenText.contains("• meadow"))
    }

    @Test func capitalVSwitchesBetweenTheTermsOnScreenAndAllOfThem() throws {
        var state = try state()
        var effects = try state.type("V")
        #expect(state.sidebarListing == .all && !state.sidebarFollowsLines)
        #expect(effects.contains(.progressChanged))
        #expect(state.message == "vocabulary: all 6 terms")
        #expect(state.screenText.contains("• lantern  ×2"))
        effects = try state.type("V")
        #expect(state.sidebarListing == .onScreen && state.sidebarFollowsLines)
        #expect(effects.contains(.progressChanged))
        #expect(state.message == "vocabulary: the terms on screen")

        // With the sidebar switched off, V brings it back.
        try state.type("v")
        #expect(!state.sidebarVisible)
        try state.type("V")
        #expect(state.sidebarVisible && state.sidebarListing == .all)
    }

    @Test func anOverlaySidebarListsEveryTerm() throws {
        var state = try state(columns: 80, rows: 24)
        try state.type("v")
        #expect(state.panes.sidebarIsOverlay)
        #expect(!state.sidebarFollowsLines)
        #expect(state.screenText.contains("• lantern  ×2"))
    }

    @Test func aClickOnAnEntryBesideTheTextSelectsItsTerm() throws {
        var state = try state()
        try state.type(String(repeating: "j", count: 20))
        let meadow = try #require(heads(state)["meadow"])
        let pane = state.panes.sidebar
        try state.type("<Mouse:press:\(pane.x + 6):\(meadow)>")
        #expect(state.selectedTerm == state.lesson.vocabulary.firstIndex { $0.term == "meadow" })
        #expect(state.focusArea == .sidebar)
    }

    @Test func theWheelOverTheSidebarScrollsTheTextItFollows() throws {
        var state = try state()
        let pane = state.panes.sidebar
        let top = state.top
        try state.type("<WheelDown:\(pane.x + 6):\(pane.y + 5)>")
        #expect(state.top != top)
        #expect(state.sidebarTop == 0)
    }
}

private extension String {
    var trimmingTrailingSpaces: Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " { end = index(before: end) }
        return self[startIndex..<end]
    }
}
