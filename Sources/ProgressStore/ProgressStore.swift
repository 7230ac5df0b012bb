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
    public func lesson(hash: String, path: String) throws -> LessonRecord? {
        try read { db in
            if let row = try LessonRow.fetchOne(db, key: hash) { return row.record }
            return try LessonRow.filter(Column("path") == path).fetchOne(db)?.record
        }
    }

    public func recordOpened(hash: String, path: String, at date: Date) throws {
        try write { db in
            var row = try Self.claim(hash: hash, path: path, db)
            row.lastOpened = date
            try row.update(db)
        }
    }

    /// `percentRead` is clamped to 0...100.
    public func savePosition(hash: String, path: String, position: ReadingPosition, percentRead: Int) throws {
        try write { db in try Self.store(position, percentRead: percentRead, hash: hash, path: path, db) }
    }

    private static func store(_ position: ReadingPosition, percentRead: Int, hash: String, path: String, _ db: Database) throws {
        var row = try claim(hash: hash, path: path, db)
        row.section = position.section
        row.paragraph = position.paragraph
        row.sentence = position.sentence
        row.percentRead = min(100, max(0, percentRead))
        try row.update(db)
    }

    /// What the reader saves as it goes: the position (when there is one) and its settings,
    /// together in one transaction.
    public func saveSession(hash: String, path: String, position: ReadingPosition?, percentRead: Int,
                            settings: [(key: String, value: String)]) throws {
        try write { db in
            if let position { try Self.store(position, percentRead: percentRead, hash: hash, path: path, db) }
            for (key, value) in settings {
                try SettingRow(key: key, value: value).upsert(db)
            }
        }
    }

    /// Every lesson ever opened or saved, most recently opened first.
    public func allLessons() throws -> [LessonRecord] {
        try read { db in
            try LessonRow
                .order(Column("lastOpened").desc, Column("path"))
                .fetchAll(db)
                .map(\.record)
        }
    }

    /// The row that holds the lesson's progress from now on, with `hash` and `path` as given.
    /// The table keeps one row per hash and one per path: content found under a new path moves
    /// its row there (a renamed or copied file); content that changed under the same path takes
    /// that path's row over (an edited file keeps its place).
    private static func claim(hash: String, path: String, _ db: Database) throws -> LessonRow {
        if var row = try LessonRow.fetchOne(db, key: hash) {
            if row.path != path {
                try LessonRow.filter(Column("path") == path).deleteAll(db)
                row.path = path
                try row.update(db)
            }
            return row
        }
        if var row = try LessonRow.filter(Column("path") == path).fetchOne(db) {
            // The primary key itself changes, which GRDB's record updates cannot express.
            try db.execute(sql: "UPDATE lesson SET contentHash = ? WHERE path = ?", arguments: [hash, path])
            row.contentHash = hash
            return row
        }
        let row = LessonRow(contentHash: hash, path: path, section: nil, paragraph: nil, sentence: nil,
                            percentRead: 0, lastOpened: nil)
        try row.insert(db)
        return row
    }

    // MARK: Terms

    /// The status of every term marked anything but new, keyed by `VocabularyMatcher.normalise`.
    public func termStatuses() throws -> [String: TermStatus] {
        try read { db in
            var statuses: [String: TermStatus] = [:]
            for row in try TermRow.fetchAll(db) {
                // A status only a newer gloss knows reads as new rather than failing the lot.
                if let status = TermStatus(rawValue: row.status) { statuses[row.term] = status }
            }
            return statuses
        }
    }

    /// Sets the status of a term in every lesson; `.new` forgets the term.
    public func setStatus(_ status: TermStatus, forTerm term: String, at date: Date) throws {
        let key = VocabularyMatcher.normalise(term)
        try write { db in
            if status == .new {
                _ = try TermRow.deleteOne(db, key: key)
            } else {
                try TermRow(term: key, status: status.rawValue, changedAt: date).upsert(db)
            }
        }
    }

    // MARK: Settings

    public func setting(_ key: String) throws -> String? {
        try read { db in try SettingRow.fetchOne(db, key: key)?.value }
    }

    /// Every setting, in one read.
    public func allSettings() throws -> [String: String] {
        try read { db in
            Dictionary(try SettingRow.fetchAll(db).map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        }
    }

    /// `nil` removes the setting.
    public func setSetting(_ key: String, _ value: String?) throws {
        try write { db in
            if let value {
                try SettingRow(key: key, value: value).upsert(db)
            } else {
                _ = try SettingRow.deleteOne(db, key: key)
            }
        }
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
    /// the next open reads the log and SQLite folds it whenever it passes 1,000 pages.
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
