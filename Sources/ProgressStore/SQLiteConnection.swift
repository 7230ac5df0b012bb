import CSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure SQLite reported: its primary result code and its own message.
struct SQLiteError: Error, Sendable, CustomStringConvertible {
    var code: Int32
    var message: String

    var description: String { message }
    /// Another connection holds a lock (after the busy timeout, or at once for some steps).
    var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }
    /// The file is not a database, or a damaged one.
    var isDamage: Bool { code == SQLITE_NOTADB || code == SQLITE_CORRUPT }
}

/// A value to bind to a statement, or read from a row.
enum SQLValue: Sendable, Equatable {
    case integer(Int)
    case text(String)
    case null

    var integer: Int? { if case .integer(let value) = self { value } else { nil } }
    var text: String? { if case .text(let value) = self { value } else { nil } }
}

/// One connection to an SQLite database, through SQLite's C interface. gloss needs a handful
/// of statements, and GRDB's general machinery cost about 2 ms to open in a fresh process: it
/// builds generic types on first use and asks Foundation for the log file's size, which loads
/// URL's resource machinery (issue 5). Calls from several threads take turns.
final class SQLiteConnection: @unchecked Sendable {
    private let handle: OpaquePointer
    /// Held by `exclusively` and by every call that runs SQL (`rows`, `execute`, `checkpoint`)
    /// or touches `statements`, and by `close`; recursive, since those calls run inside
    /// `exclusively`.
    private let lock: UnsafeMutablePointer<pthread_mutex_t> = {
        let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        var attributes = pthread_mutexattr_t()
        pthread_mutexattr_init(&attributes)
        pthread_mutexattr_settype(&attributes, Int32(PTHREAD_MUTEX_RECURSIVE))
        pthread_mutex_init(lock, &attributes)
        pthread_mutexattr_destroy(&attributes)
        return lock
    }()
    private var closed = false
    /// Each statement `rows` has run, prepared once and reset after each use: the same few
    /// statements run at every save, and preparing them again was a quarter of the save on
    /// the way out (issue 5).
    private var statements: [String: OpaquePointer] = [:]

    init(path: String, readOnly: Bool, busyTimeoutMilliseconds: Int32) throws(SQLiteError) {
        var opened: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let code = sqlite3_open_v2(path, &opened, flags | SQLITE_OPEN_FULLMUTEX, nil)
        guard code == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(opened)
            throw SQLiteError(code: code & 0xFF, message: message)
        }
        handle = opened
        sqlite3_extended_result_codes(handle, 0)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        if !closed { sqlite3_close_v2(handle) }
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    /// Closes the connection; every later call throws.
    func close() throws(SQLiteError) {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        guard !closed else { return }
        for statement in statements.values { sqlite3_finalize(statement) }
        statements = [:]
        let code = sqlite3_close(handle)
        guard code == SQLITE_OK else { throw failure(code) }
        closed = true
    }

    private func checkOpen() throws(SQLiteError) {
        if closed { throw SQLiteError(code: SQLITE_MISUSE, message: "the database is closed") }
    }

    /// Runs `body` alone on this connection.
    func exclusively<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return try body()
    }

    /// Runs one statement, binding `arguments` to its `?`s, and returns its rows.
    @discardableResult
    func rows(_ sql: String, _ arguments: [SQLValue] = []) throws(SQLiteError) -> [[SQLValue]] {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        try checkOpen()
        var code: Int32
        let statement: OpaquePointer
        if let prepared = statements[sql] {
            statement = prepared
        } else {
            var prepared: OpaquePointer?
            code = sqlite3_prepare_v2(handle, sql, -1, &prepared, nil)
            guard code == SQLITE_OK, let made = prepared else { throw failure(code) }
            statement = made
            statements[sql] = made
        }
        // Reset at once after use, whatever happened: a statement left stepping would keep its
        // read transaction (and its lock) open.
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        for (offset, argument) in arguments.enumerated() {
            let index = Int32(offset + 1)
            switch argument {
            case .integer(let value): code = sqlite3_bind_int64(statement, index, sqlite3_int64(value))
            case .text(let value): code = gloss_sqlite_bind_text(statement, index, value, -1)
            case .null: code = sqlite3_bind_null(statement, index)
            }
            guard code == SQLITE_OK else { throw failure(code) }
        }
        var result: [[SQLValue]] = []
        while true {
            code = sqlite3_step(statement)
            if code == SQLITE_DONE { return result }
            guard code == SQLITE_ROW else { throw failure(code) }
            let columns = sqlite3_column_count(statement)
            var row: [SQLValue] = []
            row.reserveCapacity(Int(columns))
            for column in 0..<columns {
                switch sqlite3_column_type(statement, column) {
                case SQLITE_INTEGER:
                    row.append(.integer(Int(sqlite3_column_int64(statement, column))))
                case SQLITE_NULL:
                    row.append(.null)
                default:
                    // Text, and anything else as its text.
                    if let text = sqlite3_column_text(statement, column) {
                        row.append(.text(String(cString: text)))
                    } else {
                        row.append(.null)
                    }
                }
            }
            result.append(row)
        }
    }

    /// Runs SQL with no arguments, several statements at once if need be.
    func execute(_ sql: String) throws(SQLiteError) {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        try checkOpen()
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw failure(code) }
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { Int(sqlite3_changes(handle)) }

    /// `body` in one transaction: committed when it returns, rolled back when it throws.
    /// `immediate` takes the write lock at once, so a write never finds, halfway, that another
    /// gloss wrote meanwhile.
    func transaction<T>(immediate: Bool, _ body: () throws -> T) throws -> T {
        try execute(immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    enum CheckpointMode { case passive, truncate }

    /// Folds the write-ahead log into the database (`truncate` also empties the log file, and
    /// waits for readers as long as the busy timeout allows).
    func checkpoint(_ mode: CheckpointMode) throws(SQLiteError) {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        try checkOpen()
        let code = sqlite3_wal_checkpoint_v2(handle, nil, mode == .truncate ? SQLITE_CHECKPOINT_TRUNCATE : SQLITE_CHECKPOINT_PASSIVE, nil, nil)
        guard code == SQLITE_OK else { throw failure(code) }
    }

    func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    private func failure(_ code: Int32) -> SQLiteError {
        let message = String(cString: sqlite3_errmsg(handle))
        return SQLiteError(code: code & 0xFF, message: message.isEmpty ? String(cString: sqlite3_errstr(code)) : message)
    }
}
