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

extension ProgressStore {
    /// `$XDG_STATE_HOME/gloss/gloss.sqlite`, else `$HOME/.local/state/gloss/gloss.sqlite`.
    /// A relative `XDG_STATE_HOME` is ignored, as the XDG base directory specification asks.
    public static func defaultPath(environment: [String: String]) -> String {
        defaultPath(stateHome: environment["XDG_STATE_HOME"], home: environment["HOME"])
    }

    /// `defaultPath(environment:)` from the two variables it reads.
    public static func defaultPath(stateHome: String?, home: String?) -> String {
        if let stateHome, stateHome.hasPrefix("/") {
            return stateHome + "/gloss/gloss.sqlite"
        }
        return FilePath.home(home) + "/.local/state/gloss/gloss.sqlite"
    }

    /// How long a write waits for another gloss holding the lock.
    static let busyTimeoutMilliseconds: Int32 = 5000

    static let newerNotice = "progress database was written by a newer gloss; opened read-only"

    /// Opens the database at `path`, making its folder and the database when missing. Never
    /// throws: reading a lesson must not depend on it. `store` is nil when progress cannot be
    /// saved; `notices` are one line each, for the status bar, to be shown once.
    public static func open(path: String) -> (store: ProgressStore?, notices: [String]) {
        open(path: path, now: Date(), schema: .current)
    }

    static func open(path: String, now: Date, schema: ProgressSchema) -> (store: ProgressStore?, notices: [String]) {
        let folder = FilePath.parent(of: path)
        if let reason = StateFolder.prepare(folder.isEmpty ? "." : folder) {
            return (nil, ["progress is not saved: \(reason)"])
        }
        switch patientAttempt(path: path, schema: schema) {
        case .opened(let store):
            return (store, store.isReadOnly ? [newerNotice] : [])
        case .failed(let reason):
            return (nil, ["progress is not saved: \(reason)"])
        case .damaged:
            let movedTo: String
            do {
                movedTo = try DamagedDatabase.moveAside(path, at: now)
            } catch {
                return (nil, ["progress is not saved: \(path) is damaged and could not be moved aside (\(error))"])
            }
            let notice = "the progress database was damaged; moved it to \(movedTo) and started a new one"
            switch patientAttempt(path: path, schema: schema) {
            case .opened(let store):
                return (store, [notice])
            case .failed(let reason):
                return (nil, [notice, "progress is not saved: \(reason)"])
            case .damaged:
                return (nil, [notice, "progress is not saved: the new database at \(path) is damaged too"])
            }
        }
    }

    private enum Attempt {
        case opened(ProgressStore)
        case damaged
        case failed(String)
    }

    /// SQLite answers "database is locked" at once, without waiting out the busy timeout, when
    /// two processes switch a new database to WAL together; the one that lost only has to try
    /// again, and after about a second something else is wrong.
    private static func patientAttempt(path: String, schema: ProgressSchema) -> Attempt {
        // Tries again for about a second; a lock held past a write's own 5-second wait ends it too.
        let clock = ContinuousClock()
        let giveUp = clock.now + .seconds(1)
        while clock.now < giveUp {
            do {
                return try attempt(path: path, schema: schema)
            } catch {
                usleep(20_000)
            }
        }
        return (try? attempt(path: path, schema: schema)) ?? .failed("database is locked: \(StateFolder.tilde(path))")
    }

    /// Throws only when SQLite was busy.
    private static func attempt(path: String, schema: ProgressSchema) throws(SQLiteError) -> Attempt {
        // Caught before SQLite sees the file: SQLite may delete a -wal and -shm it cannot use,
        // and they belong with the damaged database for whoever wants to rescue it.
        if DamagedDatabase.hasForeignHeader(path) { return .damaged }
        // A database made now has nothing to lose yet: it is made, schema and all, without
        // waiting for the disk (six syncs, about 2 ms of the first start). Cut off halfway, it
        // reads as damaged at the next start and is moved aside, or lacks its tables and gets
        // them again; once made, it syncs as below.
        let isNew = !FilePath.kind(of: path).exists
        do {
            let connection = try SQLiteConnection(path: path, readOnly: false, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
            if isNew { try connection.execute("PRAGMA synchronous = OFF") }
            // Several gloss may read and write at once: a write-ahead log lets readers go on
            // while one writes. In WAL mode, NORMAL syncs at checkpoints rather than at every
            // commit: a killed process still loses nothing committed; a power cut may lose the
            // last commits, never the database's integrity. A save on every quit then costs no
            // fsync.
            let mode = try connection.rows("PRAGMA journal_mode = WAL").first?.first?.text
            guard mode == "wal" else {
                return .failed("SQLite would not keep a write-ahead log (journal mode \(mode ?? "unknown")): \(StateFolder.tilde(path))")
            }
            if !isNew { try connection.execute("PRAGMA synchronous = NORMAL") }
            // quick_check reads every page, so a truncated file is caught here rather than by
            // the first query that happens to touch a missing page.
            guard try connection.rows("PRAGMA quick_check").map({ $0.first?.text }) == ["ok"] else { return .damaged }
            if try schema.hasBeenSuperseded(connection) {
                // Reopened read-only so that SQLite itself, not only this type, refuses writes
                // to a schema this build does not understand.
                try connection.close()
                let readOnly = try SQLiteConnection(path: path, readOnly: true, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
                return .opened(ProgressStore(path: path, connection: readOnly, isReadOnly: true))
            }
            try schema.migrate(connection)
            if isNew { try connection.execute("PRAGMA synchronous = NORMAL") }
            return .opened(ProgressStore(path: path, connection: connection, isReadOnly: false))
        } catch let error as SQLiteError where error.isBusy {
            throw error
        } catch let error as SQLiteError where error.isDamage {
            return .damaged
        } catch let error as SQLiteError {
            // SQLite says "disk I/O error" when it cannot grow its files; say what it means.
            let reason = StateFolder.isFull(FilePath.parent(of: path)) ? "the disk is full" : error.message
            return .failed("\(reason): \(StateFolder.tilde(path))")
        } catch {
            return .failed("\(error): \(StateFolder.tilde(path))")
        }
    }
}
