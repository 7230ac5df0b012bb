import Foundation
import Testing

/// The reader under a seeded random walk: thousands of keys from the whole key map, arbitrary
/// text, raw escape sequences and invalid UTF-8 typed as input, and resizes down to 1x1. At the
/// end it must still run, redraw the lesson correctly at 120x40 and quit with status 0.
///
/// Replay a run with `GLOSS_ABUSE_SEED=<seed printed by the failing run>`; walk longer with
/// `GLOSS_ABUSE_KEYS=<keys per lesson>` (default 3,000).
@Suite(.serialized, .enabled(if: TmuxSession.shouldRun, "tmux is not installed; the end-to-end tests need it"))
struct AbuseEndToEndTests {
    enum WalkLesson: String, CaseIterable, CustomStringConvertible {
        case seed, controlHeavy
        var description: String { rawValue }
    }

    /// The first words of the seed's first paragraph: no sequence is spliced into them, so they
    /// show on the first page of both lessons whatever panes are on.
    static let firstWords = "The White House has issued"

    @Test(arguments: WalkLesson.allCases)
    func aRandomWalkOfKeysBytesAndResizesLeavesTheReaderRunningRedrawingAndQuittable(_ which: WalkLesson) throws {
        let seed = SeededGenerator.seed(from: "GLOSS_ABUSE_SEED")
        let keyBudget = abuseCount("GLOSS_ABUSE_KEYS", default: 3_000)
        print("random walk on \(which): seed \(seed) (replay with GLOSS_ABUSE_SEED=\(seed)), \(keyBudget) keys")
        var random = SeededGenerator(seed: seed)

        let sandbox = try GlossSandbox("walk")
        defer { sandbox.remove() }
        let lesson: String
        switch which {
        case .seed: lesson = GlossSandbox.seed
        case .controlHeavy:
            lesson = try sandbox.writeLesson(try HostileLessons.controlHeavy(seed: GlossSandbox.seed),
                                       named: "control-heavy.txt")
        }
        let (tmux, reader) = try sandbox.startWatched([lesson])
        defer { tmux.kill() }
        try tmux.waitFor(text: "h help")

        var walk = RandomWalk()
        var nextResize = Int.random(in: 80...120, using: &random)
        var nextProbe = Int.random(in: 250...350, using: &random)
        var size = (columns: 120, rows: 40)
        let started = ContinuousClock.now
        while walk.keysSent < keyBudget {
            let batch = walk.nextBatch(using: &random)
            try batch.send(to: tmux)
            walk.remember(batch)
            // The next batch waits for the reader to read this one: it is never far behind, so
            // what the screen shows is the answer to what was typed, and a hang shows at once.
            do {
                try reader.waitUntilInputIsRead()
            } catch {
                Issue.record("\(error); seed \(seed); last input:\n\(walk.recent)\nscreen:\n\((try? tmux.capture()) ?? "")")
                return
            }
            if walk.keysSent >= nextResize {
                nextResize += Int.random(in: 80...120, using: &random)
                size = RandomWalk.randomSize(using: &random)
                try tmux.resize(columns: size.columns, rows: size.rows)
                walk.resizes += 1
                let status = try tmux.exitStatus()
                try #require(status == nil,
                             "gloss ended during the walk with status \(status ?? -1); seed \(seed); last input:\n\(walk.recent)")
            }
            if walk.keysSent >= nextProbe, size.columns >= 30, size.rows >= 8 {
                nextProbe += Int.random(in: 250...350, using: &random)
                if try Self.closeHelpWithQ(tmux, reader) { walk.helpClosedWithQ += 1 }
                try #require(try tmux.isAlive, "q closing the help quit the reader; seed \(seed)")
            }
        }
        let walked = ContinuousClock.now - started
        print("random walk on \(which): \(walk.keysSent) keys (\(walk.mapKeys) from the key map, "
            + "\(walk.otherKeys) other keys, \(walk.textCharacters) typed characters, \(walk.rawSequences) raw "
            + "sequences and bytes), \(walk.resizes) resizes, help closed with q \(walk.helpClosedWithQ) times, in \(walked)")

        try #require(try tmux.isAlive, "gloss ended during the walk; seed \(seed); last input:\n\(walk.recent)")
        #expect(walk.keysSent >= keyBudget)

        // Back to a normal size, out of any prompt or overlay, and to the top.
        try tmux.resize(columns: 120, rows: 40)
        Thread.sleep(forTimeInterval: 0.3)
        for _ in 0..<3 {
            try tmux.send(keys: "Escape")
            try reader.waitUntilInputIsRead(settle: 0.1)
        }
        try tmux.send(keys: "g")
        try reader.waitUntilInputIsRead(settle: 0.2)
        let screen = try tmux.waitUntil(timeout: .seconds(10), what: "the top of the lesson and the status bar at 120x40") {
            let rows = $0.components(separatedBy: "\n")
            return $0.contains(Self.firstWords) && rows.count >= 40 && rows[39].contains("h help")
        }
        let rows = screen.components(separatedBy: "\n")
        #expect(rows.prefix(39).allSatisfy { !$0.contains("h help") }, "the status bar shows only on the last row:\n\(screen)")
        // What was drawn piece by piece through the walk equals a full repaint (ctrl-l).
        try tmux.send(keys: "C-l")
        Thread.sleep(forTimeInterval: 0.3)
        let repainted = try tmux.capture()
        #expect(repainted == screen, "the screen differs from a full repaint; seed \(seed)\n\(ScreenDifference(before: screen, after: repainted))")

        // Typed escape sequences are input, never output: the pane keeps its title.
        #expect(try tmux.paneTitle() == GlossSandbox.hostName())

        try tmux.send(keys: "q")
        #expect(try tmux.waitForExit(timeout: .seconds(10)) == 0, "seed \(seed)")
    }

    /// Opens the help with h, and once it is certainly open (two looks 100 ms apart) closes it
    /// with q, which quits when no overlay is open. Returns whether it got as far as q.
    static func closeHelpWithQ(_ tmux: TmuxSession, _ reader: ReaderProcess) throws -> Bool {
        // Let any half-typed escape sequence time out, then leave any prompt or overlay.
        try reader.waitUntilInputIsRead(settle: 0.1)
        try tmux.send(keys: "Escape")
        try reader.waitUntilInputIsRead(settle: 0.05)
        try tmux.send(keys: "Escape")
        try reader.waitUntilInputIsRead(settle: 0.05)
        try tmux.send(keys: "h")
        try reader.waitUntilInputIsRead(settle: 0.05)
        let helpTitle = "gloss — keys"
        guard (try? tmux.waitFor(text: helpTitle, timeout: .seconds(2))) != nil else {
            try tmux.send(keys: "Escape")
            return false
        }
        Thread.sleep(forTimeInterval: 0.1)
        guard try tmux.capture().contains(helpTitle) else { return false }
        try tmux.send(keys: "q")
        try tmux.waitUntil(timeout: .seconds(5), what: "the help to close") { !$0.contains(helpTitle) }
        return true
    }
}


/// What the walk types, drawn from a seeded generator: batches of keys, of literal text, or of
/// raw byte strings. Keys are written as the bytes an xterm sends for them (the reader runs with
/// TERM=xterm-256color), so a whole batch goes to the pane as one burst.
///
/// It never types `q`, ctrl-c (both quit) or ctrl-z (would stop the reader, and the pane's shell
/// has no job control to continue it); `q` is exercised only where it closes the help.
struct RandomWalk {
    /// Every key of the key map (q and ctrl-c left out, see above) and the bytes that type it.
    static let mapKeys: [(name: String, bytes: String)] = [
        ("j", "j"), ("k", "k"), ("Space", " "), ("f", "f"), ("b", "b"), ("d", "d"), ("u", "u"),
        ("g", "g"), ("G", "G"), (")", ")"), ("(", "("), ("]", "]"), ("[", "["), ("Tab", "\t"),
        ("BTab", "\u{1B}[Z"), ("Enter", "\r"), ("n", "n"), ("N", "N"), ("/", "/"), ("?", "?"),
        ("c", "c"), ("t", "t"), ("v", "v"), ("K", "K"), ("L", "L"), ("U", "U"), ("I", "I"),
        ("h", "h"), ("F1", "\u{1B}OP"), ("Escape", "\u{1B}"), ("Up", "\u{1B}OA"), ("Down", "\u{1B}OB"),
        ("NPage", "\u{1B}[6~"), ("PPage", "\u{1B}[5~"), ("Home", "\u{1B}OH"), ("End", "\u{1B}OF"),
    ]

    /// Keys the map does not bind, or binds only inside the search prompt.
    static let otherKeys: [(name: String, bytes: String)] = [
        ("x", "x"), ("z", "z"), ("0", "0"), ("~", "~"), ("<", "<"), ("Left", "\u{1B}OD"), ("Right", "\u{1B}OC"),
        ("BSpace", "\u{7F}"), ("DC", "\u{1B}[3~"), ("IC", "\u{1B}[2~"), ("F2", "\u{1B}OQ"), ("F5", "\u{1B}[15~"),
        ("F12", "\u{1B}[24~"), ("M-x", "\u{1B}x"), ("M-j", "\u{1B}j"), ("C-l", "\u{0C}"), ("C-u", "\u{15}"),
        ("C-g", "\u{07}"), ("C-h", "\u{08}"), ("C-a", "\u{01}"), ("C-w", "\u{17}"), ("S-Up", "\u{1B}[1;2A"),
        ("C-Left", "\u{1B}[1;5D"), ("M-Enter", "\u{1B}\r"),
    ]

    /// Escape sequences a terminal or a confused user might send, valid UTF-8.
    static let escapeSequences: [String] = [
        "\u{1B}[1;5A", "\u{1B}[1;2B", "\u{1B}[200~pasted text\u{1B}[201~", "\u{1B}[200~", "\u{1B}[201~",
        "\u{1B}OP", "\u{1B}O", "\u{1B}[15~", "\u{1B}[<0;10;5M", "\u{1B}[<0;10;5m", "\u{1B}[<64;3;3M",
        "\u{1B}[<65;300;200M", "\u{1B}[<2;1;1M", "\u{1B}[<0;1;1M", "\u{1B}[<", "\u{1B}[<99999999999;;M",
        "\u{1B}[M !!", "\u{1B}[M", "\u{1B}", "\u{1B}[", "\u{1B}]", "\u{1B}]0;title\u{07}", "\u{1B}P",
        "\u{1B}[99;99;99;99;99;99;99;99;99;99;99;99;99;99;99;99;99;99H", "\u{1B}[?1049h",
        "\u{1B}\u{1B}\u{1B}", "\u{1B}[I", "\u{1B}[O", "\u{1B}[0n", "\u{9B}A", "\u{85}",
        "\u{07}", "\u{0B}", "\u{0E}", "\u{0F}", "\u{11}", "\u{13}", "\u{16}", "\u{1C}", "\u{1D}", "\u{1F}",
    ]

    /// Byte strings that are not UTF-8, typed with `send-keys -H`.
    static let invalidUTF8: [[UInt8]] = [
        [0xFF], [0xFE], [0xC3], [0xE4, 0xB8], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
        [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xBF, 0xBF], [0xC2], [0xE2, 0x28, 0xA1],
    ]

    /// Bytes never sent as random bytes: q, ctrl-c and ctrl-z.
    static let forbiddenBytes: Set<UInt8> = [UInt8(ascii: "q"), 0x03, 0x1A]

    static let textPool: [Character] = Array(
        "abcdefghijklmnoprstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !\"#$%&'()*+,-./:<=>?@[\\]^_`{|}~"
            + "中文詞彙學習閱讀終端機測試漢字。，「」ＡＢ〜éñüﬁ🙂👍🏽🇨🇳\u{301}\u{200D}"
    )

    enum Batch {
        /// Keys and what they type, as one burst.
        case keys(names: [String], bytes: String, fromMap: Int)
        case text(String)
        case escapes([String])
        case bytes([UInt8], sequences: Int)

        func send(to tmux: TmuxSession) throws {
            switch self {
            case .keys(_, let bytes, _): try tmux.send(text: bytes)
            case .text(let text): try tmux.send(text: text)
            case .escapes(let sequences): try tmux.send(text: sequences.joined())
            case .bytes(let bytes, _): try tmux.sendBytes(bytes)
            }
        }

        var summary: String {
            switch self {
            case .keys(let names, _, _): return "keys " + names.joined(separator: " ")
            case .text(let text): return "text " + text.debugDescription
            case .escapes(let sequences): return "escapes " + sequences.map(\.debugDescription).joined(separator: " ")
            case .bytes(let bytes, _): return "bytes " + bytes.map { String(format: "%02x", $0) }.joined(separator: " ")
            }
        }
    }

    private(set) var keysSent = 0
    private(set) var mapKeys = 0
    private(set) var otherKeys = 0
    private(set) var textCharacters = 0
    private(set) var rawSequences = 0
    var resizes = 0
    var helpClosedWithQ = 0
    private var lastBatches: [String] = []

    var recent: String { lastBatches.joined(separator: "\n") }

    func nextBatch(using random: inout SeededGenerator) -> Batch {
        let roll = Int.random(in: 0..<100, using: &random)
        if roll < 76 {
            var names: [String] = [], bytes = "", fromMap = 0
            for _ in 0..<20 {
                let key: (name: String, bytes: String)
                if Int.random(in: 0..<100, using: &random) < 85 {
                    key = Self.mapKeys.randomElement(using: &random)!
                    fromMap += 1
                } else {
                    key = Self.otherKeys.randomElement(using: &random)!
                }
                names.append(key.name)
                bytes += key.bytes
            }
            return .keys(names: names, bytes: Self.safeForTmux(bytes), fromMap: fromMap)
        }
        if roll < 87 {
            let length = Int.random(in: 1...20, using: &random)
            let text = String((0..<length).map { _ in Self.textPool.randomElement(using: &random)! })
            return .text(Self.safeForTmux(text))
        }
        if roll < 95 {
            let sequences = (0..<Int.random(in: 1...4, using: &random)).map { _ in
                Self.escapeSequences.randomElement(using: &random)!
            }
            return .escapes(sequences)
        }
        var bytes: [UInt8] = []
        let count = Int.random(in: 1...3, using: &random)
        for _ in 0..<count {
            if Bool.random(using: &random) {
                bytes += Self.invalidUTF8.randomElement(using: &random)!
            } else {
                bytes += (0..<Int.random(in: 1...4, using: &random))
                    .map { _ in UInt8.random(in: 0...255, using: &random) }
                    .filter { !Self.forbiddenBytes.contains($0) }
            }
        }
        return .bytes(bytes.isEmpty ? [0xFF] : bytes, sequences: count)
    }

    /// tmux reads an argument that ends in ";" as the end of a command.
    private static func safeForTmux(_ text: String) -> String {
        text.hasSuffix(";") ? text + "x" : text
    }

    mutating func remember(_ batch: Batch) {
        switch batch {
        case .keys(let names, _, let fromMap):
            keysSent += names.count
            mapKeys += fromMap
            otherKeys += names.count - fromMap
        case .text(let text):
            keysSent += text.count
            textCharacters += text.count
        case .escapes(let sequences):
            keysSent += sequences.count
            rawSequences += sequences.count
        case .bytes(_, let sequences):
            keysSent += sequences
            rawSequences += sequences
        }
        lastBatches.append(batch.summary)
        if lastBatches.count > 6 { lastBatches.removeFirst() }
    }

    /// Sizes from 1x1 up; a quarter of them tiny, where layouts have the least room.
    static func randomSize(using random: inout SeededGenerator) -> (columns: Int, rows: Int) {
        if Int.random(in: 0..<4, using: &random) == 0 {
            return (Int.random(in: 1...6, using: &random), Int.random(in: 1...4, using: &random))
        }
        return (Int.random(in: 7...220, using: &random), Int.random(in: 2...70, using: &random))
    }
}

extension TmuxSession {
    /// Raw bytes, written to the pane as they are (`send-keys -H`), invalid UTF-8 included.
    func sendBytes(_ bytes: [UInt8]) throws {
        // send(keys:) puts its arguments after `send-keys -t <pane>`, where -H is still read as a
        // flag. It is variadic, so the bytes go in groups of eight; tmux skips the empty ones.
        var index = 0
        while index < bytes.count {
            let group = bytes[index..<min(bytes.count, index + 8)].map { String(format: "%02x", $0) }
            let h = group + Array(repeating: "", count: 8 - group.count)
            try send(keys: "-H", h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
            index += 8
        }
    }
}

/// Lessons built to hurt a terminal (see `HostileLessons`): each opens, moves, searches and quits
/// with status 0 in time, and none of its escape sequences reaches the terminal: the pane's
/// title stays the host name, the screen holds no OSC or DCS, and the sequences show as pictures.
@Suite(.serialized, .enabled(if: TmuxSession.shouldRun, "tmux is not installed; the end-to-end tests need it"))
struct HostileLessonAbuseEndToEndTests {
    enum Hostile: String, CaseIterable, CustomStringConvertible {
        case sequencesEverywhere, controlHeavySeed, oneMegabyteLine, hundredThousandParagraphs

        var description: String { rawValue }

        func bytes() throws -> [UInt8] {
            switch self {
            case .sequencesEverywhere: return HostileLessons.everywhere()
            case .controlHeavySeed: return try HostileLessons.controlHeavy(seed: GlossSandbox.seed)
            case .oneMegabyteLine: return HostileLessons.oneLongLine()
            case .hundredThousandParagraphs: return HostileLessons.tinyParagraphs()
            }
        }

        /// Words of the title as the reader shows them.
        var titleWords: String {
            switch self {
            case .sequencesEverywhere: return "Hostile"
            case .controlHeavySeed: return "US Administration"
            case .oneMegabyteLine, .hundredThousandParagraphs: return "A Lesson Built To Be Heavy"
            }
        }

        var carriesSequences: Bool { self == .sequencesEverywhere || self == .controlHeavySeed }
    }

    /// Generous: a debug build on two busy cores. The times taken are printed.
    static let openTimeout = Duration.seconds(abuseCount("GLOSS_ABUSE_OPEN_TIMEOUT", default: 90))

    @Test(arguments: Hostile.allCases)
    func aHostileLessonOpensMovesSearchesAndQuitsWithoutReachingTheTerminal(_ hostile: Hostile) throws {
        let sandbox = try GlossSandbox("hostile")
        defer { sandbox.remove() }
        let lesson = try sandbox.writeLesson(try hostile.bytes(), named: "\(hostile).txt")
        let clock = ContinuousClock()
        let started = clock.now
        let tmux = try sandbox.start([lesson])
        defer { tmux.kill() }
        try tmux.waitUntil(timeout: Self.openTimeout, what: "the title and the status bar") {
            $0.contains(hostile.titleWords) && $0.contains("h help")
        }
        let opened = clock.now - started
        var timings = ["open \(opened)"]

        func step(_ name: String, _ condition: @escaping (String) -> Bool) throws {
            let start = clock.now
            try tmux.waitUntil(timeout: Self.openTimeout, what: "the reader to answer \(name)", condition)
            timings.append("\(name) \(clock.now - start)")
        }
        try tmux.send(keys: "G")
        try step("G") { $0.contains("100% ·") }
        try tmux.send(keys: "g")
        try step("g") { $0.contains(hostile.titleWords) && !$0.contains("100% ·") }
        try tmux.send(text: ")")
        Thread.sleep(forTimeInterval: 0.2)
        try tmux.send(text: "/x")
        try tmux.send(keys: "Enter")
        try step("/x<Enter>") { screen in
            let status = screen.components(separatedBy: "\n").last { !$0.isEmpty } ?? ""
            return status.contains("h help") && !status.contains("/x")
        }
        print("hostile lesson \(hostile) (\(try hostile.bytes().count) bytes): " + timings.joined(separator: ", "))

        let screen = try tmux.capture()
        #expect(!screen.contains("not found"), "x is in every one of these lessons:\n\(screen)")
        let withEscapes = try tmux.capture(escapes: true)
        #expect(!withEscapes.contains("\u{1B}]"), "an OSC sequence is on the screen")
        #expect(!withEscapes.contains("\u{1B}P"), "a DCS sequence is on the screen")
        let title = try tmux.paneTitle()
        #expect(title == GlossSandbox.hostName() && !title.contains(HostileLessons.leakMarker), "the pane title became \(title)")
        if hostile.carriesSequences {
            // Shown, not swallowed: the escapes are there as pictures.
            try tmux.send(keys: "g")
            let top = try tmux.waitFor(text: "␛")
            #expect(top.contains("␛"))
            #expect(try tmux.paneTitle() == title)
        }

        let quitting = clock.now
        try tmux.send(keys: "q")
        #expect(try tmux.waitForExit(timeout: Self.openTimeout) == 0)
        print("hostile lesson \(hostile): quit in \(clock.now - quitting)")
    }
}

/// The rows where two captures of the same terminal differ, for failure messages.
struct ScreenDifference: CustomStringConvertible {
    var before: String
    var after: String

    var description: String {
        let old = before.components(separatedBy: "\n"), new = after.components(separatedBy: "\n")
        var lines: [String] = []
        for row in 0..<max(old.count, new.count) {
            let a = row < old.count ? old[row] : "<none>", b = row < new.count ? new[row] : "<none>"
            if a != b { lines.append("row \(row) drawn:    \(a.debugDescription)\nrow \(row) repainted: \(b.debugDescription)") }
        }
        return lines.joined(separator: "\n")
    }
}
