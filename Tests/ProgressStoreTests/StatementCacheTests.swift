import Foundation
import Testing
@testable import ProgressStore

/// `SQLiteConnection.rows` keeps each statement prepared for its next run (issue 5: preparing
/// them again was a quarter of the save on the way out). A kept statement must bind afresh each
/// time, survive its own failure, and hold no lock between runs.
@Suite struct StatementCacheTests {
    private func connection(_ folder: TemporaryFolder) throws -> SQLiteConnection {
        let connection = try SQLiteConnection(path: folder.database, readOnly: false, busyTimeoutMilliseconds: 0)
        try connection.execute("PRAGMA journal_mode = WAL")
        try connection.execute("CREATE TABLE IF NOT EXISTS item (name TEXT PRIMARY KEY, count INTEGER)")
        return connection
    }

    @Test func theSameStatementBindsItsNewArgumentsEachTime() throws {
        let folder = try TemporaryFolder()
        let db = try connection(folder)
        for (name, count) in [("a", 1), ("b", 2), ("c", 3)] {
            try db.rows("INSERT INTO item (name, count) VALUES (?, ?)", [.text(name), .integer(count)])
        }
        for (name, count) in [("a", 1), ("b", 2), ("c", 3)] {
            #expect(try db.rows("SELECT count FROM item WHERE name = ?", [.text(name)]) == [[.integer(count)]])
        }
        // A null bound where a value was before is a null, not the old value.
        try db.rows("INSERT INTO item (name, count) VALUES (?, ?)", [.text("d"), .null])
        #expect(try db.rows("SELECT count FROM item WHERE name = ?", [.text("d")]) == [[.null]])
    }

    @Test func aStatementThatFailedRunsAgain() throws {
        let folder = try TemporaryFolder()
        let db = try connection(folder)
        let insert = "INSERT INTO item (name, count) VALUES (?, ?)"
        try db.rows(insert, [.text("a"), .integer(1)])
        #expect(throws: SQLiteError.self) { try db.rows(insert, [.text("a"), .integer(2)]) }
        try db.rows(insert, [.text("b"), .integer(2)])
        #expect(try db.rows("SELECT name, count FROM item ORDER BY name") == [[.text("a"), .integer(1)], [.text("b"), .integer(2)]])
    }

    @Test func aKeptStatementHoldsNoReadTransactionBetweenRuns() throws {
        let folder = try TemporaryFolder()
        let reader = try connection(folder)
        for name in ["a", "b", "c"] {
            try reader.rows("INSERT INTO item (name, count) VALUES (?, 0)", [.text(name)])
        }
        // Read, stopping at no row, and a query that returns several rows.
        #expect(try reader.rows("SELECT name FROM item ORDER BY name").count == 3)
        #expect(try reader.rows("SELECT name FROM item WHERE count > 5").isEmpty)
        // Another connection writes, then empties the log: a truncating checkpoint fails while
        // any reader still has a transaction open on the database.
        let writer = try SQLiteConnection(path: folder.database, readOnly: false, busyTimeoutMilliseconds: 0)
        _ = try writer.transaction(immediate: true) { try writer.rows("UPDATE item SET count = 1") }
        try writer.checkpoint(.truncate)
        #expect(try reader.rows("SELECT count(*) FROM item WHERE count = 1") == [[.integer(3)]])
    }

    @Test func closingFinalizesTheKeptStatements() throws {
        let folder = try TemporaryFolder()
        let db = try connection(folder)
        try db.rows("INSERT INTO item (name, count) VALUES (?, ?)", [.text("a"), .integer(1)])
        #expect(try db.rows("SELECT count(*) FROM item") == [[.integer(1)]])
        // sqlite3_close refuses (SQLITE_BUSY) while any statement is left unfinalized.
        try db.close()
        #expect(throws: SQLiteError.self) { try db.rows("SELECT count(*) FROM item") }
    }
}
