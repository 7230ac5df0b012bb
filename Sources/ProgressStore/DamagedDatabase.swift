import Foundation

/// A database SQLite cannot read, kept for whoever wants to rescue it rather than deleted.
enum DamagedDatabase {
    /// True when the file starts with something other than SQLite's "SQLite format 3\0".
    /// An empty file is a new database, and zeros may be a header another gloss is writing
    /// this instant, so both are left for SQLite to judge.
    static func hasForeignHeader(_ path: String) -> Bool {
        guard let file = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? file.close() }
        guard let start = try? file.read(upToCount: 16), !start.isEmpty else { return false }
        return start.contains { $0 != 0 } && !"SQLite format 3\0".utf8.starts(with: start)
    }

    /// Renames `path` (and its -wal and -shm files, so that SQLite would pair them again) to
    /// `<path>.corrupt-YYYYMMDD-HHMMSS`, adding `-2`, `-3`… when that name is taken.
    /// Returns the new path of the database.
    static func moveAside(_ path: String, at date: Date) throws -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let stem = "\(path).corrupt-\(formatter.string(from: date))"
        let files = FileManager.default
        var target = stem
        var attempt = 1
        while ["", "-wal", "-shm"].contains(where: { files.fileExists(atPath: target + $0) }) {
            attempt += 1
            target = "\(stem)-\(attempt)"
        }
        for suffix in ["", "-wal", "-shm"] where files.fileExists(atPath: path + suffix) {
            try files.moveItem(atPath: path + suffix, toPath: target + suffix)
        }
        return target
    }
}
