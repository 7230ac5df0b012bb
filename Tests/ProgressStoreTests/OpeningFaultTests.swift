import Foundation
import Testing
import LessonKit
@testable import ProgressStore

@Suite struct OpeningFaultTests {
    let newerSchema = ProgressSchema.current.adding("v2", sql: "CREATE TABLE bookmark (id INTEGER PRIMARY KEY)")
    let anywhere = SentenceLocation(section: 1, paragraph: 2, sentence: 3)

    // MARK: Where the database goes

    @Test func theDefaultPathIsUnderXDGStateHome() {
        #expect(ProgressStore.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/gloss/gloss.sqlite")
    }

    @Test(arguments: [["HOME": "/h"], ["XDG_STATE_HOME": "", "HOME": "/h"], ["XDG_STATE_HOME": "relative", "HOME": "/h"]])
    func withoutAnAbsoluteXDGStateHomeTheDefaultPathIsUnderHome(environment: [String: String]) {
        #expect(ProgressStore.defaultPath(environment: environment) == "/h/.local/state/gloss/gloss.sqlite")
    }

    @Test func missingFoldersAreMade() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("state/gloss/gloss.sqlite")
        let store = try openStore(path)
        try store.setSetting("chinese", "off")
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func theDatabaseIsInWALMode() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder.database)
        try store.setSetting("chinese", "off")
        #expect(FileManager.default.fileExists(atPath: folder.database + "-wal"))
        try store.close()
        // Byte 18 and 19 of the header are 2 for a WAL database (1 for a rollback journal).
        let header = try #require(FileManager.default.contents(atPath: folder.database)).prefix(20)
        #expect(Array(header.suffix(2)) == [2, 2])
    }

    // MARK: A folder that cannot be made or written

    @Test func aFileInThePathOfTheFolderMeansProgressIsNotSaved() throws {
        let folder = try TemporaryFolder()
        let blocker = folder.file("file")
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8)))
        let (store, notices) = ProgressStore.open(path: blocker + "/gloss/gloss.sqlite")
        #expect(store == nil)
        #expect(notices == ["progress is not saved: a file is in the way of the folder: \(blocker)"])
    }

    @Test func theFolderBeingAFileMeansProgressIsNotSaved() throws {
        let folder = try TemporaryFolder()
        let blocker = folder.file("file")
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8)))
        let (store, notices) = ProgressStore.open(path: blocker + "/gloss.sqlite")
        #expect(store == nil)
        #expect(notices == ["progress is not saved: not a folder: \(blocker)"])
    }

    @Test func aFolderThatCannotBeCreatedMeansProgressIsNotSaved() {
        // /proc refuses new folders even to root, which chmod would not stop.
        let folder = "/proc/gloss-\(UUID().uuidString)/state"
        let (store, notices) = ProgressStore.open(path: folder + "/gloss.sqlite")
        #expect(store == nil)
        #expect(notices == ["progress is not saved: cannot create the folder \(folder)"])
    }

    @Test func aFolderWhereNoFileCanBeCreatedMeansProgressIsNotSaved() throws {
        let (store, notices) = ProgressStore.open(path: "/proc/self/gloss.sqlite")
        #expect(store == nil)
        #expect(notices.count == 1)
        let notice = try #require(notices.first)
        #expect(notice.hasPrefix("progress is not saved: "))
        #expect(notice.contains("/proc/self"))
    }

    @Test func aFolderWhereTheDatabaseShouldBeIsNotMovedAside() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.database, withIntermediateDirectories: false)
        let (store, notices) = ProgressStore.open(path: folder.database)
        #expect(store == nil)
        #expect(notices.count == 1)
        #expect(notices.first?.hasPrefix("progress is not saved: ") == true)
        #expect(notices.first?.hasSuffix(folder.database) == true)
        #expect(try folder.contents() == ["gloss.sqlite"])
    }

    // MARK: A damaged database

    /// The name `open` gives a damaged database at `date`, worked out apart from the code under test.
    func corruptName(at date: Date) -> String {
        let c = Calendar.current.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { String(format: "%02d", n ?? -1) }
        return "gloss.sqlite.corrupt-\(c.year ?? 0)\(two(c.month))\(two(c.day))-\(two(c.hour))\(two(c.minute))\(two(c.second))"
    }

    static let damagedContents: [(String, [UInt8])] = [
        ("garbage", (0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }),
        ("text", Array(String(repeating: "This is not a database, only a lesson.\n", count: 200).utf8)),
        ("bare SQLite header", Array("SQLite format 3\0".utf8) + [UInt8](repeating: 0xFF, count: 200)),
    ]

    @Test(arguments: damagedContents.map(\.0))
    func aDamagedDatabaseIsMovedAsideAndAFreshOneMade(kind: String) throws {
        let bytes = try #require(Self.damagedContents.first { $0.0 == kind }?.1)
        let folder = try TemporaryFolder()
        #expect(FileManager.default.createFile(atPath: folder.database, contents: Data(bytes)))
        let now = Date(timeIntervalSince1970: 1_754_000_000)

        let (opened, notices) = ProgressStore.open(path: folder.database, now: now, schema: .current)
        let store = try #require(opened)
        let movedTo = folder.file(corruptName(at: now))
        #expect(notices == ["the progress database was damaged; moved it to \(movedTo) and started a new one"])
        #expect(FileManager.default.contents(atPath: movedTo) == Data(bytes))
        #expect(!store.isReadOnly)
        try store.savePosition(hash: "h", path: "/l/a.txt", position: anywhere, percentRead: 50)
        #expect(try store.lesson(hash: "h", path: "/l/a.txt")?.position == anywhere)
    }

    @Test func aTruncatedDatabaseIsMovedAside() throws {
        let folder = try TemporaryFolder()
        do {
            let store = try openStore(folder.database)
            for i in 0..<400 {
                try store.setStatus(.known, forTerm: "term number \(i) with a long tail to fill pages", at: Date())
            }
            try store.close()
        }
        // As a copy that stopped half way would be: half the file, no log beside it.
        try? FileManager.default.removeItem(atPath: folder.database + "-wal")
        try? FileManager.default.removeItem(atPath: folder.database + "-shm")
        let full = try #require(FileManager.default.contents(atPath: folder.database))
        #expect(full.count >= 8 * 4096)
        #expect(FileManager.default.createFile(atPath: folder.database, contents: full.prefix(full.count / 2)))

        let (store, notices) = ProgressStore.open(path: folder.database)
        #expect(store != nil)
        #expect(notices.count == 1)
        #expect(notices.first?.hasPrefix("the progress database was damaged; moved it to \(folder.database).corrupt-") == true)
        #expect(try store?.termStatuses().isEmpty == true)
    }

    @Test func theWriteAheadLogAndSharedMemoryMoveAsideWithTheDatabase() throws {
        let folder = try TemporaryFolder()
        let files = FileManager.default
        #expect(files.createFile(atPath: folder.database, contents: Data(repeating: 0xAB, count: 5000)))
        #expect(files.createFile(atPath: folder.database + "-wal", contents: Data(repeating: 0xCD, count: 300)))
        #expect(files.createFile(atPath: folder.database + "-shm", contents: Data(repeating: 0xEF, count: 300)))
        let now = Date(timeIntervalSince1970: 1_754_000_000)

        let (store, _) = ProgressStore.open(path: folder.database, now: now, schema: .current)
        #expect(store != nil)
        let moved = folder.file(corruptName(at: now))
        #expect(files.contents(atPath: moved) == Data(repeating: 0xAB, count: 5000))
        #expect(files.contents(atPath: moved + "-wal") == Data(repeating: 0xCD, count: 300))
        #expect(files.contents(atPath: moved + "-shm") == Data(repeating: 0xEF, count: 300))
    }

    @Test func aSecondDamagedDatabaseInTheSameSecondGetsItsOwnName() throws {
        let folder = try TemporaryFolder()
        let now = Date(timeIntervalSince1970: 1_754_000_000)
        let first = folder.file(corruptName(at: now))
        #expect(FileManager.default.createFile(atPath: first, contents: Data("earlier".utf8)))
        #expect(FileManager.default.createFile(atPath: folder.database, contents: Data(repeating: 0x55, count: 4096)))

        let (store, notices) = ProgressStore.open(path: folder.database, now: now, schema: .current)
        #expect(store != nil)
        #expect(notices == ["the progress database was damaged; moved it to \(first)-2 and started a new one"])
        #expect(FileManager.default.contents(atPath: first) == Data("earlier".utf8))
        #expect(FileManager.default.contents(atPath: first + "-2") == Data(repeating: 0x55, count: 4096))
    }

    @Test func theReaderIsToldOfTheDamageOnlyOnce() throws {
        let folder = try TemporaryFolder()
        #expect(FileManager.default.createFile(atPath: folder.database, contents: Data(repeating: 0x55, count: 4096)))
        do {
            let (store, notices) = ProgressStore.open(path: folder.database)
            #expect(notices.count == 1)
            try store?.close()
        }
        let (store, notices) = ProgressStore.open(path: folder.database)
        #expect(store != nil)
        #expect(notices.isEmpty)
    }

    // MARK: A database from a newer gloss

    @Test func aDatabaseFromANewerGlossOpensReadOnlyWithANotice() throws {
        let folder = try TemporaryFolder()
        do {
            let newer = try openStore(folder.database, schema: newerSchema)
            try newer.savePosition(hash: "h", path: "/l/a.txt", position: anywhere, percentRead: 20)
            try newer.setStatus(.known, forTerm: "embassy", at: Date())
            try newer.setSetting("chinese", "off")
            try newer.close()
        }
        let (opened, notices) = ProgressStore.open(path: folder.database)
        let store = try #require(opened)
        #expect(notices == ["progress database was written by a newer gloss; opened read-only"])
        #expect(store.isReadOnly)
        #expect(try store.lesson(hash: "h", path: "/l/a.txt")?.position == anywhere)
        #expect(try store.termStatuses() == ["embassy": .known])
        #expect(try store.setting("chinese") == "off")
    }

    @Test func aReadOnlyStoreRefusesEveryWriteWithAnError() throws {
        let folder = try TemporaryFolder()
        try openStore(folder.database, schema: newerSchema).close()
        let store = try #require(ProgressStore.open(path: folder.database).store)
        let readOnly = ProgressStoreError.readOnly(path: folder.database)
        #expect(throws: readOnly) {
            try store.savePosition(hash: "h", path: "/l/a.txt", position: anywhere, percentRead: 1)
        }
        #expect(throws: readOnly) { try store.recordOpened(hash: "h", path: "/l/a.txt", at: Date()) }
        #expect(throws: readOnly) { try store.setStatus(.known, forTerm: "embassy", at: Date()) }
        #expect(throws: readOnly) { try store.setSetting("chinese", "on") }
        #expect(try store.allLessons().isEmpty)
    }

    @Test func openingANewerDatabaseLeavesItAsTheNewerGlossWroteIt() throws {
        let folder = try TemporaryFolder()
        do {
            let newer = try openStore(folder.database, schema: newerSchema)
            try newer.setSetting("chinese", "off")
            try newer.close()
        }
        try #require(ProgressStore.open(path: folder.database).store).close()
        let again = try openStore(folder.database, schema: newerSchema)
        #expect(try again.setting("chinese") == "off")
        try again.setSetting("chinese", "on")
        #expect(try again.integrityCheck() == ["ok"])
    }

    @Test func anOlderDatabaseIsMigratedNotReadOnly() throws {
        let folder = try TemporaryFolder()
        do {
            let older = try openStore(folder.database)
            try older.setSetting("chinese", "off")
            try older.close()
        }
        let newer = try openStore(folder.database, schema: newerSchema)
        #expect(try newer.setting("chinese") == "off")
    }
}
