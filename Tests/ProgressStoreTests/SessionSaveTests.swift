import Foundation
import Testing
import LessonKit
@testable import ProgressStore

/// The reader's save on the way out and its quick exit (issue 5): position and settings in one
/// transaction, all settings in one read, and a save left in the log for the next open.
@Suite struct SessionSaveTests {
    @Test func oneSaveWritesThePositionAndEverySetting() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder.database)
        try store.saveSession(hash: "h1", path: "/l/a.txt", position: SentenceLocation(section: 1, paragraph: 2, sentence: 3),
                              percentRead: 40, settings: [("chinese", "off"), ("sidebar", "auto")])
        let record = try #require(try store.lesson(hash: "h1", path: "/l/a.txt"))
        #expect(record.position == SentenceLocation(section: 1, paragraph: 2, sentence: 3))
        #expect(record.percentRead == 40)
        #expect(try store.allSettings() == ["chinese": "off", "sidebar": "auto"])
    }

    @Test func aSaveWithoutAPositionKeepsTheStoredOneAndStillWritesSettings() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder.database)
        try store.savePosition(hash: "h1", path: "/l/a.txt", position: SentenceLocation(section: 0, paragraph: 0, sentence: 5), percentRead: 10)
        try store.saveSession(hash: "h1", path: "/l/a.txt", position: nil, percentRead: 99, settings: [("translation", "on")])
        let record = try #require(try store.lesson(hash: "h1", path: "/l/a.txt"))
        #expect(record.position == SentenceLocation(section: 0, paragraph: 0, sentence: 5))
        #expect(record.percentRead == 10)
        #expect(try store.setting("translation") == "on")
    }

    /// The reader's first write of a session: the opening (for the library's order) with the
    /// place and settings it opened on, so that quitting at once writes nothing more.
    @Test func theOpeningAndThePlaceGoInOneWrite() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder.database)
        let opened = Date(timeIntervalSince1970: 1_800_000_000)
        try store.saveSession(hash: "h1", path: "/l/a.txt", position: SentenceLocation(section: 0, paragraph: 1, sentence: 0),
                              percentRead: 12, settings: [("chinese", "on")], opened: opened)
        let record = try #require(try store.lesson(hash: "h1", path: "/l/a.txt"))
        #expect(record.position == SentenceLocation(section: 0, paragraph: 1, sentence: 0))
        #expect(record.percentRead == 12)
        #expect(record.lastOpened == opened)
        #expect(try store.allSettings() == ["chinese": "on"])
        // Without `opened`, a save leaves the opening time as it was.
        try store.saveSession(hash: "h1", path: "/l/a.txt", position: SentenceLocation(section: 1, paragraph: 0, sentence: 0),
                              percentRead: 50, settings: [])
        #expect(try store.lesson(hash: "h1", path: "/l/a.txt")?.lastOpened == opened)
    }

    /// The reader quits without closing the database (it ends with `_exit`): what it saved
    /// stays in the write-ahead log, and the next store to open the file reads it.
    @Test func aSaveLeftInTheLogIsReadByTheNextOpen() throws {
        let folder = try TemporaryFolder()
        let unclosed = try openStore(folder.database)
        try unclosed.saveSession(hash: "h1", path: "/l/a.txt", position: SentenceLocation(section: 2, paragraph: 0, sentence: 1),
                                 percentRead: 77, settings: [("chinese", "on")])
        try withExtendedLifetime(unclosed) {
            let log = try FileManager.default.attributesOfItem(atPath: folder.database + "-wal")[.size] as? Int ?? 0
            #expect(log > 0, "the write-ahead log still holds the save")
            let store = try openStore(folder.database)
            #expect(try store.lesson(hash: "h1", path: "/l/a.txt")?.percentRead == 77)
            #expect(try store.allSettings() == ["chinese": "on"])
            #expect(try store.integrityCheck() == ["ok"])
        }
    }

    /// The quit does not close the database, so the reader folds the log itself once it is long
    /// (issue 5: every open reads the whole log first).
    @Test func aLongLogIsFoldedIntoTheDatabaseFile() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder.database)
        for n in 0..<100 { try store.setSetting("key\(n)", "folded-value-\(n)") }
        func databaseFileHolds(_ text: String) throws -> Bool {
            try Data(contentsOf: URL(fileURLWithPath: folder.database)).range(of: Data(text.utf8)) != nil
        }
        let log = try #require(try FileManager.default.attributesOfItem(atPath: folder.database + "-wal")[.size] as? Int)
        #expect(log > 100 * 4096, "each save is at least one page in the log")
        #expect(try !databaseFileHolds("folded-value-99"), "the last save is only in the log")
        #expect(try store.foldLog(ifLongerThan: log) == false)
        #expect(try !databaseFileHolds("folded-value-99"))
        #expect(try store.foldLog(ifLongerThan: log - 1) == true)
        #expect(try databaseFileHolds("folded-value-99"))
        // Emptied, not only folded: the next open has no log to read.
        #expect(try FileManager.default.attributesOfItem(atPath: folder.database + "-wal")[.size] as? Int == 0)
        #expect(try store.setting("key99") == "folded-value-99")
    }

    /// Emptying the log needs a moment without readers; another gloss reading must not hold the
    /// reader up for the five seconds a write would wait.
    @Test func foldingGivesUpAtOnceWhileAnotherConnectionReads() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder.database)
        for n in 0..<20 { try store.setSetting("key\(n)", "value-\(n)") }
        let other = try SQLiteConnection(path: folder.database, readOnly: false, busyTimeoutMilliseconds: 5000)
        let started = ContinuousClock.now
        try other.execute("BEGIN")
        _ = try other.rows("SELECT value FROM setting")
        let folded = try store.foldLog(ifLongerThan: 0)
        try other.execute("COMMIT")
        #expect(folded == false)
        #expect(ContinuousClock.now - started < .seconds(2))
        // Once the other reader is done, it folds.
        #expect(try store.foldLog(ifLongerThan: 0) == true)
    }

    /// A new database is made without syncs, then syncs at checkpoints like any other (NORMAL).
    @Test func aNewDatabaseSyncsLikeAnOldOneOnceMade() throws {
        let folder = try TemporaryFolder()
        let made = try openStore(folder.database)
        #expect(try made.synchronousLevel() == 1)
        try made.setSetting("chinese", "off")
        let reopened = try openStore(folder.database)
        #expect(try reopened.synchronousLevel() == 1)
        #expect(try reopened.setting("chinese") == "off")
    }

    /// Opening needs no write lock once the schema is there: another gloss in the middle of a
    /// long write does not hold the reader's start up.
    @Test func openingWaitsForNoWriter() throws {
        let folder = try TemporaryFolder()
        let first = try openStore(folder.database)
        try first.setSetting("chinese", "off")
        let writer = try SQLiteConnection(path: folder.database, readOnly: false, busyTimeoutMilliseconds: 5000)
        try writer.execute("BEGIN IMMEDIATE")
        defer { try? writer.execute("ROLLBACK") }
        let started = ContinuousClock.now
        let second = try openStore(folder.database)
        #expect(ContinuousClock.now - started < .seconds(1))
        #expect(try second.setting("chinese") == "off")
    }
}
