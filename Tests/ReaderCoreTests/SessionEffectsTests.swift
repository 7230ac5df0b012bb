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
