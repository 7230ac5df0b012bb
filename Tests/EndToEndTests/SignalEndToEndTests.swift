import Foundation
import Testing

/// SIGTERM, SIGINT and SIGHUP sent to the reader, and ctrl-c typed in it, as a person at an
/// interactive shell would meet them: afterwards the shell's terminal is cooked again with echo
/// (`stty -a` in the same pane says so), the exit status is what the shell expects, and the
/// reading position was saved.
@Suite(.serialized, .enabled(if: TmuxSession.shouldRun, "tmux is not installed; the end-to-end tests need it"))
struct SignalEndToEndTests {
    enum Ending: String, CaseIterable, CustomStringConvertible {
        case sigterm, sigint, sighup, controlC

        var description: String { rawValue }

        var signal: Int32? {
            switch self {
            case .sigterm: return SIGTERM
            case .sigint: return SIGINT
            case .sighup: return SIGHUP
            case .controlC: return nil
            }
        }

        /// 128 + the signal, as the reader documents; ctrl-c is the quit key, so 0.
        var expectedStatus: Int { signal.map { 128 + Int($0) } ?? 0 }
    }

    /// What one ending left behind.
    struct Aftermath {
        var screen: String
        var status: Int?
        var sandbox: GlossSandbox
    }

    /// Runs gloss from `bash -i` in a pane, moves five sentences on, ends it the given way, then
    /// prints its status and `stty -a` in the same pane.
    static func read(andEndWith ending: Ending) throws -> Aftermath {
        let sandbox = try GlossSandbox("signal")
        let gloss = GlossSandbox.binary
        let pidFile = sandbox.folder.appendingPathComponent("gloss.pid").path
        let tmux = try sandbox.startShell()
        defer { tmux.kill() }
        try tmux.waitFor(text: GlossSandbox.prompt)
        // sh writes its pid and becomes gloss, so the pid is the reader's own.
        let line = "sh -c 'echo $$ > \"\(pidFile)\"; exec \"\(gloss)\" \"\(GlossSandbox.seed)\"'; "
            + "echo \"rc=$?\"; stty -a"
        try tmux.send(text: line)
        try tmux.send(keys: "Enter")
        try tmux.waitFor(text: "h help")
        try tmux.send(text: ")))))")
        try tmux.waitFor(text: "› Main Body")
        Thread.sleep(forTimeInterval: 0.1)

        if let signal = ending.signal {
            let text = try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            let pid = try #require(Int32(text), "no pid in \(pidFile): \(text)")
            try #require(kill(pid, signal) == 0, "could not send signal \(signal) to \(pid)")
        } else {
            try tmux.send(keys: "C-c")
        }
        let screen = try tmux.waitUntil(timeout: .seconds(10), what: "the status and stty -a") {
            $0.contains("rc=") && $0.contains("icanon") && $0.contains("eof")
        }
        let status = screen.firstMatch(of: /rc=(\d+)/).flatMap { Int($0.1) }
        return Aftermath(screen: screen, status: status, sandbox: sandbox)
    }

    @Test(arguments: Ending.allCases)
    func theTerminalIsCookedWithEchoAgainAndTheStatusIsTheShellsUsual(_ ending: Ending) throws {
        let after = try Self.read(andEndWith: ending)
        defer { after.sandbox.remove() }
        #expect(after.status == ending.expectedStatus, "\(after.screen)")
        // stty -a lists each flag as a word, with a leading - when it is off.
        let words = Set(after.screen.split(whereSeparator: { $0.isWhitespace || $0 == ";" }).map(String.init))
        for flag in ["icanon", "echo", "isig", "icrnl", "opost"] {
            #expect(words.contains(flag) && !words.contains("-" + flag),
                    "\(flag) is not on after \(ending):\n\(after.screen)")
        }
    }

    @Test(.enabled(if: SQLiteShell.executable != nil, SQLiteShell.missingReason), arguments: Ending.allCases)
    func theReadingPositionIsSavedOnTheWayOut(_ ending: Ending) throws {
        let after = try Self.read(andEndWith: ending)
        defer { after.sandbox.remove() }
        #expect(try SQLiteShell.query(after.sandbox.database, "PRAGMA integrity_check") == "ok")
        // Five sentences on from the start: the third and fourth of the main body's paragraph.
        let position = try SQLiteShell.position(after.sandbox.database)
        #expect(position == StoredPosition(section: 1, paragraph: 0, sentence: 3), "after \(ending)")
    }
}
