import Foundation
import Testing

/// Progress of issue 4 through the real binary: word statuses that last, the export that
/// carries them, and the ways the database can go wrong without the reader going wrong.
@Suite(.serialized, .enabled(if: TmuxSession.shouldRun, "tmux is not installed; the end-to-end tests need it"))
struct ProgressEndToEndTests {
    static func lastLine(_ screen: String) -> String {
        String(screen.split(separator: "\n").last ?? "")
    }

    /// Parses RFC 4180 CSV: quoted fields with doubled quotes and line breaks inside.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\r\n" || c == "\n" {
                row.append(field); field = ""
                rows.append(row); row = []
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    @Test func aTermMarkedKnownStaysKnownInTheReaderTheLibraryAndTheExport() throws {
        let box = try GlossSandbox()
        let folder = try LibraryEndToEndTests.libraryFolder(in: box)
        let session = try box.start([folder])
        try session.settled(text: "3 lessons in")
        try session.send(text: "/accuses")
        try session.send(keys: "Enter")
        try session.send(keys: "Enter")
        try session.settled(text: "h help")
        // Tab into the sidebar, down to the second term, mark it known.
        try session.send(keys: "Tab")
        try session.send(text: "g")
        try session.send(text: "j")
        try session.send(text: "K")
        let marked = try session.settled(what: "a term marked known") { Self.lastLine($0).contains("marked known") }
        let message = Self.lastLine(marked)
        let term = try #require(message.split(separator: "“").dropFirst().first?.split(separator: "”").first.map(String.init),
                                "the message names the term: \(message)")
        #expect(marked.contains("✓ \(term)"))
        try session.send(keys: "Tab")
        try session.send(text: "q")
        let library = try session.settled(text: "lessons in")
        #expect(try #require(LibraryEndToEndTests.row("US Administration Accuses", in: library)).contains("1/5"))
        try session.send(text: "q")
        #expect(try session.waitForExit() == 0)

        // Reopened: the sidebar and the library still know it.
        let again = try box.start([folder])
        let list = try again.settled(text: "3 lessons in")
        #expect(try #require(LibraryEndToEndTests.row("US Administration Accuses", in: list)).contains("1/5"))
        try again.send(keys: "Enter")
        let reader = try again.settled(text: "h help")
        #expect(reader.contains("✓ \(term)  ×"), "the sidebar marks \(term) known")
        try again.send(text: "q")
        try again.settled(text: "lessons in")
        try again.send(text: "q")
        #expect(try again.waitForExit() == 0)

        let export = try box.run(["export", "--format", "csv", folder])
        #expect(export.status == 0, "\(export.stderr)")
        let rows = Self.parseCSV(export.stdout)
        try #require(rows.count > 1)
        #expect(rows[0] == ["term", "definition", "chinese_definition", "example", "lesson", "status"])
        let known = rows.dropFirst().filter { $0.last == "known" }
        #expect(known.map(\.first) == [term])
        #expect(rows.dropFirst().allSatisfy { $0.count == 6 })
        #expect(rows.count - 1 == 12, "5 + 7 terms; the broken lesson is skipped")
    }

    @Test func whenTheStateFolderCannotBeMadeTheReaderSaysSoAndStillWorks() throws {
        let box = try GlossSandbox()
        let blocker = box.folder.appendingPathComponent("a-file").path
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: blocker))
        let session = try box.start([GlossSandbox.seed], environment: ["XDG_STATE_HOME": blocker + "/state"])
        let screen = try session.settled(text: "progress is not saved")
        #expect(screen.contains("US Administration Accuses"))
        try session.send(text: "j")
        try session.send(text: "c")
        try session.settled(text: "中 off")
        try session.send(text: "q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func aCorruptDatabaseIsMovedAsideAndTheReaderToldOnce() throws {
        let box = try GlossSandbox()
        let stateFolder = box.stateHome + "/gloss"
        try FileManager.default.createDirectory(atPath: stateFolder, withIntermediateDirectories: true)
        try Data(String(repeating: "this is not a database ", count: 200).utf8)
            .write(to: URL(fileURLWithPath: box.database))
        let session = try box.start([GlossSandbox.seed])
        let screen = try session.settled(text: "h help")
        #expect(Self.lastLine(screen).contains("damaged"), "the status bar tells: \(Self.lastLine(screen))")
        let moved = try FileManager.default.contentsOfDirectory(atPath: stateFolder).filter { $0.hasPrefix("gloss.sqlite.corrupt-") }
        #expect(moved.count == 1, "\(moved)")
        // Told once: after a key the status bar is the usual one again.
        try session.send(text: "j")
        let after = try session.settled(what: "the usual status bar") { !Self.lastLine($0).contains("damaged") }
        #expect(Self.lastLine(after).contains("US Administration"))
        try session.send(text: "q")
        #expect(try session.waitForExit() == 0)

        // The fresh database works: the next run says nothing about damage.
        let again = try box.start([GlossSandbox.seed])
        let next = try again.settled(text: "h help")
        #expect(!next.contains("damaged"))
        try again.send(text: "q")
        #expect(try again.waitForExit() == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: stateFolder).filter { $0.hasPrefix("gloss.sqlite.corrupt-") }.count == 1)
    }

    @Test(.enabled(if: SQLiteShell.executable != nil, SQLiteShell.missingReason))
    func twoReadersAtOnceShareTheDatabaseWithoutLockErrors() throws {
        let box = try GlossSandbox()
        let folder = try LibraryEndToEndTests.libraryFolder(in: box)
        let first = try box.start([folder + "/" + LibraryEndToEndTests.seedName])
        let second = try box.start([folder + "/" + LibraryEndToEndTests.secondName])
        try first.settled(text: "h help")
        try second.settled(text: "h help")
        // Keys that save: positions (batched, so wait past a save), settings and word statuses.
        for round in 0..<4 {
            for session in [first, second] {
                try session.send(text: "))")
                try session.send(text: " ")
                try session.send(text: "c")
                try session.send(keys: "Tab")
                try session.send(text: round % 2 == 0 ? "K" : "L")
                try session.send(keys: "Tab")
            }
            Thread.sleep(forTimeInterval: 0.6)
        }
        for session in [first, second] {
            let screen = try session.settled(text: "h help")
            #expect(!screen.contains("locked"), "\(screen)")
            #expect(!screen.contains("not saved"), "\(screen)")
        }
        try first.send(text: "q")
        try second.send(text: "q")
        #expect(try first.waitForExit() == 0)
        #expect(try second.waitForExit() == 0)

        #expect(try SQLiteShell.query(box.database, "PRAGMA integrity_check") == "ok")
        let lessons = try SQLiteShell.query(box.database, "SELECT count(*) FROM lesson WHERE section IS NOT NULL")
        #expect(lessons == "2", "both readers saved their position")
        let terms = Int(try SQLiteShell.query(box.database, "SELECT count(*) FROM term")) ?? 0
        #expect(terms >= 2, "both readers saved word statuses")
    }

    @Test func theTSVExportHasOnlyCommentHeadersAndSixFieldsPerEntry() throws {
        let box = try GlossSandbox()
        let folder = try LibraryEndToEndTests.libraryFolder(in: box)
        let result = try box.run(["export", folder])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("skipped"), "the broken lesson is named on standard error")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let headers = lines.prefix { $0.hasPrefix("#") }
        #expect(headers.contains("#separator:tab"))
        let rows = lines.dropFirst(headers.count)
        #expect(rows.allSatisfy { !$0.hasPrefix("#") })
        #expect(rows.count == 12, "one row per vocabulary entry: 5 + 7")
        for row in rows {
            let fields = row.split(separator: "\t", omittingEmptySubsequences: false)
            #expect(fields.count == 6, "\(row)")
            #expect(fields.last == "new")
        }
        #expect(rows.first?.hasPrefix("coercion\tThe practice of persuading") == true)
        #expect(rows.contains { $0.contains("通過使用武力") })
        #expect(!rows.contains { $0.hasPrefix("term\t") }, "no column-header row")
    }
}
