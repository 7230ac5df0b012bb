import Foundation
import GRDB
import LessonKit
import Testing
@testable import ProgressStore

/// gloss wrote its database through GRDB until it went to SQLite's C interface (issue 5): a
/// database from before must open as it was, and one written now must still be one GRDB's
/// migrator (and so an older gloss) takes as up to date.
@Suite struct DatabaseCompatibilityTests {
    /// The migrator of the GRDB-based gloss, with the same "v1".
    static func grdbMigrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        let sql = ProgressSchema.current.migrations[0].sql
        migrator.registerMigration("v1") { db in try db.execute(sql: sql) }
        return migrator
    }

    @Test func aDatabaseWrittenThroughGRDBOpensWithEverythingInIt() throws {
        let folder = try TemporaryFolder()
        let opened = Date(timeIntervalSince1970: 1_796_000_952.345)
        do {
            let pool = try DatabasePool(path: folder.database)
            try Self.grdbMigrator().migrate(pool)
            try pool.write { db in
                try db.execute(sql: "INSERT INTO lesson (contentHash, path, section, paragraph, sentence, percentRead, lastOpened) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               arguments: ["h1", "/l/a.txt", 1, 2, 3, 40, opened])
                try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('chinese', 'off')")
                try db.execute(sql: "INSERT INTO term (term, status, changedAt) VALUES ('coercion', 'known', ?)", arguments: [opened])
            }
            try pool.close()
        }
        let (store, notices) = ProgressStore.open(path: folder.database, now: Date(), schema: .current)
        let opening = try #require(store)
        #expect(notices.isEmpty)
        #expect(!opening.isReadOnly)
        let record = try #require(try opening.lesson(hash: "h1", path: "/l/a.txt"))
        #expect(record.position == SentenceLocation(section: 1, paragraph: 2, sentence: 3))
        #expect(record.percentRead == 40)
        #expect(record.lastOpened == opened)
        #expect(try opening.allSettings() == ["chinese": "off"])
        #expect(try opening.termStatuses() == ["coercion": .known])
        // Migrations are not run again over it.
        try opening.setSetting("sidebar", "on")
        #expect(try opening.integrityCheck() == ["ok"])
    }

    @Test func aDatabaseWrittenNowIsUpToDateForGRDB() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder.database)
        let opened = Date(timeIntervalSince1970: 1_796_000_952.345)
        try store.recordOpened(hash: "h1", path: "/l/a.txt", at: opened)
        try store.close()
        let queue = try DatabaseQueue(path: folder.database)
        let migrator = Self.grdbMigrator()
        #expect(try queue.read { try migrator.hasCompletedMigrations($0) })
        #expect(try queue.read { try migrator.hasBeenSuperseded($0) } == false)
        let read = try queue.read { db in try Date.fetchOne(db, sql: "SELECT lastOpened FROM lesson WHERE contentHash = 'h1'") }
        #expect(read == opened)
    }
}
