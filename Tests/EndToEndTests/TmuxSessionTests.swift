import Foundation
import Testing

/// The harness the end-to-end tests stand on, tested against a shell script so that a failure
/// here points at the harness, not at gloss.
@Suite(.enabled(if: TmuxSession.shouldRun, "tmux is not installed; the end-to-end tests need it"))
struct TmuxSessionTests {
    @Test func seesOutputSendsKeysAndReadsTheExitStatus() throws {
        let session = try TmuxSession(columns: 40, rows: 6,
                                      command: ["/bin/sh", "-c", "printf 'hello\\n'; read x; exit 3"])
        try session.waitFor(text: "hello")
        #expect(try session.isAlive)
        #expect(try session.exitStatus() == nil)
        try session.send(text: "typed <text>")
        try session.waitFor(text: "typed <text>")
        try session.send(keys: "Enter")
        #expect(try session.waitForExit() == 3)
        #expect(try session.isAlive == false)
    }

    @Test func namedKeysReachTheProgramAsTheirBytes() throws {
        let session = try TmuxSession(columns: 40, rows: 6, command: [
            "/bin/sh", "-c", "stty raw -echo; printf 'ready\\n'; dd bs=1 count=3 2>/dev/null | od -An -c",
        ])
        try session.waitFor(text: "ready")
        try session.send(keys: "Tab", "C-c", "Escape")
        let screen = try session.waitFor(text: "033")
        #expect(screen.contains("\\t 003 033"))
    }

    @Test func resizeChangesTheTerminalTheProgramSees() throws {
        let session = try TmuxSession(columns: 40, rows: 6, command: [
            "/bin/sh", "-c", "stty size; read x; stty size; read y",
        ])
        try session.waitFor(text: "6 40")
        try session.resize(columns: 50, rows: 10)
        #expect(try session.size() == (50, 10))
        try session.send(keys: "Enter")
        try session.waitFor(text: "10 50")
    }

    @Test func readsTheTitleAndTheColours() throws {
        let session = try TmuxSession(columns: 40, rows: 6, command: [
            "/bin/sh", "-c", "printf '\\033]2;my title\\033\\\\\\033[31mred\\033[0m\\n'; read x",
        ])
        try session.waitFor(text: "red")
        #expect(try session.paneTitle() == "my title")
        #expect(try session.capture(escapes: true).contains("\u{1B}[31mred"))
        #expect(try !session.capture().contains("\u{1B}"))
    }

    @Test func waitingForAbsentTextFailsWithTheScreen() throws {
        let session = try TmuxSession(columns: 30, rows: 4, command: ["/bin/sh", "-c", "echo present; read x"])
        try session.waitFor(text: "present")
        let error = try #require(throws: TmuxSession.Failure.self) {
            try session.waitFor(text: "absent", timeout: .milliseconds(200))
        }
        #expect(error.description.contains("\"absent\""))
        #expect(error.description.contains("present"))
    }

    @Test func aSignalledProgramReportsOneHundredTwentyEightPlusTheSignal() throws {
        let session = try TmuxSession(columns: 30, rows: 4, command: ["/bin/sh", "-c", "echo up; sleep 0.3; kill -TERM $$"])
        #expect(try session.waitForExit() == 143)
    }

    @Test func aSignalSentToTheProgramEndsIt() throws {
        let session = try TmuxSession(columns: 30, rows: 4, command: ["/bin/sh", "-c", "echo waiting; sleep 30"])
        try session.waitFor(text: "waiting")
        try session.signal(SIGHUP)
        #expect(try session.waitForExit() == 129)
        #expect(try session.isAlive == false)
    }

    @Test func killEndsTheServer() throws {
        let session = try TmuxSession(command: ["/bin/sh", "-c", "read x"])
        session.kill()
        #expect(throws: TmuxSession.Failure.self) { try session.capture() }
    }

    @Test func theGlossBinaryIsFoundFromTheEnvironmentOrThePackageRoot() {
        #expect(glossBinaryPath(environment: ["GLOSS_BIN": "/opt/gloss"]) == "/opt/gloss")
        let path = glossBinaryPath(environment: [:], filePath: "/src/pkg/Tests/EndToEndTests/TmuxSession.swift")
        #expect(path == "/src/pkg/.build/debug/gloss")
    }
}
