import Foundation
import GRDB
import LessonKit

/// Reading positions, term statuses and settings in one SQLite file, shared by every gloss
/// running at the same time. Every write is one transaction, so a process killed mid-save leaves
/// either the old value or the new one. Open it with `open(path:)`.
public final class ProgressStore: Sendable {
    public let path: String
    /// True when a newer gloss wrote the database: reads work, writes throw `.readOnly`.
    public let isReadOnly: Bool
    private let database: any DatabaseWriter

    init(path: String, database: any DatabaseWriter, isReadOnly: Bool) {
        self.path = path
        self.database = database
        self.isReadOnly = isReadOnly
    }

    // MARK: Lessons

    /// The progress of a lesson: filed under its content hash, or, when the lesson was edited
    /// since, under the path it was read at.
    ///
    /// This and the other calls on the way to the first screen and out of the reader are plain
    /// SQL over `Row`: GRDB's Codable records instantiate their generic machinery on first use,
    /// about half a millisecond per call in a fresh process (issue 5).
    public func lesson(hash: String, path: String) throws -> LessonRecord? {
        try read { db in
            if let row = try Row.fetchOne(db, sql: Self.lessonColumns + "WHERE contentHash = ?", arguments: [hash]) {
                return Self.record(row)
            }
            return try Row.fetchOne(db, sql: Self.lessonColumns + "WHERE path = ?", arguments: [path]).map(Self.record)
        }
    }

    private static let lessonColumns =
        "SELECT contentHash, path, section, paragraph, sentence, percentRead, lastOpened FROM lesson "

    private static func record(_ row: Row) -> LessonRecord {
        var position: ReadingPosition?
        if let section: Int = row[2], let paragraph: Int = row[3], let sentence: Int = row[4] {
            position = ReadingPosition(section: section, paragraph: paragraph, sentence: sentence)
        }
        return LessonRecord(contentHash: row[0], path: row[1], position: position, percentRead: row[5],
                            lastOpened: StoredDate.date(row[6] as DatabaseValue))
    }

    public func recordOpened(hash: String, path: String, at date: Date) throws {
        try write { db in
            try Self.claim(hash: hash, path: path, db)
            try db.execute(sql: "UPDATE lesson SET lastOpened = ? WHERE contentHash = ?",
                           arguments: [StoredDate.text(date), hash])
        }
    }

    /// `percentRead` is clamped to 0...100.
    public func savePosition(hash: String, path: String, position: ReadingPosition, percentRead: Int) throws {
        try write { db in try Self.store(position, percentRead: percentRead, hash: hash, path: path, db) }
    }

    private static func store(_ position: ReadingPosition, percentRead: Int, hash: String, path: String, _ db: Database) throws {
        try claim(hash: hash, path: path, db)
        try db.execute(
            sql: "UPDATE lesson SET section = ?, paragraph = ?, sentence = ?, percentRead = ? WHERE contentHash = ?",
            arguments: [position.section, position.paragraph, position.sentence, min(100, max(0, percentRead)), hash])
    }

    /// What the reader saves as it goes: the position (when there is one) and its settings,
    /// together in one transaction.
    public func saveSession(hash: String, path: String, position: ReadingPosition?, percentRead: Int,
                            settings: [(key: String, value: String)]) throws {
        try write { db in
            if let position { try Self.store(position, percentRead: percentRead, hash: hash, path: path, db) }
            for (key, value) in settings {
                try Self.upsertSetting(key, value, db)
            }
        }
    }

    /// Every lesson ever opened or saved, most recently opened first.
    public func allLessons() throws -> [LessonRecord] {
        try read { db in
            try Row.fetchAll(db, sql: Self.lessonColumns + "ORDER BY lastOpened DESC, path").map(Self.record)
        }
    }

    /// Makes sure one row holds the lesson's progress from now on, with `hash` and `path` as
    /// given. The table keeps one row per hash and one per path: content found under a new path
    /// moves its row there (a renamed or copied file); content that changed under the same path
    /// takes that path's row over (an edited file keeps its place).
    private static func claim(hash: String, path: String, _ db: Database) throws {
        if let filedPath = try String.fetchOne(db, sql: "SELECT path FROM lesson WHERE contentHash = ?", arguments: [hash]) {
            if filedPath != path {
                try db.execute(sql: "DELETE FROM lesson WHERE path = ?", arguments: [path])
                try db.execute(sql: "UPDATE lesson SET path = ? WHERE contentHash = ?", arguments: [path, hash])
            }
            return
        }
        try db.execute(sql: "UPDATE lesson SET contentHash = ? WHERE path = ?", arguments: [hash, path])
        if db.changesCount == 0 {
            try db.execute(sql: "INSERT INTO lesson (contentHash, path, percentRead) VALUES (?, ?, 0)", arguments: [hash, path])
        }
    }

    // MARK: Terms

    /// The status of every term marked anything but new, keyed by `VocabularyMatcher.normalise`.
    public func termStatuses() throws -> [String: TermStatus] {
        try read { db in
            var statuses: [String: TermStatus] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT term, status FROM term")
            while let row = try rows.next() {
                // A status only a newer gloss knows reads as new rather than failing the lot.
                if let status = TermStatus(rawValue: row[1]) { statuses[row[0]] = status }
            }
            return statuses
        }
    }

    /// Sets the status of a term in every lesson; `.new` forgets the term.
    public func setStatus(_ status: TermStatus, forTerm term: String, at date: Date) throws {
        let key = VocabularyMatcher.normalise(term)
        try write { db in
            if status == .new {
                try db.execute(sql: "DELETE FROM term WHERE term = ?", arguments: [key])
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO term (term, status, changedAt) VALUES (?, ?, ?)
                        ON CONFLICT(term) DO UPDATE SET status = excluded.status, changedAt = excluded.changedAt
                        """,
                    arguments: [key, status.rawValue, StoredDate.text(date)])
            }
        }
    }

    // MARK: Settings

    public func setting(_ key: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]) }
    }

    /// Every setting, in one read.
    public func allSettings() throws -> [String: String] {
        try read { db in
            var settings: [String: String] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT key, value FROM setting")
            while let row = try rows.next() { settings[row[0]] = row[1] }
            return settings
        }
    }

    /// `nil` removes the setting.
    public func setSetting(_ key: String, _ value: String?) throws {
        try write { db in
            if let value {
                try Self.upsertSetting(key, value, db)
            } else {
                try db.execute(sql: "DELETE FROM setting WHERE key = ?", arguments: [key])
            }
        }
    }

    private static func upsertSetting(_ key: String, _ value: String, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [key, value])
    }

    // MARK: Health

    /// SQLite's `PRAGMA integrity_check`: `["ok"]` for a sound database, else one line per fault.
    public func integrityCheck() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// Folds the write-ahead log back into the database file and closes it; later calls throw.
    /// SQLite would fold it on its own only when the last connection closes, and GRDB closes its
    /// writer before its readers, so without this the log outlives the process. The reader's
    /// own quit does not close at all (see `ReadCommand.withSession`): that loses nothing, since
    /// the next open reads the log; `foldLog(ifLongerThan:)` keeps it short.
    public func close() throws {
        do {
            if !isReadOnly {
                // Passive: never waits for another gloss that is reading; it folds what it can.
                _ = try database.writeWithoutTransaction { try $0.checkpoint(.passive) }
            }
            try database.close()
        } catch let error as DatabaseError {
            throw ProgressStoreError.database(error.summary)
        }
    }

    /// Folds the write-ahead log into the database and empties it when the log file is longer
    /// than `bytes`; true when it did. The reader quits without closing, so nothing else folds
    /// the log until SQLite's own limit of 1,000 pages (4 MB), and every open reads the whole log
    /// first: about 0.6 ms a megabyte (issue 5). Only emptying the file helps: an open cannot
    /// tell that a log left behind was folded already, so it would read it all again. That
    /// needs a moment without readers; when another gloss is reading, this gives up after
    /// 20 ms and returns false, to try again on a later open.
    @discardableResult
    public func foldLog(ifLongerThan bytes: Int) throws -> Bool {
        guard !isReadOnly else { return false }
        var status = stat()
        guard stat(path + "-wal", &status) == 0, Int(status.st_size) > bytes else { return false }
        do {
            return try database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA busy_timeout = 20")
                defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Self.busyTimeoutMilliseconds)") }
                do {
                    _ = try db.checkpoint(.truncate)
                    return true
                } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                    return false
                }
            }
        } catch let error as DatabaseError {
            throw ProgressStoreError.database(error.summary)
        }
    }

    // MARK: Access

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try database.read(body)
        } catch let error as DatabaseError {
            throw ProgressStoreError.database(error.summary)
        }
    }

    private func write<T>(_ body: (Database) throws -> T) throws -> T {
        guard !isReadOnly else { throw ProgressStoreError.readOnly(path: path) }
        do {
            return try database.write(body)
        } catch let error as DatabaseError {
            throw ProgressStoreError.database(error.summary)
        }
    }
}

extension DatabaseError {
    /// SQLite's own words without GRDB's "while executing `…`" SQL dump.
    var summary: String {
        message ?? "SQLite error \(resultCode.rawValue)"
    }
}
