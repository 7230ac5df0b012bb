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
        let sandbox = try ReaderSandbox("kill9")
        defer { sandbox.remove() }
        // Three hundred short paragraphs: room to move for fifty rounds without reaching the end.
        let lesson = try sandbox.write(lesson: HostileLessons.tinyParagraphs(300), named: "three-hundred.txt")
        let sentences = try Self.sentences(of: lesson)
        try #require(sentences.count > 300)

        var old: StoredPosition?
        var killedWhileOpening = 0, killedNearASave = 0, positionsChanged = 0, keysSent = 0
        let clock = ContinuousClock()
        let started = clock.now
        for round in 1...rounds {
            let (tmux, reader) = try sandbox.startWatchedReader(lesson: lesson)
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
                // The reader saves once a second of quiet follows a move: aim at that moment
                // half the time, anywhere in 0–1500 ms otherwise.
                let killAt = kind < 57
                    ? (times.last ?? 0) + 1000 + Int.random(in: -40...60, using: &random)
                    : Int.random(in: 0...1500, using: &random)
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

            let integrity = try SQLiteShell.query(sandbox.databasePath, "PRAGMA integrity_check")
            let now = try SQLiteShell.position(sandbox.databasePath)
            let allowed = [old] + reached.map { Optional($0) }
            guard integrity == "ok", allowed.contains(now) else {
                let complaint = "round \(round) (seed \(seed)): integrity \(integrity); position \(String(describing: now)) "
                    + "is neither the old \(String(describing: old)) nor one reached \(reached)"
                Issue.record(Comment(rawValue: complaint))
                return
            }
            if now != old { positionsChanged += 1 }
            old = now
        }
        print("kill -9: \(rounds) rounds in \(clock.now - started): \(killedWhileOpening) killed while opening, "
            + "\(killedNearASave) aimed at the batched save, \(keysSent) moves sent, the stored position "
            + "changed in \(positionsChanged) rounds; integrity_check ok every round")
        // Saves did happen between the kills, or this would test nothing but opening.
        #expect(positionsChanged > 0)
    }
}
