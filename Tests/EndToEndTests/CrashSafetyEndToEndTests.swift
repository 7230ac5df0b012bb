import Foundation
import LessonKit
import Testing

/// The progress database under the worst a machine does to it: the reader killed with SIGKILL
/// at any moment, saving or not; the disk full; the database or its folder read-only. The
/// database must stay sound and hold a position the reader really had, and reading must go on
/// with a clear word in the status bar when progress cannot be saved.
@Suite(.serialized, .enabled(if: TmuxSession.shouldRun, "tmux is not installed; the end-to-end tests need it"))
struct CrashSafetyEndToEndTests {
    /// Every sentence of a lesson in reading order, as the database stores positions.
    static func sentences(of path: String) throws -> [StoredPosition] {
        let lesson = try Lesson.read(path: path)
        var result: [StoredPosition] = []
        for (s, section) in lesson.sections.enumerated() {
            for (p, paragraph) in section.paragraphs.enumerated() {
                for i in paragraph.sentences.indices {
                    result.append(StoredPosition(section: s, paragraph: p, sentence: i))
                }
            }
        }
        return result
    }

    static func pause(until deadline: ContinuousClock.Instant) {
        let left = deadline - ContinuousClock.now
        guard left > .zero else { return }
        Thread.sleep(forTimeInterval: Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18)
    }

    /// Rounds of: open the lesson where the last round left it, move a random number of
    /// sentences at random moments, SIGKILL the reader at a random moment (sometimes while it
    /// opens the database, sometimes just when the batched save is due), then check the
    /// database with sqlite3. Replay with GLOSS_ABUSE_SEED; more rounds with GLOSS_ABUSE_KILL_ROUNDS.
    @Test(.enabled(if: SQLiteShell.executable != nil, SQLiteShell.missingReason))
    func sigkillAtAnyMomentLeavesASoundDatabaseHoldingTheOldOrANewPosition() throws {
        let seed = SeededGenerator.seed(from: "GLOSS_ABUSE_SEED")
        let rounds = abuseCount("GLOSS_ABUSE_KILL_ROUNDS", default: 50)
        print("kill -9 rounds: seed \(seed) (replay with GLOSS_ABUSE_SEED=\(seed)), \(rounds) rounds")
        var random = SeededGenerator(seed: seed)
        let sandbox = try GlossSandbox("kill9")
        defer { sandbox.remove() }
        // Three hundred short paragraphs: room to move for fifty rounds without reaching the end.
        let lesson = try sandbox.writeLesson(HostileLessons.tinyParagraphs(300), named: "three-hundred.txt")
        let sentences = try Self.sentences(of: lesson)
        try #require(sentences.count > 300)

        var old: StoredPosition?
        var killedWhileOpening = 0, killedBeforeTheDatabase = 0, killedNearASave = 0, positionsChanged = 0, keysSent = 0
        let clock = ContinuousClock()
        let started = clock.now
        for round in 1...rounds {
            let (tmux, reader) = try sandbox.startWatched([lesson])
            defer { tmux.kill() }
            let startIndex = old.flatMap { sentences.firstIndex(of: $0) } ?? 0
            // Forward, or back when near the end, so positions keep changing.
            let forward = startIndex < sentences.count - 15
            var reached: [StoredPosition] = []
            let kind = Int.random(in: 0..<100, using: &random)
            if kind < 15 {
                // While it starts: opening, migrating, recording the lesson as opened.
                killedWhileOpening += 1
                Thread.sleep(forTimeInterval: Double(Int.random(in: 0...300, using: &random)) / 1000)
            } else {
                try tmux.waitFor(text: "h help")
                let opened = try tmux.capture()
                #expect(!opened.contains("damaged") && !opened.contains("not saved"),
                        "round \(round) opened with a complaint:\n\(opened)")
                let keys = Int.random(in: 1...12, using: &random)
                let times = (0..<keys).map { _ in Int.random(in: 0...400, using: &random) }.sorted()
                // The reader saves once 100 ms of quiet follow a move: aim at that moment half
                // the time, anywhere in 0–1000 ms otherwise.
                let killAt = kind < 57
                    ? (times.last ?? 0) + 100 + Int.random(in: -20...40, using: &random)
                    : Int.random(in: 0...1000, using: &random)
                if kind < 57 { killedNearASave += 1 }
                let t0 = clock.now
                for time in times where time < killAt {
                    Self.pause(until: t0.advanced(by: .milliseconds(time)))
                    try tmux.send(text: forward ? ")" : "(")
                    keysSent += 1
                    let index = forward ? min(sentences.count - 1, startIndex + reached.count + 1)
                                        : max(0, startIndex - reached.count - 1)
                    reached.append(sentences[index])
                }
                Self.pause(until: t0.advanced(by: .milliseconds(killAt)))
            }
            guard kill(reader.pid, SIGKILL) == 0 else {
                Issue.record("round \(round): could not kill pid \(reader.pid); status \(String(describing: try tmux.exitStatus()))")
                return
            }
            #expect(try tmux.waitForExit() == 128 + Int(SIGKILL), "round \(round)")
            tmux.kill()

            // Killed before it made the database: nothing to check yet, and nothing lost.
            guard FileManager.default.fileExists(atPath: sandbox.database) else {
                #expect(old == nil, "round \(round): the database is gone")
                killedBeforeTheDatabase += 1
                continue
            }
            let integrity = try SQLiteShell.query(sandbox.database, "PRAGMA integrity_check")
            let now = try SQLiteShell.position(sandbox.database)
            // The place the round opened on counts as old: the reader records it with the
            // opening, after the first screen (on the first round, the lesson's start).
            let allowed = [old, sentences[startIndex]] + reached.map { Optional($0) }
            guard integrity == "ok", allowed.contains(now) else {
                let complaint = "round \(round) (seed \(seed)): integrity \(integrity); position \(String(describing: now)) "
                    + "is neither the old \(String(describing: old)), the opening one, nor one reached \(reached)"
                Issue.record(Comment(rawValue: complaint))
                return
            }
            if now != old { positionsChanged += 1 }
            old = now
        }
        print("kill -9: \(rounds) rounds in \(clock.now - started): \(killedWhileOpening) killed while opening "
            + "(\(killedBeforeTheDatabase) before the database existed), "
            + "\(killedNearASave) aimed at the batched save, \(keysSent) moves sent, the stored position "
            + "changed in \(positionsChanged) rounds; integrity_check ok every round")
        // Saves did happen between the kills, or this would test nothing but opening.
        #expect(positionsChanged > 0)
    }

    /// The place is written once the keys stop, before a reader would have seen the screen and
    /// pressed q: three sentences on, the database holds the new place well within 600 ms (the
    /// reader waits for 100 ms without keys), and a SIGKILL then loses nothing. While the reader
    /// waited for a second of quiet, this failed.
    @Test(.enabled(if: SQLiteShell.executable != nil, SQLiteShell.missingReason))
    func thePlaceIsOnDiskAMomentAfterTheKeysStop() throws {
        let sandbox = try GlossSandbox("quiet-save")
        defer { sandbox.remove() }
        let lesson = try sandbox.writeLesson(HostileLessons.tinyParagraphs(30), named: "thirty.txt")
        let sentences = try Self.sentences(of: lesson)
        let (tmux, reader) = try sandbox.startWatched([lesson])
        defer { tmux.kill() }
        try tmux.waitFor(text: "h help")
        let clock = ContinuousClock()
        /// The stored place once it is `wanted`, or when `limit` has passed; and the time taken.
        func stored(_ wanted: StoredPosition, within limit: Duration) throws -> (StoredPosition?, Duration) {
            let since = clock.now
            while true {
                let now = FileManager.default.fileExists(atPath: sandbox.database) ? try SQLiteShell.position(sandbox.database) : nil
                if now == wanted || clock.now - since >= limit { return (now, clock.now - since) }
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
        // The opening is recorded after the first screen, at the lesson's start.
        let (opened, _) = try stored(sentences[0], within: .seconds(10))
        try #require(opened == sentences[0], "the opening was not recorded: \(String(describing: opened))")

        try tmux.send(text: ")))")
        try reader.waitUntilInputIsRead(settle: 0)
        let (moved, waited) = try stored(sentences[3], within: .milliseconds(600))
        print("the place three sentences on was on disk \(waited) after the last key was read")
        #expect(moved == sentences[3], "after \(waited) the database still held \(String(describing: moved))")

        kill(reader.pid, SIGKILL)
        #expect(try tmux.waitForExit() == 128 + Int(SIGKILL))
        #expect(try SQLiteShell.position(sandbox.database) == sentences[3])
    }

    // MARK: - Full disk, read-only database

    static func statusBar(_ screen: String) -> String {
        screen.components(separatedBy: "\n").last { !$0.isEmpty } ?? ""
    }

    /// Reads the seed once on a sound disk, one sentence on, and quits; then lets sqlite3 be
    /// the last to close the database, which folds the write-ahead log in and removes it with
    /// the shared-memory file: the next writer has to make room for both.
    static func readOnce(_ sandbox: GlossSandbox) throws -> StoredPosition? {
        let (tmux, reader) = try sandbox.startWatched([GlossSandbox.seed])
        defer { tmux.kill() }
        try tmux.waitFor(text: "h help")
        try tmux.send(text: ")")
        try reader.waitUntilInputIsRead(settle: 0.1)
        try tmux.send(keys: "q")
        try #require(try tmux.waitForExit() == 0)
        try #require(try SQLiteShell.query(sandbox.database, "PRAGMA integrity_check") == "ok")
        return try SQLiteShell.position(sandbox.database)
    }

    /// Reading goes on: moves into the main body and to the end, then quits with status 0.
    static func readOnAndQuit(_ tmux: TmuxSession) throws {
        let before = try #require(percentRead(try tmux.capture()))
        try tmux.send(text: ")))")
        try tmux.waitUntil(what: "the reader to move on from \(before)%") { (percentRead($0) ?? 0) > before }
        try tmux.send(keys: "G")
        try tmux.waitFor(text: "100% ·")
        try tmux.send(keys: "q")
        #expect(try tmux.waitForExit() == 0)
    }

    /// The percentage in the status bar (the notice takes the place of the section's name).
    static func percentRead(_ screen: String) -> Int? {
        statusBar(screen).firstMatch(of: /(\d+)% ·/).flatMap { Int($0.1) }
    }

    /// The status bar says why, not only that, progress is not saved: the reason comes before
    /// the path, which may be cut off.
    static func expectReason(_ reason: String, in screen: String) {
        #expect(statusBar(screen).contains(reason))
    }

    static let oneOn = StoredPosition(section: 0, paragraph: 0, sentence: 1)

    /// A 1 MB tmpfs holds the database. Filled before the reader starts, the database cannot
    /// even be opened; filled while it reads, the next save fails. Either way the status bar
    /// says progress is not saved, reading goes on, and the database keeps what it had.
    @Test(.enabled(if: FileSystemTraps.canMount, "mounting a tmpfs needs root (CAP_SYS_ADMIN); not tested here"),
          .enabled(if: SQLiteShell.executable != nil, SQLiteShell.missingReason))
    func aFullDiskSaysProgressIsNotSavedAndReadingGoesOn() throws {
        let disk = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-full-disk-\(UUID().uuidString)").path
        try FileSystemTraps.mountTmpfs(at: disk, size: "1m")
        defer {
            FileSystemTraps.unmount(disk)
            try? FileManager.default.removeItem(atPath: disk)
        }
        let sandbox = try GlossSandbox("full-disk", stateHome: disk)
        defer { sandbox.remove() }
        #expect(try Self.readOnce(sandbox) == Self.oneOn)
        let filler = disk + "/filler"

        // Full before the reader starts.
        try FileSystemTraps.fill(filler)
        do {
            let tmux = try sandbox.start([GlossSandbox.seed])
            defer { tmux.kill() }
            let screen = try tmux.waitUntil(what: "a notice on the first screen") { Self.statusBar($0).contains("not saved") }
            print("full disk at start: \(Self.statusBar(screen).trimmingCharacters(in: .whitespaces))")
            Self.expectReason("disk is full", in: screen)
            try Self.readOnAndQuit(tmux)
        }

        // Full while reading.
        try FileManager.default.removeItem(atPath: filler)
        #expect(try SQLiteShell.query(sandbox.database, "PRAGMA integrity_check") == "ok")
        do {
            let tmux = try sandbox.start([GlossSandbox.seed])
            defer { tmux.kill() }
            let first = try tmux.waitFor(text: "h help")
            #expect(!Self.statusBar(first).contains("not saved"), "there was room when it opened:\n\(first)")
            try FileSystemTraps.fill(filler)
            // Three sentences on, then quiet: the batched save comes and fails.
            try tmux.send(text: ")))")
            let screen = try tmux.waitUntil(what: "the failed save in the status bar") { Self.statusBar($0).contains("not saved") }
            print("disk full while reading: \(Self.statusBar(screen).trimmingCharacters(in: .whitespaces))")
            #expect(Self.statusBar(screen).contains("disk is full"), "the status bar does not say why")
            try Self.readOnAndQuit(tmux)
        }
        try FileManager.default.removeItem(atPath: filler)
        #expect(try SQLiteShell.query(sandbox.database, "PRAGMA integrity_check") == "ok")
        #expect(try SQLiteShell.position(sandbox.database) == Self.oneOn)

        // Full when the reader starts after one that was killed: the write-ahead log and its
        // index are still there, so the database opens, and the first write (recording the
        // lesson as opened) is what fails. The first screen must say so already.
        do {
            let (tmux, reader) = try sandbox.startWatched([GlossSandbox.seed])
            defer { tmux.kill() }
            try tmux.waitFor(text: "h help")
            kill(reader.pid, SIGKILL)
            _ = try tmux.waitForExit()
        }
        try FileSystemTraps.fill(filler)
        do {
            let (tmux, reader) = try sandbox.startWatched([GlossSandbox.seed])
            defer { tmux.kill() }
            try tmux.waitFor(text: "h help")
            try reader.waitUntilInputIsRead(settle: 0.2)
            let first = try tmux.capture()
            print("disk full after a killed reader: \(Self.statusBar(first).trimmingCharacters(in: .whitespaces))")
            #expect(Self.statusBar(first).contains("not saved"), "the first screen does not say so:\n\(first)")
            #expect(Self.statusBar(first).contains("disk is full"), "the status bar does not say why")
            try Self.readOnAndQuit(tmux)
        }
        try FileManager.default.removeItem(atPath: filler)
        #expect(try SQLiteShell.query(sandbox.database, "PRAGMA integrity_check") == "ok")
        #expect(try SQLiteShell.position(sandbox.database) == Self.oneOn)
    }

    /// The state folder on a read-only mount (a read-only bind mount of a folder holding a
    /// good database): the reader says progress is not saved and reads on.
    @Test(.enabled(if: FileSystemTraps.canMount, "a read-only bind mount needs root (CAP_SYS_ADMIN); not tested here"),
          .enabled(if: SQLiteShell.executable != nil, SQLiteShell.missingReason))
    func aReadOnlyStateFolderSaysProgressIsNotSavedAndReadingGoesOn() throws {
        let writable = try GlossSandbox("read-only-source")
        defer { writable.remove() }
        #expect(try Self.readOnce(writable) == Self.oneOn)
        let view = writable.folder.appendingPathComponent("read-only-view").path
        try FileSystemTraps.mountReadOnlyView(of: writable.stateHome, at: view)
        defer { FileSystemTraps.unmount(view) }
        let sandbox = try GlossSandbox("read-only", stateHome: view)
        defer { sandbox.remove() }

        let tmux = try sandbox.start([GlossSandbox.seed])
        defer { tmux.kill() }
        let screen = try tmux.waitUntil(what: "a notice on the first screen") { Self.statusBar($0).contains("not saved") }
        print("read-only state folder: \(Self.statusBar(screen).trimmingCharacters(in: .whitespaces))")
        Self.expectReason("not writable", in: screen)
        try Self.readOnAndQuit(tmux)
        #expect(try SQLiteShell.position(writable.database) == Self.oneOn)
    }

    /// The database file itself cannot be written (`chattr +i`: root ignores permissions, not
    /// this): the status bar says progress is not saved from the first screen, reading goes on,
    /// and the file is unchanged.
    @Test(.enabled(if: FileSystemTraps.canMakeImmutable, "chattr +i needs root and a file system with attributes (ext4, xfs, btrfs); not tested here"),
          .enabled(if: SQLiteShell.executable != nil, SQLiteShell.missingReason))
    func aDatabaseThatCannotBeWrittenSaysProgressIsNotSavedAndReadingGoesOn() throws {
        let sandbox = try GlossSandbox("immutable")
        defer { sandbox.remove() }
        #expect(try Self.readOnce(sandbox) == Self.oneOn)
        try FileSystemTraps.setImmutable(sandbox.database, true)
        defer { try? FileSystemTraps.setImmutable(sandbox.database, false) }

        let tmux = try sandbox.start([GlossSandbox.seed])
        defer { tmux.kill() }
        let first = try tmux.waitFor(text: "h help")
        #expect(Self.statusBar(first).contains("not saved"), "the first screen does not say so:\n\(first)")
        Self.expectReason("readonly", in: first)
        try tmux.send(text: ")))")
        let screen = try tmux.waitUntil(what: "the failed save in the status bar") { Self.statusBar($0).contains("not saved") }
        print("immutable database file: \(Self.statusBar(screen).trimmingCharacters(in: .whitespaces))")
        try Self.readOnAndQuit(tmux)
        try FileSystemTraps.setImmutable(sandbox.database, false)
        #expect(try SQLiteShell.query(sandbox.database, "PRAGMA integrity_check") == "ok")
        #expect(try SQLiteShell.position(sandbox.database) == Self.oneOn)
    }
}
