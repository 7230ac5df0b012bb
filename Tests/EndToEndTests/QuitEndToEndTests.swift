import Foundation
import Testing

/// Opening and quitting quickly without losing anything (issue 5): the first write comes after
/// the first screen, a quit with nothing new writes nothing, and the database is left with its
/// write-ahead log for SQLite to fold later, which the next run reads. The stages are read from
/// the trace gloss writes with GLOSS_TRACE_STARTUP.
@Suite(.serialized) struct QuitEndToEndTests {
    static func stages(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { String($0.split(separator: "\t")[0]) }
    }

    @Test(.enabled(if: SQLiteShell.executable != nil, SQLiteShell.missingReason))
    func aQuitWithNothingNewWritesNothingAndNothingIsLost() throws {
        let box = try GlossSandbox()
        func run(_ keys: String, trace: String, quiet: Bool = false) throws -> [String] {
            let path = box.folder.appendingPathComponent(trace).path
            let session = try box.start([GlossSandbox.seed], environment: ["GLOSS_TRACE_STARTUP": path])
            try session.settled(text: "h help")
            // Until the reader has been quiet long enough to hand back its start's code.
            let deadline = Date().addingTimeInterval(10)
            while quiet, Date() < deadline, !((try? Self.stages(path)) ?? []).contains(where: { $0.hasPrefix("startup code") }) {
                Thread.sleep(forTimeInterval: 0.02)
            }
            if !keys.isEmpty {
                try session.send(text: keys)
                try session.settled(what: "the focus moved") { _ in true }
            }
            try session.send(text: "q")
            #expect(try session.waitForExit() == 0)
            return try Self.stages(path)
        }

        // A first run: the lesson is recorded after the first screen, with the place and the
        // settings it opened on, which the database did not have; so the quit writes nothing.
        let first = try run("", trace: "first.trace", quiet: true)
        let drawn = try #require(first.firstIndex(of: "first screen drawn"))
        let recorded = try #require(first.firstIndex(of: "opening recorded"))
        #expect(drawn < recorded, "\(first)")
        #expect(first.contains("nothing new to save"), "\(first)")
        #expect(!first.contains("progress written"), "\(first)")
        #expect(FileManager.default.fileExists(atPath: box.database + "-wal"), "the log is left for SQLite to fold")
        // (The sqlite3 shell folds the log when it closes: it reads the database after that check.)
        #expect(try SQLiteShell.position(box.database) == StoredPosition(section: 0, paragraph: 0, sentence: 0))
        #expect(try SQLiteShell.query(box.database, "SELECT value FROM setting WHERE key = 'chinese'") == "on")
        // With no database at the start there was nothing to read: the first screen did not wait
        // for the database to be made, which is made after it, for the opening's record.
        #expect(first.contains("no database yet: nothing to read") && !first.contains("settings and position read"), "\(first)")
        let made = try #require(first.firstIndex(of: "database made"), "\(first)")
        #expect(drawn < made && made < recorded, "\(first)")
        // Once quiet, the code only the start ran is handed back: in a build linked with
        // scripts/code-order.ld ("released"), or there is none to hand back ("kept (0)"); never
        // refused (-1) or failed (-2).
        let release = try #require(first.firstIndex { $0.hasPrefix("startup code") }, "\(first)")
        #expect(recorded < release && ["startup code released", "startup code kept (0)"].contains(first[release]), "\(first)")

        // Nothing moved: nothing is written on the way out.
        let second = try run("", trace: "second.trace")
        #expect(second.contains("settings and position read") && !second.contains("database made"), "\(second)")
        #expect(second.contains("nothing new to save"), "\(second)")
        #expect(!second.contains("progress written"))

        // Three sentences on: written, and read back by the next run from the unfolded log.
        let third = try run(")))", trace: "third.trace")
        #expect(third.contains("progress written"), "\(third)")
        let stored = try #require(try SQLiteShell.position(box.database))
        #expect(stored.sentence == 3 || stored.paragraph > 0 || stored.section > 0, "stored: \(stored)")
        let fourth = try run("", trace: "fourth.trace")
        #expect(fourth.contains("nothing new to save"), "the resumed place is the stored one: \(fourth)")
        #expect(try SQLiteShell.query(box.database, "PRAGMA integrity_check").trimmingCharacters(in: .whitespacesAndNewlines) == "ok")

        // A setting changed alone is written alone, and kept; the place stays the stored one.
        let fifth = try run("c", trace: "fifth.trace")
        #expect(fifth.contains("progress written"), "\(fifth)")
        #expect(try SQLiteShell.query(box.database, "SELECT value FROM setting WHERE key = 'chinese'") == "off")
        #expect(try SQLiteShell.position(box.database) == stored)
        let sixth = try box.start([GlossSandbox.seed])
        try sixth.settled(text: "中 off")
        try sixth.send(text: "q")
        #expect(try sixth.waitForExit() == 0)
    }

    /// A first run on a lesson that has errors ends before the reader starts, and a database
    /// deferred to after the first screen is never made for it.
    @Test func aLessonWithErrorsOnAFirstRunMakesNoDatabase() throws {
        let box = try GlossSandbox()
        let lesson = try box.writeLesson("A Title\n\nIntroduction\n", named: "broken.txt")
        let session = try box.start([lesson])
        #expect(try session.waitForExit() == 1)
        #expect(try session.capture(history: true).contains("broken.txt"))
        #expect(!FileManager.default.fileExists(atPath: box.database), "no database for a lesson that was never shown")
    }
}
