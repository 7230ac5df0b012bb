import Foundation
import Testing

/// The reader of issue 3 driven as a person drives it: the real `gloss` binary in a private tmux
/// server, keys in, screen text out, exit status at the end.
@Suite(.serialized, .enabled(if: TmuxSession.shouldRun, "tmux is not installed; the end-to-end tests need it"))
struct ReaderEndToEndTests {
    /// The first row of the screen, where the article's top line is.
    static func firstLine(_ screen: String) -> String {
        String(screen.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
    }

    static func lastLine(_ screen: String) -> String {
        String(screen.split(separator: "\n").last ?? "")
    }

    @Test func theSeedOpensWithTitleHeadingSidebarAndStatusBar() throws {
        let box = try GlossSandbox()
        let session = try box.start([GlossSandbox.seed])
        let screen = try session.settled(text: "h help")
        #expect(Self.firstLine(screen).contains("US Administration Accuses Chinese Entities"))
        #expect(screen.contains("Introduction"))
        #expect(screen.contains("Vocabulary · 5 terms"))
        #expect(screen.contains("通過使用武力"))
        #expect(Self.lastLine(screen).contains("› Introduction"))
        try session.send(text: "q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func navigationKeysMoveThroughTheLesson() throws {
        let box = try GlossSandbox()
        let session = try box.start([GlossSandbox.seed])
        let opening = try session.settled(text: "h help")

        try session.send(text: "j")
        let afterJ = try session.settled(what: "the article one line further") { Self.firstLine($0) != Self.firstLine(opening) }
        #expect(Self.firstLine(afterJ).contains("Distillation, Announces Countermeasures"))

        try session.send(text: " ")
        let afterSpace = try session.settled(what: "the next page") { !$0.contains("Introduction") }
        #expect(Self.lastLine(afterSpace).contains("› Main Body"))

        try session.send(text: "G")
        // A page down already shows the end of this short lesson; G also focuses its last sentence.
        let end = try session.settled(what: "the last section") { Self.lastLine($0).contains("› Conclusion") }
        #expect(end.contains("The US administration has formally accused"))
        #expect(end.contains("relations uncertain."))
        #expect(Self.lastLine(end).contains("100%"))

        try session.send(text: "g")
        let top = try session.settled(what: "the title at the top") {
            Self.firstLine($0).contains("US Administration Accuses Chinese Entities")
        }
        #expect(top.contains("Introduction"))
        #expect(!top.contains("relations uncertain."))

        // The translation pane names the focused sentence, so ) and ( can be watched.
        try session.send(text: "t")
        try session.settled(text: "sentence 1 of 23")
        try session.send(text: ")")
        try session.settled(text: "sentence 2 of 23")
        try session.send(text: ")")
        try session.settled(text: "sentence 3 of 23")
        try session.send(text: "(")
        try session.settled(text: "sentence 2 of 23")

        try session.send(text: "q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func cTogglesChineseEverywhere() throws {
        let box = try GlossSandbox()
        let session = try box.start([GlossSandbox.seed])
        try session.settled(text: "通過使用武力")
        try session.send(text: "c")
        let off = try session.settled(what: "the Chinese definitions gone") { !$0.contains("通過使用武力") }
        #expect(off.contains("中 off"))
        #expect(off.contains("The practice of persuading"), "the English definition stays")
        try session.send(text: "c")
        let on = try session.settled(text: "通過使用武力")
        #expect(on.contains("中 on"))
        try session.send(text: "q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func tShowsTheTranslationPaneWithTheFocusedSentencesNote() throws {
        let box = try GlossSandbox()
        let session = try box.start([GlossSandbox.seed])
        let before = try session.settled(text: "h help")
        #expect(!before.contains("Translation"))
        try session.send(text: "t")
        let pane = try session.settled(text: "Translation")
        #expect(pane.contains("No note for this sentence."))
        // Sentence 4, "According to the memo, …", has a note in Sentence Learning.
        try session.send(text: ")))")
        let noted = try session.settled(text: "sentence 4 of 23 · note")
        #expect(noted.contains("Adverbial phrase \"According to the memo\""))
        #expect(noted.contains("副詞短語"))
        try session.send(text: "t")
        try session.settled(what: "the translation pane gone") { !$0.contains("Translation ·") }
        try session.send(text: "q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func vHidesAndShowsTheSidebar() throws {
        let box = try GlossSandbox()
        let session = try box.start([GlossSandbox.seed])
        try session.settled(text: "Vocabulary · 5 terms")
        try session.send(text: "v")
        let hidden = try session.settled(what: "the sidebar gone") { !$0.contains("Vocabulary ·") }
        #expect(!hidden.contains("通過使用武力"))
        #expect(hidden.contains("US Administration Accuses"))
        try session.send(text: "v")
        try session.settled(text: "Vocabulary · 5 terms")
        try session.send(text: "q")
        #expect(try session.waitForExit() == 0)
    }

    /// The sidebar's second row: blank beside the lesson's opening lines when it lists the terms
    /// on screen; the first term of the lesson when it lists them all.
    private static func sidebarFirstEntryRow(_ screen: String) -> String {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        guard rows.count > 1, let bar = rows[1].lastIndex(of: "│") else { return "" }
        return String(rows[1][bar...])
    }

    @Test func capitalVListsEveryTermAndTheChoiceLastsToTheNextRun() throws {
        let box = try GlossSandbox()
        let session = try box.start([GlossSandbox.seed])
        let first = try session.settled(text: "Vocabulary · 5 terms")
        #expect(!Self.sidebarFirstEntryRow(first).contains("•"), "beside the title, no term: \(Self.sidebarFirstEntryRow(first))")
        try session.send(text: "V")
        try session.settled(what: "every term listed") { Self.sidebarFirstEntryRow($0).contains("• coercion  ×2") }
        try session.send(text: "q")
        #expect(try session.waitForExit() == 0)

        let again = try box.start([GlossSandbox.seed])
        try again.settled(what: "every term listed again") { Self.sidebarFirstEntryRow($0).contains("• coercion  ×2") }
        try again.send(text: "V")
        try again.settled(what: "the terms on screen") { $0.contains("vocabulary: the terms on screen") }
        try again.send(text: "q")
        #expect(try again.waitForExit() == 0)

        let third = try box.start([GlossSandbox.seed])
        let screen = try third.settled(text: "Vocabulary · 5 terms")
        #expect(!Self.sidebarFirstEntryRow(screen).contains("•"))
        try third.send(text: "q")
        #expect(try third.waitForExit() == 0)
    }

    @Test func searchShowsTheMatchAndNAndShiftNKeepIt() throws {
        let box = try GlossSandbox()
        let session = try box.start([GlossSandbox.seed])
        let opening = try session.settled(text: "h help")
        try #require(!opening.contains("haystack"), "the match must start off screen for the test to mean anything")
        try session.send(text: "/haystack")
        try session.settled(what: "the prompt with the incremental match") {
            Self.lastLine($0).contains("/haystack") && $0.contains("enormous haystack")
        }
        try session.send(keys: "Enter")
        let found = try session.settled(what: "the prompt closed") { !Self.lastLine($0).contains("/haystack") }
        #expect(found.contains("enormous haystack"))
        // The only match: n and N wrap around to it and say so.
        try session.send(text: "n")
        let next = try session.settled(text: "search wrapped")
        #expect(next.contains("enormous haystack"))
        try session.send(text: "N")
        try session.settled(text: "search wrapped to the end")
        #expect(try session.capture().contains("enormous haystack"))
        try session.send(text: "q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func aTinyTerminalShowsAMessageAndResizingBackKeepsTheFocusedSentence() throws {
        let box = try GlossSandbox()
        let session = try box.start([GlossSandbox.seed])
        try session.settled(text: "h help")
        try session.send(text: "t")
        try session.send(text: String(repeating: ")", count: 12))
        let before = try session.settled(text: "sentence 13 of 23")
        try session.resize(columns: 10, rows: 3)
        let tiny = try session.settled(text: "Enlarge")
        #expect(!tiny.contains("Vocabulary"))
        try session.resize(columns: 120, rows: 40)
        let after = try session.settled(text: "sentence 13 of 23")
        #expect(after.contains("Vocabulary · 5 terms"))
        // The thirteenth sentence, "OpenAI, in a letter to lawmakers, …", is on screen again.
        #expect(before.contains("OpenAI, in a letter"))
        #expect(after.contains("OpenAI, in a letter"))
        #expect(try session.isAlive)
        try session.send(text: "q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func hShowsTheHelpAndQClosesItBeforeQuitting() throws {
        let box = try GlossSandbox()
        let session = try box.start([GlossSandbox.seed])
        try session.settled(text: "h help")
        try session.send(text: "h")
        let help = try session.settled(text: "gloss — keys")
        #expect(help.contains("Everywhere"))
        #expect(help.contains("toggle") || help.contains("Chinese on/off"))
        try session.send(text: "q")
        let closed = try session.settled(what: "the help closed") { !$0.contains("gloss — keys") }
        #expect(closed.contains("Vocabulary · 5 terms"))
        #expect(try session.isAlive, "the first q closes the help and nothing else")
        try session.send(text: "q")
        #expect(try session.waitForExit() == 0)
    }

    // MARK: - Terminal hygiene

    /// A lesson whose title and text try to retitle the window, write the clipboard, paint,
    /// erase, send a device string, use the 8-bit CSI and reverse the text.
    static let hostileLesson = """
        Escapes \u{1B}]0;pwned\u{07} in the title

        Introduction

        A title change \u{1B}]2;pwned\u{1B}\\ and a clipboard write \u{1B}]52;c;cHduZWQ=\u{07} sit here.

        Main Body

        Red \u{1B}[31mtext\u{1B}[0m and an erase \u{1B}[2J\u{1B}[H then a device string \u{1B}P1$qm\u{1B}\\ and a C1 \u{9B}2J sequence. Reversed \u{202E}evil\u{202C} words.

        Conclusion

        Nothing here should reach the terminal.

        Vocabulary Learning

        erase
        To remove completely.完全刪除。
        Example:An erase \u{1B}[2J clears.

        Sentence Learning

        Nothing here should reach the terminal.
        A simple sentence.一個簡單句。

        """

    /// Sequences that would act on the terminal: OSC, DCS, SOS, PM, APC (7- and 8-bit), the
    /// 8-bit CSI, and bidi overrides, embeddings and isolates as raw characters.
    static func activeSequences(in bytes: [UInt8]) -> [String] {
        var found: [String] = []
        for i in bytes.indices {
            if bytes[i] == 0x1B, i + 1 < bytes.count, [0x5D, 0x50, 0x58, 0x5E, 0x5F].contains(bytes[i + 1]) {
                found.append("ESC \(Character(Unicode.Scalar(bytes[i + 1]))) at \(i)")
            }
            // U+0080–U+009F in UTF-8 are C2 80–C2 9F.
            if bytes[i] == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) {
                found.append("C1 U+00\(String(bytes[i + 1], radix: 16, uppercase: true)) at \(i)")
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        for scalar in text.unicodeScalars where (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value) {
            found.append("bidi U+\(String(scalar.value, radix: 16, uppercase: true))")
        }
        return found
    }

    @Test func escapeSequencesInALessonShowAsSymbolsAndLeaveThePaneTitleAlone() throws {
        let box = try GlossSandbox()
        let lesson = try box.writeLesson(Self.hostileLesson, named: "hostile.txt")
        // The pane gets a known title first; gloss must leave it as it is.
        let session = try box.start([lesson], prelude: "printf '\\033]2;keep\\033\\\\'")
        let screen = try session.settled(text: "h help")
        #expect(try session.paneTitle() == "keep")
        #expect(screen.contains("Escapes ␛]0;pwned␇ in the title"))
        #expect(screen.contains("␛]52;c;cHduZWQ=␇"))
        #expect(screen.contains("Red ␛[31mtext␛[0m"))
        #expect(screen.contains("␛P1$qm␛\\"))
        #expect(screen.contains("␛[2J sequence"))
        #expect(screen.contains("⟨RLO⟩evil⟨PDF⟩"))
        // The erase did not happen: the text before it is still there.
        #expect(screen.contains("A title change"))
        let escapes = try session.capture(escapes: true)
        #expect(!escapes.contains("\u{1B}]"), "no OSC")
        #expect(!escapes.contains("\u{1B}P"), "no DCS")
        #expect(!escapes.contains("\u{9B}"), "no 8-bit CSI")
        #expect(!escapes.contains("\u{1B}[31mtext"), "the lesson's own colour is not applied")
        try session.send(text: "G")
        try session.settled(text: "end of lesson")
        #expect(try session.paneTitle() == "keep")
        try session.send(text: "q")
        #expect(try session.waitForExit() == 0)
        #expect(try session.paneTitle() == "keep")
    }

    /// What tmux shows is what tmux understood; the bytes themselves, recorded by script(1)
    /// between gloss and the terminal, must hold no sequence that could act on a terminal either.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "script(1) is not installed"))
    func theBytesGlossWritesForAHostileLessonHoldNoActiveSequence() throws {
        let box = try GlossSandbox()
        let lesson = try box.writeLesson(Self.hostileLesson, named: "hostile.txt")
        let typescript = box.folder.appendingPathComponent("typescript").path
        let session = try box.start([lesson], wrapper: ["/usr/bin/script", "-q", "-e", "-c"], wrapperOutput: typescript)
        try session.settled(text: "h help")
        try session.send(text: "jjGt)c")
        try session.settled(text: "Translation")
        try session.send(text: "q")
        #expect(try session.waitForExit() == 0)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: typescript)))
        #expect(bytes.count > 1000, "script recorded the session")
        #expect(Self.activeSequences(in: bytes) == [])
        // The detector itself finds what the lesson carries.
        #expect(Self.activeSequences(in: Array(Self.hostileLesson.utf8)).count >= 6)
    }

    /// Opening ends with the first screen (issue 5): the keypad's application mode, which
    /// ncurses would send again at the first read of a key, goes out before it, so nothing
    /// follows the first screen until a key comes; and quitting sends the mode back.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "script(1) is not installed"))
    func nothingFollowsTheFirstScreenUntilAKey() throws {
        let box = try GlossSandbox()
        let typescript = box.folder.appendingPathComponent("typescript").path
        let session = try box.start([GlossSandbox.seed], wrapper: ["/usr/bin/script", "-q", "-e", "-f", "-c"], wrapperOutput: typescript)
        try session.settled(text: "h help")
        Thread.sleep(forTimeInterval: 0.3)
        let opening = [UInt8](try Data(contentsOf: URL(fileURLWithPath: typescript)))
        try session.send(text: "q")
        #expect(try session.waitForExit() == 0)
        let keypadOn = Array("\u{1B}[?1h\u{1B}=".utf8), statusBar = Array("h help".utf8)
        let lastKeypadOn = try #require(Self.lastRange(of: keypadOn, in: opening), "the keypad's mode was sent")
        let lastStatusBar = try #require(Self.lastRange(of: statusBar, in: opening), "the status bar was sent")
        #expect(lastKeypadOn.upperBound < lastStatusBar.lowerBound)
        // What follows the status bar's text ends its row: no more than the reset of its style.
        #expect(opening.count - lastStatusBar.upperBound < 24, "\(String(decoding: opening[lastStatusBar.upperBound...], as: UTF8.self).debugDescription)")
        let all = [UInt8](try Data(contentsOf: URL(fileURLWithPath: typescript)))
        #expect(Self.lastRange(of: Array("\u{1B}[?1l\u{1B}>".utf8), in: all).map { $0.lowerBound > opening.count - 1 } == true,
                "the quit turns the keypad's mode off")
    }

    static func lastRange(of needle: [UInt8], in bytes: [UInt8]) -> Range<Int>? {
        guard needle.count <= bytes.count else { return nil }
        for start in stride(from: bytes.count - needle.count, through: 0, by: -1) where bytes[start..<(start + needle.count)].elementsEqual(needle) {
            return start..<(start + needle.count)
        }
        return nil
    }

    /// The colours of SGR sequences in captured text: 30–37, 38, 40–47, 48, 90–97, 100–107.
    static func colourParameters(in escapes: String) -> [Int] {
        attributes(in: escapes).filter { (30...38).contains($0) || (40...48).contains($0) || (90...97).contains($0) || (100...107).contains($0) }
    }

    /// Every SGR parameter in captured text, with the arguments of 38/48 (5;N or 2;R;G;B) skipped.
    static func attributes(in escapes: String) -> [Int] {
        var result: [Int] = []
        let scalars = Array(escapes.unicodeScalars)
        var i = 0
        while i + 1 < scalars.count {
            guard scalars[i] == "\u{1B}", scalars[i + 1] == "[" else { i += 1; continue }
            var j = i + 2
            var body = ""
            while j < scalars.count, (0x30...0x3F).contains(scalars[j].value) { body.unicodeScalars.append(scalars[j]); j += 1 }
            if j < scalars.count, scalars[j] == "m" {
                let parameters = body.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
                var k = 0
                while k < parameters.count {
                    result.append(parameters[k])
                    if parameters[k] == 38 || parameters[k] == 48 {
                        k += k + 1 < parameters.count && parameters[k + 1] == 2 ? 5 : 3
                    } else {
                        k += 1
                    }
                }
            }
            i = j
        }
        return result
    }

    @Test func noColorKeepsHighlightsAsAttributesWithoutColour() throws {
        // With colour first, so the check below is known to see colour when there is some.
        let coloured = try GlossSandbox()
        let colourSession = try coloured.start([GlossSandbox.seed])
        try colourSession.settled(text: "h help")
        #expect(!Self.colourParameters(in: try colourSession.capture(escapes: true)).isEmpty)
        try colourSession.send(text: "q")
        #expect(try colourSession.waitForExit() == 0)

        let box = try GlossSandbox()
        let session = try box.start([GlossSandbox.seed], environment: ["NO_COLOR": "1"])
        try session.settled(text: "h help")
        // A search match too, so every kind of highlight is on screen.
        try session.send(text: "/coercion")
        try session.send(keys: "Enter")
        try session.settled(what: "the search done") { !Self.lastLine($0).contains("/coercion") }
        let escapes = try session.capture(escapes: true)
        let colours = Self.colourParameters(in: escapes)
        #expect(colours == [], "colour SGR under NO_COLOR")
        let attributes = Set(Self.attributes(in: escapes))
        #expect(attributes.contains(1), "bold (headings, the focused sentence)")
        #expect(attributes.contains(4), "underline (vocabulary)")
        #expect(attributes.contains(7), "reverse (status bar, search match)")
        try session.send(text: "q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func withoutLangOrLcAllChineseStillShows() throws {
        let box = try GlossSandbox()
        let session = try box.start([GlossSandbox.seed], environment: ["LANG": nil, "LC_ALL": nil])
        let screen = try session.settled(text: "h help")
        #expect(screen.contains("通過使用武力"))
        #expect(screen.contains("中 on"))
        #expect(!screen.contains("?????"))
        try session.send(text: "q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func outputToAPipeIsThePlainLessonWithoutEscapes() throws {
        let box = try GlossSandbox()
        let result = try box.run([GlossSandbox.seed])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("\u{1B}"), "no ESC byte at all")
        let text = result.stdout
        #expect(text.hasPrefix("US Administration Accuses Chinese Entities"))
        for heading in ["Introduction", "Main Body", "Conclusion", "Vocabulary", "coercion", "通過使用武力", "Adverbial phrase", "副詞短語"] {
            #expect(text.contains(heading), "\(heading)")
        }
    }

    @Test func ctrlZSuspendsAndFgRedraws() throws {
        let box = try GlossSandbox()
        let session = try box.startShell()
        try session.settled(text: GlossSandbox.prompt)
        try session.send(text: box.shellCommand([GlossSandbox.seed]))
        try session.send(keys: "Enter")
        try session.settled(text: "h help")
        try session.send(keys: "C-z")
        let stopped = try session.settled(text: "Stopped")
        #expect(!stopped.contains("h help"), "the screen is the shell's again")
        try session.send(text: "fg")
        try session.send(keys: "Enter")
        let back = try session.settled(text: "h help")
        #expect(back.contains("Vocabulary · 5 terms"))
        #expect(back.contains("US Administration Accuses"))
        try session.send(text: "q")
        try session.settled(what: "the shell back") { !$0.contains("h help") }
        try session.send(text: "echo status=$?")
        try session.send(keys: "Enter")
        try session.settled(text: "status=0")
        try session.send(text: "exit")
        try session.send(keys: "Enter")
        #expect(try session.waitForExit() == 0)
    }
}

// MARK: - Waiting for a whole frame

extension TmuxSession {
    /// The screen once `condition` holds and two captures 50 ms apart agree. tmux may be caught
    /// halfway through a frame (the top rows new, the bottom rows old), so a screen that is then
    /// checked for more than the awaited text must first stop changing.
    @discardableResult
    func settled(timeout: Duration = .seconds(10), what: String = "the expected screen",
                 _ condition: (String) -> Bool) throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var previous = try waitUntil(timeout: timeout, what: what, condition)
        while clock.now < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            let screen = try capture()
            if screen == previous, condition(screen) { return screen }
            previous = screen
        }
        throw Failure(description: "timed out after \(timeout) waiting for \(what) to settle; the screen was:\n\(previous)")
    }

    @discardableResult
    func settled(text: String, timeout: Duration = .seconds(10)) throws -> String {
        try settled(timeout: timeout, what: "\"\(text)\"") { $0.contains(text) }
    }
}

// MARK: - The sandbox every end-to-end test runs gloss in

/// One user's world for one test: a temporary HOME with its own state and data folders, so no
/// test sees another's progress database, and an environment built from nothing (`env -i`) so
/// the runner's LANG, NO_COLOR or XDG settings never leak in.
final class GlossSandbox {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let lessons = root.appendingPathComponent("Lessons")
    static let seed = lessons.appendingPathComponent("01-us-accuses-chinese-entities-of-ai-distillation.txt").path
    static let prompt = "GLOSS-E2E$"

    static var binary: String {
        let path = glossBinaryPath()
        return path.hasPrefix("/") ? path : root.appendingPathComponent(path).path
    }

    let folder: URL
    var home: String { folder.appendingPathComponent("home").path }
    /// Where XDG_STATE_HOME points: a folder inside the sandbox unless the test chose one.
    let stateHome: String
    var dataHome: String { folder.appendingPathComponent("data").path }
    var database: String { stateHome + "/gloss/gloss.sqlite" }

    /// - Parameters:
    ///   - label: part of the folder's name, to tell the sandboxes of a test run apart.
    ///   - stateHome: XDG_STATE_HOME, for a state folder on a full or read-only disk.
    init(_ label: String = "e2e", stateHome: String? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-\(label)-\(UUID().uuidString)")
        self.stateHome = stateHome ?? folder.appendingPathComponent("state").path
        try FileManager.default.createDirectory(atPath: folder.appendingPathComponent("home").path,
                                                withIntermediateDirectories: true)
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary),
                     "no gloss binary at \(Self.binary); run `swift build` or set GLOSS_BIN")
    }

    deinit {
        remove()
    }

    /// Removes the sandbox's folder now, for a test that must be done with it before something
    /// else happens (a mount inside it to undo, say); `deinit` does it otherwise.
    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// tmux's title for a pane until a program sets one: the host name.
    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The environment gloss gets; a nil value in `changes` leaves that variable out.
    func environment(_ changes: [String: String?] = [:]) -> [String: String] {
        var environment = [
            "HOME": home, "XDG_STATE_HOME": stateHome, "XDG_DATA_HOME": dataHome,
            "TERM": "xterm-256color", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin",
        ]
        for (name, value) in changes { environment[name] = value }
        return environment
    }

    /// `env -i NAME=VALUE… gloss ARGUMENTS…`, from `directory` when given.
    func command(_ arguments: [String], environment changes: [String: String?] = [:], directory: String? = nil) -> [String] {
        let assignments = environment(changes).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let command = ["/usr/bin/env", "-i"] + assignments + [Self.binary] + arguments
        guard let directory else { return command }
        return ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory] + command
    }

    /// Starts gloss in a fresh tmux server. `prelude` is shell run first in the pane (to set a
    /// title, say); `wrapper` is a program such as `script -q -e -c` that takes the command as one
    /// shell string followed by `wrapperOutput`.
    func start(_ arguments: [String], columns: Int = 120, rows: Int = 40, environment changes: [String: String?] = [:],
               directory: String? = nil, prelude: String? = nil,
               wrapper: [String]? = nil, wrapperOutput: String? = nil) throws -> TmuxSession {
        var command = self.command(arguments, environment: changes, directory: directory)
        if let wrapper {
            command = wrapper + [Self.shellQuoted(command)] + (wrapperOutput.map { [$0] } ?? [])
        }
        if let prelude {
            command = ["/bin/sh", "-c", prelude + "; exec \"$@\"", "sh"] + command
        }
        return try TmuxSession(columns: columns, rows: rows, command: command)
    }

    /// Starts gloss and learns its process id (a shell writes its own pid, then becomes gloss),
    /// so that a test can see how much typed input it has not read yet, or kill it.
    func startWatched(_ arguments: [String], columns: Int = 120, rows: Int = 40) throws -> (TmuxSession, ReaderProcess) {
        let pidFile = folder.appendingPathComponent("reader-\(UUID().uuidString).pid").path
        let tmux = try TmuxSession(columns: columns, rows: rows,
                                   command: ["/bin/sh", "-c", "echo $$ > \"$0\"; exec \"$@\"", pidFile] + command(arguments))
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(10))
        while clock.now < deadline {
            if let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
               let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return (tmux, ReaderProcess(pid: pid))
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        tmux.kill()
        throw TmuxSession.Failure(description: "the reader never wrote its pid to \(pidFile)")
    }

    /// An interactive bash with job control, its prompt `prompt`, and nothing from any rc file.
    func startShell(columns: Int = 120, rows: Int = 40) throws -> TmuxSession {
        let assignments = environment(["PS1": Self.prompt]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return try TmuxSession(columns: columns, rows: rows,
                               command: ["/usr/bin/env", "-i"] + assignments + ["/bin/bash", "--norc", "--noprofile", "-i"])
    }

    /// The command line to type into `startShell`'s shell.
    func shellCommand(_ arguments: [String]) -> String {
        Self.shellQuoted([Self.binary] + arguments)
    }

    static func shellQuoted(_ words: [String]) -> String {
        words.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
    }

    /// Runs gloss with no terminal at all: output to files, input from /dev/null.
    func run(_ arguments: [String], environment changes: [String: String?] = [:], directory: String? = nil) throws -> Output {
        let out = folder.appendingPathComponent("out-\(UUID().uuidString)"), err = folder.appendingPathComponent("err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.environment = environment(changes)
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return Output(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    /// A new folder inside the sandbox.
    func makeFolder(_ name: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @discardableResult
    func writeLesson(_ text: String, named name: String, in directory: String? = nil) throws -> String {
        try writeLesson(Array(text.utf8), named: name, in: directory)
    }

    /// Writes a lesson's bytes, as they are (invalid UTF-8 and all), and returns its path.
    @discardableResult
    func writeLesson(_ bytes: [UInt8], named name: String, in directory: String? = nil) throws -> String {
        let path = (directory ?? folder.path) + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Copies a lesson that ships in Lessons/ into `directory`.
    @discardableResult
    func copyShippedLesson(_ name: String, to directory: String) throws -> String {
        let target = directory + "/" + name
        try FileManager.default.copyItem(atPath: Self.lessons.appendingPathComponent(name).path, toPath: target)
        return target
    }
}
