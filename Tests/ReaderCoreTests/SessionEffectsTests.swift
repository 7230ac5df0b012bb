import LessonKit
import Testing
@testable import ReaderCore

/// Keys whose work happens outside `update`: it answers them with effects for the main loop.
@Suite struct SessionEffectsTests {
    @Test func ctrlLAsksForARedrawAndCtrlZForASuspendAfterSaving() throws {
        var state = ReaderState(lesson: try TestLessons.seed(), columns: 120, rows: 40)
        #expect(state.update(.key(.control("l"))) == [.redraw])
        let effects = state.update(.key(.control("z")))
        #expect(effects.contains(.suspend))
        #expect(effects.firstIndex(of: .progressChanged)! < effects.firstIndex(of: .suspend)!)
    }

    @Test func theHelpListsRedrawAndSuspend() throws {
        let summaries = KeyMap.standard.helpLines().map(\.summary)
        #expect(summaries.contains(Command.redraw.summary))
        #expect(summaries.contains(Command.suspend.summary))
    }
}

@Suite struct TypedTextIsShownSafelyTests {
    @Test func aPastedBidiOverrideInTheSearchPromptIsShownAsASymbol() throws {
        var state = ReaderState(lesson: try TestLessons.seed(), columns: 120, rows: 40)
        state.update(.key(.character("/")))
        state.update(.key(.character("\u{202E}")))
        state.update(.key(.character("\u{1B}")))
        let bottom = ReaderView.draw(state).text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(bottom.contains("⟨RLO⟩"))
        #expect(!bottom.unicodeScalars.contains("\u{202E}"))
        #expect(!bottom.unicodeScalars.contains("\u{1B}"))
    }

    @Test func anUnknownControlKeyInTheHintIsShownAsASymbol() throws {
        var state = ReaderState(lesson: try TestLessons.seed(), columns: 120, rows: 40)
        state.update(.key(.character("\u{202E}")))
        let text = ReaderView.draw(state).text
        #expect(!text.unicodeScalars.contains("\u{202E}"))
    }
}
