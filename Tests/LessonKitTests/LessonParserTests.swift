import Foundation
import Testing
import LessonKit

/// Fixture lessons in `Fixtures/`, copied into the test bundle as a resource folder.
/// `clean.txt` is the reference; every `variant-*` must read as the same lesson, every `error-*`
/// and `warning-*` must report one problem at an exact place.
enum Fixture {
    static func path(_ name: String) throws -> String {
        try #require(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Fixtures"),
                     "fixture \(name).txt is missing from the test bundle").path
    }

    static func read(_ name: String) throws -> Lesson {
        try Lesson.read(path: path(name))
    }

    /// The error a fixture that is not a lesson at all is refused with.
    static func refusal(_ name: String) throws -> LessonError? {
        let path = try path(name)
        do {
            _ = try Lesson.read(path: path)
            return nil
        } catch {
            return error
        }
    }
}

/// What a reader sees of a lesson, without the file positions (line numbers move when blank lines
/// are added, and that is not a difference in the lesson).
struct LessonShape: Equatable, CustomStringConvertible {
    struct Entry: Equatable {
        var term, definition, chineseDefinition: String
        var example: String?
        var occurrences: [Occurrence]
    }
    struct Note: Equatable {
        var sentence, analysis, chineseAnalysis: String
        var location: SentenceLocation?
    }
    var title: String
    var headings: [String]
    var paragraphs: [[String]]
    var sentences: [[[Range<Int>]]]
    var vocabulary: [Entry]
    var notes: [Note]

    init(_ lesson: Lesson) {
        title = lesson.title
        headings = lesson.sections.map(\.heading)
        paragraphs = lesson.sections.map { $0.paragraphs.map(\.text) }
        sentences = lesson.sections.map { $0.paragraphs.map(\.sentences) }
        vocabulary = lesson.vocabulary.map {
            Entry(term: $0.term, definition: $0.definition, chineseDefinition: $0.chineseDefinition,
                  example: $0.example, occurrences: $0.occurrences)
        }
        notes = lesson.sentenceNotes.map {
            Note(sentence: $0.sentence, analysis: $0.analysis, chineseAnalysis: $0.chineseAnalysis, location: $0.location)
        }
    }

    var description: String {
        "title \(title.debugDescription)\nheadings \(headings)\nparagraphs \(paragraphs)\n"
            + vocabulary.map { "term \($0.term.debugDescription) \($0.definition.debugDescription) \($0.chineseDefinition.debugDescription) \(String(describing: $0.example)) \($0.occurrences.map(\.text))" }.joined(separator: "\n")
            + "\n" + notes.map { "note \($0.sentence.debugDescription) \($0.analysis.debugDescription) \($0.chineseAnalysis.debugDescription) \(String(describing: $0.location))" }.joined(separator: "\n")
    }
}

@Suite struct LessonParserTests {
    static let intro = "The harbor town of Kelby has opened a floating market on six old fishing boats. Officials say the plan, stemming from a wish to bring visitors back to the waterfront, cost very little."
    static let main1 = "Twelve boats now sell fruit, bread and fish every Saturday morning. Traders pay a small fee, and the town keeps the moorings clean."
    static let main2 = "Some residents worry that the market will crowd the narrow quay. The council says the worries stem from last summer, when parking was scarce."
    static let conclusion = "The market will run until October. If trade stays steady, the council plans to add more boats next spring."

    // MARK: - The clean fixture, field by field

    @Test func cleanFixtureReadsAsWrittenWithoutDiagnostics() throws {
        let lesson = try Fixture.read("clean")
        #expect(lesson.diagnostics == [])
        #expect(lesson.title == "Harbor Town Opens a Floating Market")
        #expect(lesson.sections.map(\.heading) == ["Introduction", "Main Body", "Conclusion"])
        #expect(lesson.sections.map(\.line) == [3, 7, 13])
        #expect(lesson.sections.map { $0.paragraphs.map(\.text) } == [[Self.intro], [Self.main1, Self.main2], [Self.conclusion]])
        #expect(lesson.sections.map { $0.paragraphs.map(\.line) } == [[5], [9, 11], [15]])
        #expect(lesson.sections[1].paragraphs[0].sentences == [0..<67, 68..<131])

        #expect(lesson.vocabulary.map(\.term) == ["stem from", "mooring", "crowd"])
        #expect(lesson.vocabulary.map(\.line) == [19, 22, 25])
        #expect(lesson.vocabulary.map(\.definition) == ["To be caused by something.", "A place where a boat is tied up.",
                                                      "To fill a place so that it is hard to move around in it."])
        #expect(lesson.vocabulary.map(\.chineseDefinition) == ["源於;由某事引起。", "停泊處;繫船的地方。", "擠滿;使某處擁擠得難以走動。"])
        #expect(lesson.vocabulary.map(\.example) == [
            "The council says the worries stem from last summer, when parking was scarce.",
            "Traders pay a small fee, and the town keeps the moorings clean.",
            "Some residents worry that the market will crowd the narrow quay.",
        ])

        #expect(lesson.sentenceNotes.map(\.line) == [31, 33])
        #expect(lesson.sentenceNotes.map(\.sentence) == ["Traders pay a small fee, and the town keeps the moorings clean.",
                                                         "Some residents worry that the market will crowd the narrow quay."])
        #expect(lesson.sentenceNotes.map(\.analysis) == ["Two main clauses joined by \"and\".",
                                                         "Main clause \"Some residents worry\"; the that-clause is its object."])
        #expect(lesson.sentenceNotes.map(\.chineseAnalysis) == ["兩個主要子句由「and」連接。", "主要子句「Some residents worry」;that子句是它的受詞。"])
        #expect(lesson.sentenceNotes.map(\.location) == [SentenceLocation(section: 1, paragraph: 0, sentence: 1),
                                                         SentenceLocation(section: 1, paragraph: 1, sentence: 0)])
    }

    @Test func multiWordTermIsFoundWithAnInflectedFirstWord() throws {
        let lesson = try Fixture.read("clean")
        let stemFrom = try #require(lesson.vocabulary.first)
        #expect(stemFrom.occurrences == [
            Occurrence(section: 0, paragraph: 0, start: 104, end: 117, text: "stemming from"),
            Occurrence(section: 1, paragraph: 1, start: 94, end: 103, text: "stem from"),
        ])
        #expect(lesson.vocabulary[1].occurrences == [Occurrence(section: 1, paragraph: 0, start: 116, end: 124, text: "moorings")])
        #expect(lesson.vocabulary[2].occurrences == [Occurrence(section: 1, paragraph: 1, start: 42, end: 47, text: "crowd")])
    }

    // MARK: - Tolerated variants

    @Test(arguments: [
        "variant-bom", "variant-crlf", "variant-cr", "variant-trailing-spaces", "variant-tabs",
        "variant-blank-lines", "variant-example-space", "variant-heading-case",
        "variant-blank-term-definition", "variant-wrapped-paragraphs", "variant-heading-without-blank-line",
    ])
    func toleratedVariantReadsAsTheCleanLesson(_ name: String) throws {
        let clean = LessonShape(try Fixture.read("clean"))
        let variant = try Fixture.read(name)
        #expect(variant.diagnostics == [])
        let shape = LessonShape(variant)
        #expect(shape == clean, "\(name) reads as\n\(shape)\nbut clean.txt reads as\n\(clean)")
    }

    @Test func simplifiedChineseReadsLikeTraditionalExceptForTheChinese() throws {
        var clean = LessonShape(try Fixture.read("clean"))
        let lesson = try Fixture.read("variant-simplified")
        #expect(lesson.diagnostics == [])
        #expect(lesson.vocabulary.map(\.chineseDefinition) == ["源于;由某事引起。", "停泊处;系船的地方。", "挤满;使某处拥挤得难以走动。"])
        #expect(lesson.sentenceNotes.map(\.chineseAnalysis) == ["两个主要子句由「and」连接。", "主要子句「Some residents worry」;that子句是它的宾语。"])
        for i in clean.vocabulary.indices where i < lesson.vocabulary.count {
            clean.vocabulary[i].chineseDefinition = lesson.vocabulary[i].chineseDefinition
        }
        for i in clean.notes.indices where i < lesson.sentenceNotes.count {
            clean.notes[i].chineseAnalysis = lesson.sentenceNotes[i].chineseAnalysis
        }
        #expect(LessonShape(lesson) == clean)
    }

    @Test func missingExampleLeavesTheExampleNilAndTheRestUnchanged() throws {
        var clean = LessonShape(try Fixture.read("clean"))
        let lesson = try Fixture.read("variant-missing-example")
        #expect(lesson.diagnostics == [])
        #expect(lesson.vocabulary.map(\.example) == [
            "The council says the worries stem from last summer, when parking was scarce.",
            nil,
            "Some residents worry that the market will crowd the narrow quay.",
        ])
        clean.vocabulary[1].example = nil
        #expect(LessonShape(lesson) == clean)
    }

    // MARK: - Errors

    struct Expected: Sendable, CustomTestStringConvertible {
        var fixture: String
        var line: Int
        var column: Int
        var severity: Severity
        /// The part of the message that tells the author what to do.
        var advice: String
        var testDescription: String { fixture }
    }

    @Test(arguments: [
        Expected(fixture: "error-term-before-term", line: 19, column: 1, severity: .error,
                 advice: "'stem from' has no definition line; put its English definition followed by the Chinese on the next line"),
        Expected(fixture: "error-term-at-end", line: 28, column: 1, severity: .error,
                 advice: "'quay' has no definition line; put its English definition followed by the Chinese on the next line"),
        Expected(fixture: "error-term-before-example", line: 22, column: 1, severity: .error,
                 advice: "'mooring' has no definition line; put its English definition followed by the Chinese on the next line"),
        Expected(fixture: "error-empty-section", line: 13, column: 1, severity: .error,
                 advice: "'Conclusion' has nothing under it; add its paragraphs or remove the heading"),
        Expected(fixture: "error-empty-section-middle", line: 3, column: 1, severity: .error,
                 advice: "'Introduction' has nothing under it; add its paragraphs or remove the heading"),
        Expected(fixture: "error-empty-vocabulary", line: 17, column: 1, severity: .error,
                 advice: "'Vocabulary Learning' has no entries; add a term, its definition and an example, or remove the heading"),
        Expected(fixture: "error-empty-sentences", line: 29, column: 1, severity: .error,
                 advice: "'Sentence Learning' has no entries; add a sentence from the article and its analysis, or remove the heading"),
        Expected(fixture: "error-sentence-without-analysis", line: 33, column: 1, severity: .error,
                 advice: "no analysis line; put the analysis (English, then Chinese) on the next line"),
        Expected(fixture: "error-sentence-without-analysis-middle", line: 31, column: 1, severity: .error,
                 advice: "no analysis line; put the analysis (English, then Chinese) on the next line"),
        Expected(fixture: "error-no-article", line: 1, column: 1, severity: .error,
                 advice: "no article text; put paragraphs between the title and 'Vocabulary Learning'"),
        Expected(fixture: "warning-definition-without-chinese", line: 23, column: 33, severity: .warning,
                 advice: "'mooring' has no Chinese part; add the Chinese right after the English"),
        Expected(fixture: "warning-note-not-in-article", line: 31, column: 1, severity: .warning,
                 advice: "not in the article; copy the sentence exactly as the article has it"),
        Expected(fixture: "warning-unknown-heading", line: 13, column: 1, severity: .warning,
                 advice: "unknown heading 'Conclusoin'"),
    ])
    func problemIsReportedOnceAtItsLineAndColumn(_ expected: Expected) throws {
        let lesson = try Fixture.read(expected.fixture)
        let found = lesson.diagnostics.map { "\($0.line):\($0.column): \($0.severity.rawValue): \($0.message)" }
        try #require(lesson.diagnostics.count == 1, "\(found)")
        let diagnostic = lesson.diagnostics[0]
        #expect(diagnostic.line == expected.line)
        #expect(diagnostic.column == expected.column)
        #expect(diagnostic.severity == expected.severity)
        #expect(diagnostic.message.contains(expected.advice), "\(diagnostic.message)")
        #expect(lesson.hasErrors == (expected.severity == .error))
    }

    @Test func aLessonWithAProblemStillKeepsEverythingElse() throws {
        let lesson = try Fixture.read("error-term-before-term")
        #expect(lesson.vocabulary.map(\.term) == ["mooring", "crowd"])
        #expect(lesson.vocabulary.map(\.chineseDefinition) == ["停泊處;繫船的地方。", "擠滿;使某處擁擠得難以走動。"])
        let beforeExample = try Fixture.read("error-term-before-example")
        #expect(beforeExample.vocabulary.map(\.term) == ["stem from", "crowd"])
        let noChinese = try Fixture.read("warning-definition-without-chinese")
        #expect(noChinese.vocabulary.map(\.definition)[1] == "A place where a boat is tied up.")
        #expect(noChinese.vocabulary.map(\.chineseDefinition)[1] == "")
    }

    @Test func aSentenceWithoutAnalysisInTheMiddleDoesNotShiftTheNextNote() throws {
        let lesson = try Fixture.read("error-sentence-without-analysis-middle")
        #expect(lesson.sentenceNotes.map(\.sentence) == ["Some residents worry that the market will crowd the narrow quay."])
        #expect(lesson.sentenceNotes.map(\.analysis) == ["Main clause \"Some residents worry\"; the that-clause is its object."])
        #expect(lesson.sentenceNotes.first?.location == SentenceLocation(section: 1, paragraph: 1, sentence: 0))
    }

    @Test func missingChineseIsReportedAtTheFileColumnAfterTheLineEvenWhenIndented() throws {
        // Columns name places in the file: leading spaces count, and a tab is one character
        // there even though it is shown as spaces.
        let text = "Title\n\nIntroduction\n\nBoats moor here.\n\nVocabulary Learning\nmoor\n  \tTo tie up a boat.\t \n"
            + "\nSentence Learning\nBoats moor here.\n\tA short\tsentence.\n"
        let lesson = try Lesson.read(bytes: Array(text.utf8))
        #expect(lesson.diagnostics.map { "\($0.line):\($0.column): \($0.severity.rawValue)" } == ["9:21: warning", "13:19: warning"])
        #expect(lesson.vocabulary.first?.definition == "To tie up a boat.")
    }

    @Test func unknownHeadingStillStartsASection() throws {
        let lesson = try Fixture.read("warning-unknown-heading")
        #expect(lesson.sections.map(\.heading) == ["Introduction", "Main Body", "Conclusoin"])
        #expect(lesson.sections.last?.paragraphs.map(\.text) == [Self.conclusion])
    }

    @Test func invalidUTF8IsShownAsReplacementAndReportedAtEachLineAndColumn() throws {
        let lesson = try Fixture.read("warning-invalid-utf8")
        let found = lesson.diagnostics.map { "\($0.line):\($0.column): \($0.severity.rawValue)" }
        #expect(found == ["5:91: warning", "9:25: warning"])
        #expect(lesson.diagnostics.allSatisfy { $0.message.contains("save the file as UTF-8") })
        #expect(lesson.sections[0].paragraphs[0].text.contains("Officials \u{FFFD} say the plan"))
        #expect(lesson.sections[1].paragraphs[0].text.hasPrefix("Twelve boats now sell fr\u{FFFD}uit, bread"))
        #expect(!lesson.hasErrors)
    }

    // MARK: - Files that are not lessons at all

    @Test(arguments: [
        ("error-empty", "the file is empty; a lesson starts with its title line"),
        ("error-whitespace-only", "the file is empty; a lesson starts with its title line"),
        ("error-bom-only", "the file is empty; a lesson starts with its title line"),
        ("error-nul-bytes", "binary file (it contains NUL bytes), not a lesson; lessons are UTF-8 text"),
        ("error-control-bytes", "binary file"),
    ])
    func fileThatIsNotTextIsRefusedAtLineOneColumnOne(_ fixture: String, _ advice: String) throws {
        let error = try #require(try Fixture.refusal(fixture), "\(fixture) was read as a lesson")
        #expect(error.line == 1)
        #expect(error.column == 1)
        #expect(error.message.contains(advice), "\(error.message)")
    }

    @Test func mostlyControlBytesIsRefusedAsBinaryWithItsReason() throws {
        let error = try #require(try Fixture.refusal("error-control-bytes"))
        #expect(error.message.contains("control characters"), "\(error.message)")
        #expect(error.message.contains("lessons are UTF-8 text"))
    }

    @Test func missingFileIsRefusedWithAdvice() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-no-such-\(UUID().uuidString).txt").path
        #expect(throws: LessonError(line: 1, column: 1, message: "cannot open: no such file; check the path")) {
            try Lesson.read(path: path)
        }
    }

    @Test func folderIsRefusedWithAdvice() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            _ = try Lesson.read(path: folder.path)
            Issue.record("a folder was read as a lesson")
        } catch {
            #expect(error.line == 1 && error.column == 1)
            #expect(error.message.contains("folder, not a lesson file"), "\(error.message)")
        }
    }

    /// Root reads any file whatever its permissions, so the test only means something for other users.
    @Test(.enabled(if: getuid() != 0, "root can read a file with permission 000"))
    func unreadableFileIsRefusedWithAdvice() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-locked-\(UUID().uuidString).txt")
        try Data("Title\n\nIntroduction\n\nText.\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: file.path)
        #expect(throws: LessonError(line: 1, column: 1, message: "cannot open: permission denied; check the file's permissions")) {
            try Lesson.read(path: file.path)
        }
    }
}

// MARK: - Hostile and huge input

extension LessonParserTests {
    @Suite struct Robustness {
        /// Control characters, escape sequences (CSI, OSC with BEL, DCS with ST, C1 CSI) and bidi
        /// overrides, each of which would act on a terminal if printed raw.
        static let hostile = ["\u{1B}[2J\u{1B}[31m", "\u{1B}]0;owned\u{07}", "\u{1B}]52;c;aGk=\u{1B}\\", "\u{1B}Pq#0\u{1B}\\",
                              "\u{9B}1;1H", "\u{9D}8;;x\u{9C}", "\u{7F}", "\u{08}\u{0B}\u{0C}\u{1A}", "\u{202E}", "\u{2066}\u{2069}"]

        static func isDisplaySafe(_ text: String) -> Bool {
            text.unicodeScalars.allSatisfy { scalar in
                scalar.value >= 0x20 && !(0x7F...0x9F).contains(scalar.value) && scalar != "\u{1B}"
                    && !(0x202A...0x202E).contains(scalar.value) && !(0x2066...0x2069).contains(scalar.value)
            }
        }

        /// Every string a reader could be shown.
        static func allStrings(_ lesson: Lesson) -> [String] {
            var strings = [lesson.title]
            for section in lesson.sections {
                strings.append(section.heading)
                for paragraph in section.paragraphs {
                    strings.append(paragraph.text)
                    strings += paragraph.sentences.map { paragraph.text.scalarSlice($0) }
                }
            }
            for entry in lesson.vocabulary {
                strings += [entry.term, entry.definition, entry.chineseDefinition, entry.example ?? ""]
                strings += entry.occurrences.map(\.text)
            }
            for note in lesson.sentenceNotes {
                strings += [note.sentence, note.analysis, note.chineseAnalysis]
            }
            strings += lesson.diagnostics.map(\.message)
            return strings
        }

        @Test(arguments: hostile)
        func controlsAndEscapesInEveryPartComeOutDisplaySafe(_ bad: String) throws {
            let text = """
                Title \(bad)end

                Introduction\(bad)

                The town \(bad)opened a market. It sells fish\(bad).

                Main Body

                Boats \(bad)moor at the quay.

                Vocabulary Learning

                moor\(bad)
                To tie up a boat \(bad)here.停泊\(bad);繫船。
                Example:Boats \(bad)moor at the quay.

                Sentence Learning

                Boats \(bad)moor at the quay.
                A short \(bad)sentence.一個\(bad)短句。

                """
            let lesson = try Lesson.read(bytes: Array(text.utf8))
            let strings = Self.allStrings(lesson)
            for string in strings {
                #expect(Self.isDisplaySafe(string), "\(string.debugDescription)")
            }
            // Nothing is dropped: the hostile text is shown, not silently removed.
            #expect(lesson.title.hasPrefix("Title "))
            #expect(lesson.title.hasSuffix("end") && lesson.title.unicodeScalars.count > "Title end".unicodeScalars.count)
            #expect(lesson.vocabulary.count == 1)
            #expect(lesson.sentenceNotes.count == 1)
        }

        @Test(.timeLimit(.minutes(2)))
        func oneMegabyteSingleLineIsATitleWithoutArticle() throws {
            let line = String(repeating: "word ", count: 200_000) + "end"
            let lesson = try Lesson.read(bytes: Array(line.utf8))
            #expect(lesson.title.hasSuffix("word end"))
            #expect(lesson.diagnostics.map(\.line) == [1])
            #expect(lesson.hasErrors)
        }

        @Test(.timeLimit(.minutes(2)))
        func oneMegabyteParagraphOnOneLineIsAnalysed() throws {
            let sentence = "Officials say the plan is stemming from a wish to crowd the quay. "
            let count = 1_048_576 / sentence.utf8.count
            let paragraph = String(repeating: sentence, count: count)
            let text = "Title\n\nIntroduction\n\n\(paragraph)\n\nVocabulary Learning\nstem from\nTo be caused by something.源於。\n"
            let lesson = try Lesson.read(bytes: Array(text.utf8))
            #expect(lesson.diagnostics == [])
            #expect(lesson.sections.first?.paragraphs.first?.sentences.count == count)
            #expect(lesson.vocabulary.first?.occurrences.count == count)
        }

        @Test(.timeLimit(.minutes(2)))
        func fiftyMegabyteLessonIsReadWhole() throws {
            let paragraph = LessonParserTests.main2 + "\n\n"
            let count = 50 * 1_048_576 / paragraph.utf8.count
            var text = "Huge\n\nMain Body\n\n"
            text.reserveCapacity(51 * 1_048_576)
            for _ in 0..<count { text += paragraph }
            text += "Vocabulary Learning\ncrowd\nTo fill a place.擠滿。\nstem from\nTo be caused by something.源於。\n"
            let lesson = try Lesson.read(bytes: Array(text.utf8))
            #expect(lesson.diagnostics == [])
            #expect(lesson.sections.first?.paragraphs.count == count)
            #expect(lesson.vocabulary.map(\.occurrences.count) == [count, count])
        }
    }
}
