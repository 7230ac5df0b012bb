#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LessonKit

/// Reading positions, term statuses and settings in one SQLite file, shared by every gloss
/// running at the same time. Every write is one transaction, so a process killed mid-save leaves
/// either the old value or the new one. Open it with `open(path:)`.
public final class ProgressStore: Sendable {
    public let path: String
    /// True when a newer gloss wrote the database: reads work, writes throw `.readOnly`.
    public let isReadOnly: Bool
    private let connection: SQLiteConnection

    init(path: String, connection: SQLiteConnection, isReadOnly: Bool) {
        self.path = path
        self.connection = connection
        self.isReadOnly = isReadOnly
    }

    // MARK: Lessons

    /// The progress of a lesson: filed under its content hash, or, when the lesson was edited
    /// since, under the path it was read at.
    public func lesson(hash: String, path: String) throws -> LessonRecord? {
        try read { db in
            if let row = try db.rows(Self.lessonColumns + "WHERE contentHash = ?", [.text(hash)]).first {
                return Self.record(row)
            }
            return try db.rows(Self.lessonColumns + "WHERE path = ?", [.text(path)]).first.map(Self.record)
        }
    }

    private static let lessonColumns =
        "SELECT contentHash, path, section, paragraph, sentence, percentRead, lastOpened FROM lesson "

    private static func record(_ row: [SQLValue]) -> LessonRecord {
        var position: SentenceLocation?
        if let section = row[2].integer, let paragraph = row[3].integer, let sentence = row[4].integer {
            position = SentenceLocation(section: section, paragraph: paragraph, sentence: sentence)
        }
        return LessonRecord(contentHash: row[0].text ?? "", path: row[1].text ?? "", position: position,
                            percentRead: row[5].integer ?? 0, lastOpened: row[6].text.flatMap(StoredDate.date))
    }

    public func recordOpened(hash: String, path: String, at date: Date) throws {
        try saveSession(hash: hash, path: path, position: nil, percentRead: 0, settings: [], opened: date)
    }

    /// `percentRead` is clamped to 0...100.
    public func savePosition(hash: String, path: String, position: SentenceLocation, percentRead: Int) throws {
        try write { db in try Self.store(position, percentRead: percentRead, hash: hash, path: path, db) }
    }

    private static func store(_ position: SentenceLocation, percentRead: Int, hash: String, path: String,
                              _ db: SQLiteConnection) throws {
        try claim(hash: hash, path: path, db)
        try db.rows("UPDATE lesson SET section = ?, paragraph = ?, sentence = ?, percentRead = ? WHERE contentHash = ?",
                    [.integer(position.section), .integer(position.paragraph), .integer(position.sentence),
                     .integer(min(100, max(0, percentRead))), .text(hash)])
    }

    /// What the reader saves as it goes: the position (when there is one) and its settings,
    /// together in one transaction; with `opened`, also when the lesson was opened (as
    /// `recordOpened` does), so that the first write of a session holds all of it.
    public func saveSession(hash: String, path: String, position: SentenceLocation?, percentRead: Int,
                            settings: [(key: String, value: String)], opened: Date? = nil) throws {
        try write { db in
            if let opened {
                try Self.claim(hash: hash, path: path, db)
                try db.rows("UPDATE lesson SET lastOpened = ? WHERE contentHash = ?", [.text(StoredDate.text(opened)), .text(hash)])
            }
            if let position { try Self.store(position, percentRead: percentRead, hash: hash, path: path, db) }
            for (key, value) in settings {
                try Self.upsertSetting(key, value, db)
            }
        }
    }

    /// Every lesson ever opened or saved, most recently opened first.
    public func allLessons() throws -> [LessonRecord] {
        try read { db in
            try db.rows(Self.lessonColumns + "ORDER BY lastOpened DESC, path").map(Self.record)
        }
    }

    /// Makes sure one row holds the lesson's progress from now on, with `hash` and `path` as
    /// given. The table keeps one row per hash and one per path: content found under a new path
    /// moves its row there (a renamed or copied file); content that changed under the same path
    /// takes that path's row over (an edited file keeps its place).
    private static func claim(hash: String, path: String, _ db: SQLiteConnection) throws {
        if let filedPath = try db.rows("SELECT path FROM lesson WHERE contentHash = ?", [.text(hash)]).first?.first?.text {
            if filedPath != path {
                try db.rows("DELETE FROM lesson WHERE path = ?", [.text(path)])
                try db.rows("UPDATE lesson SET path = ? WHERE contentHash = ?", [.text(path), .text(hash)])
            }
            return
        }
        try db.rows("UPDATE lesson SET contentHash = ? WHERE path = ?", [.text(hash), .text(path)])
        if db.changes == 0 {
            try db.rows("INSERT INTO lesson (contentHash, path, percentRead) VALUES (?, ?, 0)", [.text(hash), .text(path)])
        }
    }

    // MARK: Terms

    /// The status of every term marked anything but new, keyed by `VocabularyMatcher.normalise`.
    public func termStatuses() throws -> [String: TermStatus] {
        try read { db in
            var statuses: [String: TermStatus] = [:]
            for row in try db.rows("SELECT term, status FROM term") {
                // A status only a newer gloss knows reads as new rather than failing the lot.
                if let term = row[0].text, let status = row[1].text.flatMap(TermStatus.init(rawValue:)) {
                    statuses[term] = status
                }
            }
            return statuses
        }
    }

    /// Sets the status of a term in every lesson; `.new` forgets the term.
    public func setStatus(_ status: TermStatus, forTerm term: String, at date: Date) throws {
        let key = VocabularyMatcher.normalise(term)
        try write { db in
            if status == .new {
                try db.rows("DELETE FROM term WHERE term = ?", [.text(key)])
            } else {
                try db.rows("""
                    INSERT INTO term (term, status, changedAt) VALUES (?, ?, ?)
                    ON CONFLICT(term) DO UPDATE SET status = excluded.status, changedAt = excluded.changedAt
                    """, [.text(key), .text(status.rawValue), .text(StoredDate.text(date))])
            }
        }
    }

    // MARK: Settings

    public func setting(_ key: String) throws -> String? {
        try read { db in try db.rows("SELECT value FROM setting WHERE key = ?", [.text(key)]).first?.first?.text }
    }

    /// Every setting, in one read.
    public func allSettings() throws -> [String: String] {
        try read { db in
            var settings: [String: String] = [:]
            for row in try db.rows("SELECT key, value FROM setting") {
                if let key = row[0].text, let value = row[1].text { settings[key] = value }
            }
            return settings
        }
    }

    /// `nil` removes the setting.
    public func setSetting(_ key: String, _ value: String?) throws {
        try write { db in
            if let value {
                try Self.upsertSetting(key, value, db)
            } else {
                try db.rows("DELETE FROM setting WHERE key = ?", [.text(key)])
            }
        }
    }

    private static func upsertSetting(_ key: String, _ value: String, _ db: SQLiteConnection) throws {
        try db.rows("INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    [.text(key), .text(value)])
    }

    // MARK: Health

    /// SQLite's `PRAGMA integrity_check`: `["ok"]` for a sound database, else one line per fault.
    public func integrityCheck() throws -> [String] {
        try read { db in try db.rows("PRAGMA integrity_check").compactMap { $0.first?.text } }
    }

    /// Folds the write-ahead log back into the database file and closes it; later calls throw.
    /// The reader's own quit does not close at all (see `ReadCommand.withSession`): that loses
    /// nothing, since the next open reads the log; `foldLog(ifLongerThan:)` keeps it short.
    public func close() throws {
        try access {
            // Passive: never waits for another gloss that is reading; it folds what it can.
            if !isReadOnly { try? connection.checkpoint(.passive) }
            try connection.close()
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
        return try access {
            connection.setBusyTimeout(milliseconds: 20)
            defer { connection.setBusyTimeout(milliseconds: Self.busyTimeoutMilliseconds) }
            do {
                try connection.checkpoint(.truncate)
                return true
            } catch let error as SQLiteError where error.isBusy {
                return false
            }
        }
    }

    /// SQLite's `PRAGMA synchronous` on the connection (1 is NORMAL), for tests.
    func synchronousLevel() throws -> Int? {
        try access { try connection.rows("PRAGMA synchronous").first?.first?.integer }
    }

    // MARK: Access

    /// `body` alone on the connection, with SQLite's failures worded for the status bar.
    private func access<T>(_ body: () throws -> T) throws -> T {
        do {
            return try connection.exclusively(body)
        } catch let error as SQLiteError {
            throw ProgressStoreError.database(error.message)
        }
    }

    /// Reads in one transaction, so that the queries of one call see the same database.
    private func read<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try access { try connection.transaction(immediate: false) { try body(connection) } }
    }

    @discardableResult
    private func write<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        guard !isReadOnly else { throw ProgressStoreError.readOnly(path: path) }
        return try access { try connection.transaction(immediate: true) { try body(connection) } }
    }
}
