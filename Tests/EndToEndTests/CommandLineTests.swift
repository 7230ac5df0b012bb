import Foundation
import Testing

/// `gloss check` and `gloss dump` run as a user runs them: the built binary, its exit status,
/// and what it writes to standard output and standard error.
///
/// The binary is `glossBinaryPath()`: `GLOSS_BIN` when set, otherwise `<package root>/.build/debug/gloss`,
/// which `swift test` builds. With another scratch path, build first and point `GLOSS_BIN` at it:
/// `swift build --scratch-path .build-engine && GLOSS_BIN=.build-engine/debug/gloss swift test --scratch-path .build-engine ...`.
@Suite struct CommandLineTests {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Tests/LessonKitTests/Fixtures")
    static let seed = root.appendingPathComponent("Lessons/01-us-accuses-chinese-entities-of-ai-distillation.txt").path

    static func fixture(_ name: String) -> String {
        fixtures.appendingPathComponent(name + ".txt").path
    }

    /// Runs the binary with output going to files, so a large dump cannot fill a pipe and stall.
    static func gloss(_ arguments: String...) throws -> Result {
        try gloss(arguments)
    }

    static func gloss(_ arguments: [String]) throws -> Result {
        var binary = glossBinaryPath()
        if !binary.hasPrefix("/") { binary = root.appendingPathComponent(binary).path }
        try #require(FileManager.default.isExecutableFile(atPath: binary),
                     "no gloss binary at \(binary); run `swift build` or set GLOSS_BIN")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("out"), errURL = directory.appendingPathComponent("err")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    // MARK: - check

    @Test func checkOfACleanLessonExitsZeroAndPrintsNothing() throws {
        for file in [Self.seed, Self.fixture("clean")] {
            let result = try Self.gloss("check", file)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout == "")
            #expect(result.stderr.contains("checked 1 lesson: 0 errors, 0 warnings"))
        }
    }

    @Test func checkOfEveryShippedLessonIsSilent() throws {
        let lessons = Self.root.appendingPathComponent("Lessons")
        let files = try FileManager.default.contentsOfDirectory(atPath: lessons.path)
            .filter { $0.hasSuffix(".txt") }.sorted().map { lessons.appendingPathComponent($0).path }
        try #require(files.count >= 4)
        let result = try Self.gloss(["check", "-q"] + files)
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(result.stderr == "")
    }

    @Test func checkOfALessonWithAnErrorExitsOneWithFileLineColumn() throws {
        let file = Self.fixture("error-term-before-term")
        let result = try Self.gloss("check", file)
        #expect(result.status == 1)
        #expect(result.stdout == "\(file):19:1: error: the term 'stem from' has no definition line; "
            + "put its English definition followed by the Chinese on the next line\n")
        #expect(result.stderr.contains("1 error, 0 warnings"))
    }

    @Test func checkWithOnlyWarningsExitsZero() throws {
        let file = Self.fixture("warning-unknown-heading")
        let result = try Self.gloss("check", file)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("\(file):13:1: warning: unknown heading 'Conclusoin'"))
        #expect(result.stdout.split(separator: "\n").count == 1)
    }

    @Test func checkOfSeveralFilesReportsEachAndExitsOneIfAnyHasAnError() throws {
        let clean = Self.fixture("clean"), warning = Self.fixture("warning-invalid-utf8"), empty = Self.fixture("error-empty")
        let result = try Self.gloss("check", clean, warning, empty)
        #expect(result.status == 1)
        #expect(result.stdout.split(separator: "\n").map(String.init) == [
            "\(warning):5:91: warning: invalid UTF-8 shown as \u{FFFD}; save the file as UTF-8",
            "\(warning):9:25: warning: invalid UTF-8 shown as \u{FFFD}; save the file as UTF-8",
            "\(empty):1:1: error: the file is empty; a lesson starts with its title line",
        ])
        #expect(result.stderr.contains("checked 3 lessons: 1 error, 2 warnings"))
    }

    @Test func checkOfAFileThatCannotBeOpenedIsAnErrorNamingIt() throws {
        let missing = Self.fixtures.appendingPathComponent("no-such-lesson.txt").path
        let result = try Self.gloss("check", missing)
        #expect(result.status == 1)
        #expect(result.stdout == "\(missing):1:1: error: cannot open: no such file; check the path\n")
    }

    @Test func checkWithoutFilesIsBadUsage() throws {
        let result = try Self.gloss("check")
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("name at least one lesson file to check"))
        #expect(result.stderr.lowercased().contains("usage"))
    }

    @Test func unknownOptionIsBadUsage() throws {
        let check = try Self.gloss("check", "--frobnicate", Self.seed)
        #expect(check.status == 2)
        #expect(check.stderr.contains("--frobnicate"))
        let dump = try Self.gloss("dump", "--json", "--frobnicate", Self.seed)
        #expect(dump.status == 2)
        #expect(dump.stdout == "")
    }

    @Test(arguments: [
        (["--help"], "bilingual"),
        (["check", "--help"], "Check lessons and report every problem"),
        (["dump", "--help"], "Print the analysed lesson as JSON"),
        // `gloss FILE` skips ArgumentParser; `help` must still reach it, not be taken for a file.
        (["help"], "bilingual"),
        (["help", "check"], "Check lessons and report every problem"),
    ])
    func helpExitsZeroAndSaysWhatTheCommandIsFor(_ arguments: [String], _ purpose: String) throws {
        let result = try Self.gloss(arguments)
        #expect(result.status == 0)
        #expect(result.stdout.contains(purpose), "\(result.stdout)")
        #expect(result.stdout.contains("USAGE:"))
    }

    /// `gloss NAME` reaches the subcommand NAME, not the `gloss FILE` shortcut (which keeps its
    /// own list of names and would report NAME as a missing file).
    @Test func everySubcommandNameReachesItsSubcommand() throws {
        let help = try Self.gloss("--help").stdout
        let section = help.components(separatedBy: "SUBCOMMANDS:").last ?? ""
        let names = section.split(separator: "\n").compactMap { line -> String? in
            guard let first = line.split(separator: " ").first, line.hasPrefix("  "),
                  !line.hasPrefix("   "), first.allSatisfy({ $0 >= "a" && $0 <= "z" }) else { return nil }
            return String(first)
        }
        #expect(names.sorted() == ["check", "dump", "export", "read", "render"])
        for name in names + ["help"] {
            let result = try Self.gloss(name)
            #expect(!result.stderr.contains("no such file or folder"), "gloss \(name): \(result.stderr)")
        }
    }

    // MARK: - dump --json

    /// The documented shape of `gloss dump --json`; more fields may be added, none may go missing
    /// or change type.
    indirect enum Shape: Sendable {
        case string, int, null
        case oneOf([String])
        case array(Shape)
        case object([String: Shape])
        case either(Shape, Shape)
    }

    static let lessonShape = Shape.object([
        "title": .string,
        "sections": .array(.object([
            "heading": .string,
            "paragraphs": .array(.object(["text": .string, "sentences": .array(.string)])),
        ])),
        "vocabulary": .array(.object([
            "term": .string, "definition": .string, "chineseDefinition": .string, "example": .either(.string, .null),
            "occurrences": .array(.object(["section": .int, "paragraph": .int, "start": .int, "end": .int, "text": .string])),
        ])),
        "sentenceNotes": .array(.object([
            "sentence": .string, "analysis": .string, "chineseAnalysis": .string,
            "location": .either(.null, .object(["section": .int, "paragraph": .int, "sentence": .int])),
        ])),
        "diagnostics": .array(.object([
            "line": .int, "column": .int, "severity": .oneOf(["error", "warning"]), "message": .string,
        ])),
    ])

    /// Every place where `value` does not fit `shape`, as JSON paths.
    static func mismatches(_ value: Any, _ shape: Shape, at path: String = "$") -> [String] {
        switch shape {
        case .string:
            return value is String ? [] : ["\(path) is not a string"]
        case .int:
            // JSONSerialization gives NSNumber for numbers and booleans alike; a boolean is a "c".
            guard let number = value as? NSNumber, String(cString: number.objCType) != "c",
                  number.doubleValue == Double(number.intValue) else { return ["\(path) is not an integer"] }
            return []
        case .null:
            return value is NSNull ? [] : ["\(path) is not null"]
        case .oneOf(let allowed):
            return (value as? String).map(allowed.contains) == true ? [] : ["\(path) is not one of \(allowed)"]
        case .array(let element):
            guard let array = value as? [Any] else { return ["\(path) is not an array"] }
            return array.enumerated().flatMap { mismatches($0.element, element, at: "\(path)[\($0.offset)]") }
        case .object(let fields):
            guard let object = value as? [String: Any] else { return ["\(path) is not an object"] }
            return fields.keys.sorted().flatMap { key -> [String] in
                guard let field = object[key] else { return ["\(path).\(key) is missing"] }
                return mismatches(field, fields[key]!, at: "\(path).\(key)")
            }
        case .either(let a, let b):
            let first = mismatches(value, a, at: path)
            if first.isEmpty { return [] }
            let second = mismatches(value, b, at: path)
            return second.isEmpty ? [] : first + second
        }
    }

    static func dump(_ file: String) throws -> [String: Any] {
        let result = try gloss("dump", "--json", file)
        try #require(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try #require(json as? [String: Any], "the dump is not a JSON object")
    }

    @Test(arguments: ["seed", "variant-missing-example", "warning-note-not-in-article", "error-term-before-term"])
    func dumpIsJSONOfTheDocumentedShape(_ name: String) throws {
        let json = try Self.dump(name == "seed" ? Self.seed : Self.fixture(name))
        #expect(Self.mismatches(json, Self.lessonShape) == [])
    }

    @Test func dumpOfTheSeedHoldsItsTitleSectionsTermsAndNotes() throws {
        let json = try Self.dump(Self.seed)
        #expect((json["title"] as? String)?.hasPrefix("US Administration Accuses Chinese Entities") == true)
        let sections = try #require(json["sections"] as? [[String: Any]])
        #expect(sections.map { $0["heading"] as? String } == ["Introduction", "Main Body", "Conclusion"])
        let vocabulary = try #require(json["vocabulary"] as? [[String: Any]])
        #expect(vocabulary.map { $0["term"] as? String } == ["coercion", "distillation", "illicitly", "jailbreaking", "trajectory"])
        #expect(vocabulary.map { ($0["occurrences"] as? [Any])?.count } == [2, 4, 1, 1, 1])
        #expect(vocabulary.first?["chineseDefinition"] as? String == "通過使用武力、威脅或不當壓力說服某人做某事的行为。")
        let notes = try #require(json["sentenceNotes"] as? [[String: Any]])
        #expect(notes.map { ($0["location"] as? [String: Any])?["sentence"] as? Int } == [3, 1, 16, 2, 14])
        #expect((json["diagnostics"] as? [Any])?.count == 0)
    }

    @Test func occurrenceOffsetsCountUnicodeScalarsOfTheParagraphText() throws {
        let json = try Self.dump(Self.seed)
        let sections = try #require(json["sections"] as? [[String: Any]])
        let vocabulary = try #require(json["vocabulary"] as? [[String: Any]])
        var checked = 0
        for entry in vocabulary {
            for occurrence in try #require(entry["occurrences"] as? [[String: Any]]) {
                let s = try #require(occurrence["section"] as? Int), p = try #require(occurrence["paragraph"] as? Int)
                let start = try #require(occurrence["start"] as? Int), end = try #require(occurrence["end"] as? Int)
                let paragraphs = try #require(sections[s]["paragraphs"] as? [[String: Any]])
                let text = try #require(paragraphs[p]["text"] as? String)
                let scalars = Array(text.unicodeScalars)
                try #require(0 <= start && start < end && end <= scalars.count)
                var slice = String.UnicodeScalarView()
                slice.append(contentsOf: scalars[start..<end])
                #expect(String(slice) == occurrence["text"] as? String)
                checked += 1
            }
        }
        // The Main Body of the seed has em dashes and curly quotes before most terms, so a count
        // in UTF-8 bytes or UTF-16 units would land elsewhere.
        #expect(checked == 9)
    }

    @Test func dumpShowsNullForAMissingExampleAndAnUnlocatedNote() throws {
        let missing = try Self.dump(Self.fixture("variant-missing-example"))
        let vocabulary = try #require(missing["vocabulary"] as? [[String: Any]])
        #expect(vocabulary.map { $0["example"] is NSNull } == [false, true, false])

        let unlocated = try Self.dump(Self.fixture("warning-note-not-in-article"))
        let notes = try #require(unlocated["sentenceNotes"] as? [[String: Any]])
        #expect(notes.map { $0["location"] is NSNull } == [true, false])
        let diagnostics = try #require(unlocated["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.map { $0["line"] as? Int } == [31])
        #expect(diagnostics.map { $0["severity"] as? String } == ["warning"])
    }

    @Test func dumpOfAFileThatCannotBeReadExitsOneAndNamesIt() throws {
        let missing = Self.fixtures.appendingPathComponent("no-such-lesson.txt").path
        let result = try Self.gloss("dump", "--json", missing)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr.contains(missing))
        #expect(result.stderr.contains("no such file"))

        let binary = Self.fixture("error-nul-bytes")
        let refused = try Self.gloss("dump", "--json", binary)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains(binary))
    }

    @Test func dumpWithoutAFileIsBadUsage() throws {
        let result = try Self.gloss("dump", "--json")
        #expect(result.status == 2)
        #expect(result.stderr.lowercased().contains("usage"))
    }
}
