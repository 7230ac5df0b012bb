import Testing
@testable import CursesTerminal

/// How long `nextKey` lets one read wait: never 0 while time is left before its deadline, or the
/// loop spins on reads that return at once (issue 5: it took CPU from the thread analysing a
/// long lesson, on two cores).
@Suite struct WaitSliceTests {
    @Test func withNoDeadlineAReadWaitsTheWholePollingSlice() {
        #expect(CursesTerminal.waitSlice(left: nil) == 100)
    }

    @Test func theLastFractionOfAMillisecondIsWaitedOut() {
        #expect(CursesTerminal.waitSlice(left: .microseconds(1)) == 1)
        #expect(CursesTerminal.waitSlice(left: .microseconds(500)) == 1)
        #expect(CursesTerminal.waitSlice(left: .microseconds(1_500)) == 2)
        #expect(CursesTerminal.waitSlice(left: .milliseconds(20)) == 20)
    }

    @Test func aReadNeverWaitsPastThePollingSliceNorForAPastDeadline() {
        #expect(CursesTerminal.waitSlice(left: .milliseconds(150)) == 100)
        #expect(CursesTerminal.waitSlice(left: .seconds(5)) == 100)
        #expect(CursesTerminal.waitSlice(left: .zero) == 0)
        #expect(CursesTerminal.waitSlice(left: .milliseconds(-3)) == 0)
    }
}
