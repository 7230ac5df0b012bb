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

/// A database SQLite cannot read, kept for whoever wants to rescue it rather than deleted.
enum DamagedDatabase {
    /// True when the file starts with something other than SQLite's "SQLite format 3\0".
    /// An empty file is a new database, and zeros may be a header another gloss is writing
    /// this instant, so both are left for SQLite to judge.
    static func hasForeignHeader(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 16)
        let count = header.withUnsafeMutableBytes { read(fd, $0.baseAddress, 16) }
        guard count > 0 else { return false }
        let start = header.prefix(count)
        return start.contains { $0 != 0 } && !"SQLite format 3\0".utf8.starts(with: start)
    }

    /// Renames `path` (and its -wal and -shm files, so that SQLite would pair them again) to
    /// `<path>.corrupt-YYYYMMDD-HHMMSS`, adding `-2`, `-3`… when that name is taken.
    /// Returns the new path of the database.
    static func moveAside(_ path: String, at date: Date) throws -> String {
        let stem = "\(path).corrupt-\(localStamp(date))"
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

    /// `YYYYMMDD-HHMMSS` in local time.
    static func localStamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        localtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))-"
            + "\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))"
    }
}
