import Foundation
import Testing
import LessonKit
@testable import ProgressStore

@Suite struct TermStatusStoreTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func everyStatusButNewIsRemembered() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder.database)
        try store.setStatus(.learning, forTerm: "diplomat", at: now)
        try store.setStatus(.known, forTerm: "embassy", at: now)
        try store.setStatus(.ignored, forTerm: "the", at: now)
        #expect(try store.termStatuses() == ["diplomat": .learning, "embassy": .known, "the": .ignored])
    }

    @Test func settingNewForgetsTheTerm() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder.database)
        try store.setStatus(.known, forTerm: "embassy", at: now)
        try store.setStatus(.new, forTerm: "embassy", at: now)
        #expect(try store.termStatuses().isEmpty)
        // Clearing a term never marked is no error.
        try store.setStatus(.new, forTerm: "never-marked", at: now)
        #expect(try store.termStatuses().isEmpty)
    }

    @Test func aLaterStatusReplacesAnEarlierOne() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder.database)
        try store.setStatus(.learning, forTerm: "embassy", at: now)
        try store.setStatus(.known, forTerm: "embassy", at: now.addingTimeInterval(60))
        #expect(try store.termStatuses() == ["embassy": .known])
    }

    @Test func termsAreSharedByTheirNormalisedForm() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder.database)
        try store.setStatus(.learning, forTerm: "  Take   Off ", at: now)
        let statuses = try store.termStatuses()
        #expect(statuses == [VocabularyMatcher.normalise("take off"): .learning])
        try store.setStatus(.known, forTerm: "take off", at: now)
        #expect(try store.termStatuses() == [VocabularyMatcher.normalise("Take Off"): .known])
    }

    @Test func statusesSurviveReopeningAndAreSeenByAnotherStore() throws {
        let folder = try TemporaryFolder()
        let first = try openStore(folder.database)
        let second = try openStore(folder.database)
        try first.setStatus(.known, forTerm: "embassy", at: now)
        #expect(try second.termStatuses() == ["embassy": .known])
        try first.close()
        try second.close()
        #expect(try openStore(folder.database).termStatuses() == ["embassy": .known])
    }
}
