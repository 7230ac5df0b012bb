import Foundation
import Testing
import LessonKit
@testable import ProgressStore

@Suite struct LessonProgressTests {
    let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func aNewDatabaseKnowsNoLesson() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder.database)
        #expect(try store.lesson(hash: "h", path: "/l/a.txt") == nil)
        #expect(try store.allLessons().isEmpty)
    }

    @Test func migrationsRunOnAnEmptyFile() throws {
        let folder = try TemporaryFolder()
        #expect(FileManager.default.createFile(atPath: folder.database, contents: Data()))
        let store = try openStore(folder.database)
        try store.savePosition(hash: "h", path: "/l/a.txt",
                               position: SentenceLocation(section: 1, paragraph: 0, sentence: 2), percentRead: 10)
        #expect(try store.lesson(hash: "h", path: "/l/a.txt")?.percentRead == 10)
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test func aSavedPositionIsThereAfterReopening() throws {
        let folder = try TemporaryFolder()
        let position = SentenceLocation(section: 1, paragraph: 3, sentence: 2)
        do {
            let store = try openStore(folder.database)
            try store.recordOpened(hash: "h1", path: "/l/a.txt", at: start)
            try store.savePosition(hash: "h1", path: "/l/a.txt", position: position, percentRead: 42)
            try store.close()
        }
        let reopened = try openStore(folder.database)
        let record = try #require(try reopened.lesson(hash: "h1", path: "/l/a.txt"))
        #expect(record == LessonRecord(contentHash: "h1", path: "/l/a.txt", position: position,
                                       percentRead: 42, lastOpened: start))
    }

    @Test func aLessonOpenedButNeverMovedHasNoPosition() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder.database)
        try store.recordOpened(hash: "h1", path: "/l/a.txt", at: start)
        let record = try #require(try store.lesson(hash: "h1", path: "/l/a.txt"))
        #expect(record.position == nil)
        #expect(record.percentRead == 0)
        #expect(record.lastOpened == start)
    }

    @Test func savingAPositionKeepsWhenTheLessonWasOpened() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder.database)
        try store.recordOpened(hash: "h1", path: "/l/a.txt", at: start)
        try store.savePosition(hash: "h1", path: "/l/a.txt",
                               position: SentenceLocation(section: 0, paragraph: 0, sentence: 1), percentRead: 5)
        #expect(try store.lesson(hash: "h1", path: "/l/a.txt")?.lastOpened == start)
    }

    @Test(arguments: [(-5, 0), (0, 0), (57, 57), (100, 100), (250, 100)])
    func percentReadIsKeptWithinZeroToHundred(given: Int, stored: Int) throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder.database)
        try store.savePosition(hash: "h1", path: "/l/a.txt",
                               position: SentenceLocation(section: 0, paragraph: 0, sentence: 0), percentRead: given)
        #expect(try store.lesson(hash: "h1", path: "/l/a.txt")?.percentRead == stored)
    }

    @Test func anEditedLessonAtTheSamePathKeepsItsPosition() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder.database)
        let position = SentenceLocation(section: 1, paragraph: 4, sentence: 1)
        try store.savePosition(hash: "before-edit", path: "/l/a.txt", position: position, percentRead: 60)

        let found = try #require(try store.lesson(hash: "after-edit", path: "/l/a.txt"))
        #expect(found.position == position)
        #expect(found.percentRead == 60)

        try store.recordOpened(hash: "after-edit", path: "/l/a.txt", at: start)
        let all = try store.allLessons()
        #expect(all.map(\.contentHash) == ["after-edit"])
        #expect(all.first?.position == position)
        #expect(try store.lesson(hash: "after-edit", path: "/elsewhere.txt")?.position == position)
    }

    @Test func aMovedLessonIsFoundByItsContentAndFollowsItsNewPath() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder.database)
        let position = SentenceLocation(section: 2, paragraph: 0, sentence: 0)
        try store.savePosition(hash: "h1", path: "/old/a.txt", position: position, percentRead: 90)

        #expect(try store.lesson(hash: "h1", path: "/new/a.txt")?.position == position)
        try store.recordOpened(hash: "h1", path: "/new/a.txt", at: start)
        #expect(try store.allLessons().map(\.path) == ["/new/a.txt"])
    }

    @Test func contentMovedOverAnotherLessonsPathReplacesThatLesson() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder.database)
        try store.savePosition(hash: "h1", path: "/l/a.txt",
                               position: SentenceLocation(section: 1, paragraph: 0, sentence: 0), percentRead: 30)
        try store.savePosition(hash: "h2", path: "/l/b.txt",
                               position: SentenceLocation(section: 2, paragraph: 0, sentence: 0), percentRead: 70)
        // b.txt copied over a.txt: a.txt now holds h2's content.
        try store.recordOpened(hash: "h2", path: "/l/a.txt", at: start)
        let all = try store.allLessons()
        #expect(all.count == 1)
        #expect(all.first?.contentHash == "h2")
        #expect(all.first?.path == "/l/a.txt")
        #expect(all.first?.percentRead == 70)
    }

    @Test func differentLessonsKeepDifferentPositions() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder.database)
        try store.savePosition(hash: "h1", path: "/l/a.txt",
                               position: SentenceLocation(section: 0, paragraph: 0, sentence: 3), percentRead: 10)
        try store.savePosition(hash: "h2", path: "/l/b.txt",
                               position: SentenceLocation(section: 2, paragraph: 0, sentence: 1), percentRead: 95)
        #expect(try store.lesson(hash: "h1", path: "/l/a.txt")?.position?.sentence == 3)
        #expect(try store.lesson(hash: "h2", path: "/l/b.txt")?.position?.section == 2)
    }

    @Test func allLessonsListsTheMostRecentlyOpenedFirstAndNeverOpenedLast() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder.database)
        let position = SentenceLocation(section: 0, paragraph: 0, sentence: 0)
        try store.savePosition(hash: "h0", path: "/l/never.txt", position: position, percentRead: 1)
        try store.recordOpened(hash: "h1", path: "/l/monday.txt", at: start)
        try store.recordOpened(hash: "h3", path: "/l/wednesday.txt", at: start.addingTimeInterval(2 * 86_400))
        try store.recordOpened(hash: "h2", path: "/l/tuesday.txt", at: start.addingTimeInterval(86_400))
        #expect(try store.allLessons().map(\.path)
                == ["/l/wednesday.txt", "/l/tuesday.txt", "/l/monday.txt", "/l/never.txt"])
    }

    @Test func closingFoldsTheLogIntoTheDatabaseFile() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder.database)
        for i in 0..<200 {
            try store.setStatus(.known, forTerm: "term number \(i) with a long tail to fill pages", at: start)
        }
        let before = try #require(FileManager.default.contents(atPath: folder.database)).count
        try store.close()
        let after = try #require(FileManager.default.contents(atPath: folder.database)).count
        #expect(after >= before + 4 * 4096)
    }

    @Test func aClosedStoreRefusesWithAnError() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder.database)
        try store.close()
        #expect(throws: ProgressStoreError.self) {
            try store.savePosition(hash: "h", path: "/l/a.txt",
                                   position: SentenceLocation(section: 0, paragraph: 0, sentence: 0), percentRead: 0)
        }
        #expect(throws: ProgressStoreError.self) { try store.allLessons() }
    }
}
