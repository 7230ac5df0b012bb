import Foundation
import Testing

/// The sqlite3 command-line shell, to look at the progress database the way a person would,
/// without going through the code under test.
enum SQLiteShell {
    static let executable: String? = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3", "/bin/sqlite3"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static let missingReason: Comment = "the sqlite3 command-line shell is not installed (apt-get install sqlite3)"

    /// Runs `sql` against `database`; returns what it printed (rows as `a|b|c`), or throws with
    /// what it wrote to standard error.
    static func query(_ database: String, _ sql: String) throws -> String {
        guard let executable else { throw TmuxSession.Failure(description: "the sqlite3 command-line shell is not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-batch", database, sql]
        process.standardInput = FileHandle.nullDevice
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let complaint = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TmuxSession.Failure(description: "sqlite3 \(database) \"\(sql)\" failed: "
                + String(decoding: complaint, as: UTF8.self))
        }
        return String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The saved reading position of the one lesson in the database, if any.
    static func position(_ database: String) throws -> StoredPosition? {
        let row = try query(database, "SELECT section, paragraph, sentence FROM lesson LIMIT 1")
        let parts = row.split(separator: "|", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let section = parts[0], let paragraph = parts[1], let sentence = parts[2] else {
            return nil
        }
        return StoredPosition(section: section, paragraph: paragraph, sentence: sentence)
    }
}

struct StoredPosition: Hashable, CustomStringConvertible {
    var section: Int
    var paragraph: Int
    var sentence: Int

    var description: String { "(\(section), \(paragraph), \(sentence))" }
}
