import Foundation
import Testing
import LessonKit

/// Inputs that `scripts/fuzz` found, kept in `Fixtures/fuzz/` so they run with every test pass.
///
/// Two kinds of test hold them. The lesson engine's half of the fuzz target runs here directly:
/// every kept input reads, its offsets agree with its text, and it wraps within the width.
/// The reader's half (keys, resizes, drawing to a Screen) lives in ReaderCore, which this test
/// target does not link, so those findings are replayed through the `gloss-fuzz` executable that
/// every build makes beside the tests; each such test names the finding and the file to fix.
@Suite struct FuzzRegressionTests {
    static let fixtureNames: [String] = {
        guard let folder = Bundle.module.url(forResource: "fuzz", withExtension: nil, subdirectory: "Fixtures"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return names.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }()

    static func path(_ name: String) throws -> String {
        try #require(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Fixtures/fuzz"),
                     "fuzz fixture \(name).txt is missing from the test bundle").path
    }

    @Test func everyFuzzFindingIsKeptAsAFixture() {
        #expect(Self.fixtureNames.count >= 2, "Fixtures/fuzz holds \(Self.fixtureNames)")
    }

    @Test(arguments: fixtureNames)
    func fuzzInputReadsWithOffsetsThatAgreeWithItsText(name: String) throws {
        let path = try Self.path(name)
        let lesson: Lesson
        do {
            lesson = try Lesson.read(path: path)
        } catch {
            #expect(!error.message.isEmpty, "a refused input still says why")
            return
        }
        for entry in lesson.vocabulary {
            for occurrence in entry.occurrences {
                let text = lesson.sections[occurrence.section].paragraphs[occurrence.paragraph].text
                #expect(occurrence.start < occurrence.end && occurrence.end <= text.unicodeScalars.count)
                #expect(text.scalarSlice(occurrence.start..<occurrence.end) == occurrence.text)
            }
        }
        for section in lesson.sections {
            for paragraph in section.paragraphs {
                var previousEnd = 0
                for range in paragraph.sentences {
                    #expect(range.lowerBound >= previousEnd && !range.isEmpty
                            && range.upperBound <= paragraph.text.unicodeScalars.count)
                    previousEnd = range.upperBound
                }
                let controls = paragraph.text.unicodeScalars.filter { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
                #expect(controls.isEmpty, "the sanitizer left \(controls.map(\.value)) in \(name)")
            }
        }
    }

    @Test(arguments: fixtureNames)
    func fuzzInputWrapsWithinEveryWidth(name: String) throws {
        guard let lesson = try? Lesson.read(path: try Self.path(name)) else { return }
        let texts = [lesson.title] + lesson.sections.flatMap { [$0.heading] + $0.paragraphs.map(\.text) }
        for width in [1, 2, 3, 7, 20, 41, 80, 300] {
            for text in texts {
                let scalars = Array(text.unicodeScalars)
                var previousEnd = 0
                for line in LineBreaker.wrap(text, width: width) {
                    #expect(line.start >= previousEnd && line.start <= line.end && line.end <= scalars.count)
                    guard line.start >= previousEnd, line.start <= line.end, line.end <= scalars.count else { break }
                    let slice = String(String.UnicodeScalarView(scalars[line.start..<line.end]))
                    let alone = width == 1 && slice.count == 1
                    #expect(line.width <= width || alone, "\(slice.debugDescription) is \(line.width) wide at \(width)")
                    #expect(scalars[previousEnd..<line.start].allSatisfy { $0 == " " }, "only spaces lie between lines")
                    previousEnd = line.end
                }
                #expect(scalars[previousEnd...].allSatisfy { $0 == " " }, "nothing after the last line is lost")
            }
        }
    }

    // Quadratic blow-ups the fuzzer found. Each input below takes well under a second when the
    // work is linear and minutes when it is quadratic, so a time limit tells them apart without
    // timing anything finely (the machine may be busy; the margin is a hundred times or more).
    // The inputs are made here rather than kept as files, because a slow seed would slow every
    // later fuzz run.

    /// A line of bidi overrides, tabs or escape sequences: `Sanitizer.displaySafe` appended each
    /// replacement with `String.UnicodeScalarView.append(contentsOf:)`, which copies everything
    /// written so far, so in a release build a 640,000-scalar line of U+202E took 53 s, and a
    /// lesson with an 800 KB line of escape sequences a minute.
    @Test(.timeLimit(.minutes(1)))
    func sanitizingALineOfControlsTakesTimeInProportionToItsLength() {
        let bidi = Sanitizer.displaySafe(String(repeating: "\u{202E}x", count: 1_000_000))
        #expect(bidi.unicodeScalars.count == 6_000_000)
        let tabs = Sanitizer.displaySafe(String(repeating: "\tx", count: 1_000_000))
        #expect(tabs.unicodeScalars.count == 5_000_000)
        let escapes = Sanitizer.displaySafe(String(repeating: "\u{1B}[31m", count: 400_000))
        #expect(!escapes.unicodeScalars.contains("\u{1B}"))
    }

    /// Many notes against a repetitive article: `SentenceLocator.Index.locate` walked every word
    /// start whose first 12 normalised scalars matched until it found a whole-sentence match, so
    /// each note that is not a whole sentence cost a pass over the article: 8,000 notes on a
    /// 400 KB article took 27 s in a release build.
    @Test(.timeLimit(.minutes(1)))
    func locatingManyNotesTakesTimeInProportionToTheLesson() throws {
        let n = 8_000
        var text = "Notes on repetition\n\nIntroduction\n\n"
        text += String(repeating: "word ", count: 10 * n) + "\n\nSentence Learning\n\n"
        text += String(repeating: "word word word word word word word word x.\nAnalysis分析\n\n", count: n)
        let lesson = try Lesson.read(bytes: Array(text.utf8))
        #expect(lesson.sentenceNotes.count == n)
    }

    /// One paragraph of many sentences: `LessonJSON.encode` (`gloss dump`) took each sentence's
    /// text with `scalarSlice`, which walks the paragraph from its start, so 20,000 sentences in a
    /// 140 KB paragraph took 5.7 s in a debug build, and 80,000 would take 16 times as long.
    @Test(.timeLimit(.minutes(1)))
    func encodingAParagraphOfManySentencesTakesTimeInProportionToIt() throws {
        let text = "Many sentences\n\nIntroduction\n\n" + String(repeating: "Ab cd. ", count: 80_000) + "\n"
        let lesson = try Lesson.read(bytes: Array(text.utf8))
        #expect(lesson.sections.first?.paragraphs.first?.sentences.count == 80_000)
        #expect(LessonJSON.encode(lesson).contains("\"Ab cd.\""))
    }

    // MARK: - The reader's half, through gloss-fuzz

    /// The overlay sidebar (Tab below 100 columns) fills its rectangle over the article; where an
    /// article line had a double-width character straddling the sidebar's left edge, `Screen.fill`
    /// overwrote the continuation cell and left the character's first cell claiming two columns
    /// (a half-drawn glyph on a terminal). Found by the fuzzer in its first minute; fixed in
    /// `Screen.fill`, which now blanks both halves of a wide grapheme cut by either edge.
    @Test func anOverlayLeavesNoWideCharacterCutInHalfAtItsLeftEdge() throws {
        let result = try Self.replay("screen-fill-cuts-wide-character")
        #expect(result.status == 0, "\(result.output)")
        #expect(!result.output.contains("screen.wide-cut"), "\(result.output)")
    }

    /// The help box's right edge landed on the first cell of a double-width character in the
    /// sidebar: `Screen.fill` blanked that cell but left its continuation behind, a cell claiming
    /// to be the second half of a character that is gone. Same root cause, same fix.
    @Test func anOverlayLeavesNoOrphanContinuationAtItsRightEdge() throws {
        let result = try Self.replay("screen-fill-orphans-continuation")
        #expect(result.status == 0, "\(result.output)")
        #expect(!result.output.contains("screen.orphan-continuation"), "\(result.output)")
    }

    /// Open the search prompt in a 146x1 terminal, resize to 71x11, type a letter: the prompt
    /// restores the top row it saved when it opened (`search.originTop`), which the resize did not
    /// re-anchor, so `startPoint()` indexes line 7 of a paragraph that now has fewer lines and the
    /// reader trapped (ReaderUpdate.swift, `layout.lines(of: block)[top.line]`), leaving the
    /// terminal in raw mode. Found by the fuzzer after 40,951 executions; the saved row is now
    /// clamped and re-anchored on resize.
    @Test func typingInTheSearchPromptAfterAResizeDoesNotTrap() throws {
        let result = try Self.replay("search-prompt-after-resize")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("0 with problems"), "\(result.output)")
    }

    /// `gloss-fuzz` built beside the tests (`GLOSS_FUZZ_BIN` overrides), run on one fixture.
    static func replay(_ name: String) throws -> (status: Int32, output: String) {
        let environment = ProcessInfo.processInfo.environment
        let binary = environment["GLOSS_FUZZ_BIN"]
            ?? Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("gloss-fuzz").path
        try #require(FileManager.default.isExecutableFile(atPath: binary),
                     "\(binary) is missing: build it with swift build --product gloss-fuzz or set GLOSS_FUZZ_BIN")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [try path(name)]
        // A trap's message is what matters here, not Swift's whole backtrace of the replayer.
        process.environment = environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { _, new in new }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
