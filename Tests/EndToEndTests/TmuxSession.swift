import Foundation

/// A program running in a private tmux server, driven the way a person at a terminal would
/// drive it: keys in, screen text out. Each session has its own socket, so tests can run in
/// parallel and never touch a user's tmux.
final class TmuxSession {
    /// Why a tmux call or a wait failed; the message carries what the screen showed.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The tmux executable on PATH, if any.
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    static var isAvailable: Bool { executable != nil }

    /// Whether end-to-end tests should run: when tmux is installed, and always on CI, where a
    /// missing tmux must fail loudly instead of skipping every test.
    static var shouldRun: Bool {
        isAvailable || !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty
    }

    private let tmux: String
    private let directory: URL
    private let socket: String
    private let target = "e2e"
    private let statusFile: String
    private var killed = false

    /// Starts `command` (program and arguments, run without a shell) in a detached session of
    /// `columns` × `rows`. The pane stays after the program exits so its last screen can be read.
    init(columns: Int = 80, rows: Int = 24, command: [String], environment: [String: String] = [:]) throws {
        guard let tmux = Self.executable else { throw Failure(description: "tmux is not installed") }
        self.tmux = tmux
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("gloss-tmux-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        socket = directory.appendingPathComponent("sock").path
        // remain-on-exit keeps the last screen readable after the program ends; it must be on
        // before the program starts, and a config file is read before the first pane exists.
        let config = directory.appendingPathComponent("tmux.conf")
        try "set-option -g remain-on-exit on\nset-option -g status off\n"
            .write(to: config, atomically: true, encoding: .utf8)
        var arguments = ["-f", config.path, "new-session", "-d", "-s", target,
                         "-x", String(columns), "-y", String(rows)]
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) {
            arguments += ["-e", "\(name)=\(value)"]
        }
        // The program runs under a small shell that writes its exit status to a file. tmux's own
        // record of a dead pane proved unreliable under parallel tests (now and then the server
        // never reaps the pane), while a shell waiting for its child always sees the status; a
        // program killed by a signal reads as 128 + the signal, as shells report it.
        statusFile = directory.appendingPathComponent("exit-status").path
        arguments += ["--", "/bin/sh", "-c", Self.recordExitStatus, statusFile] + command
        do {
            try run(arguments, startsServer: true)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    deinit {
        kill()
    }

    // MARK: - Input

    /// Sends tmux key names, each one key: `Escape`, `C-c`, `Tab`, `BTab`, `Enter`, `Up`, `NPage`, `F1`.
    func send(keys: String...) throws {
        try run(["send-keys", "-t", target] + keys)
    }

    /// Sends text literally, character by character, as if typed.
    func send(text: String) throws {
        try run(["send-keys", "-t", target, "-l", "--", text])
    }

    func resize(columns: Int, rows: Int) throws {
        try run(["resize-window", "-t", target, "-x", String(columns), "-y", String(rows)])
    }

    // MARK: - Output

    /// The visible screen as text, one line per row (tmux trims trailing spaces); with `history`,
    /// the rows scrolled off the top before it too, and rows the pane wrapped joined again.
    func capture(escapes: Bool = false, history: Bool = false) throws -> String {
        try run(["capture-pane", "-p", "-t", target] + (escapes ? ["-e"] : []) + (history ? ["-S", "-", "-J"] : []))
    }

    /// Polls the screen every 50 ms until it contains `text`; returns that screen, or throws
    /// with the last screen seen.
    @discardableResult
    func waitFor(text: String, timeout: Duration = .seconds(10)) throws -> String {
        try waitUntil(timeout: timeout, what: "\"\(text)\"") { $0.contains(text) }
    }

    /// Polls the screen every 50 ms until `condition` holds for it.
    @discardableResult
    func waitUntil(timeout: Duration = .seconds(10), what: String = "the expected screen",
                   _ condition: (String) -> Bool) throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var screen = ""
        while true {
            screen = try capture()
            if condition(screen) { return screen }
            if clock.now >= deadline { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "timed out after \(timeout) waiting for \(what); the screen was:\n\(screen)")
    }

    /// Waits for the program to end and returns its exit status.
    @discardableResult
    func waitForExit(timeout: Duration = .seconds(10)) throws -> Int {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            if let status = try exitStatus() { return status }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "timed out after \(timeout) waiting for the program to exit; the screen was:\n"
            + ((try? capture()) ?? ""))
    }

    /// The title the program set (OSC 0 or 2), or tmux's default, the host name.
    func paneTitle() throws -> String {
        try display("#{pane_title}")
    }

    /// Whether the program is still running.
    var isAlive: Bool {
        get throws { try exitStatus() == nil }
    }

    /// The program's exit status once it has exited; nil while it runs. A program killed by a
    /// signal reads as 128 + the signal, as a shell would say.
    func exitStatus() throws -> Int? {
        guard let text = try? String(contentsOfFile: statusFile, encoding: .utf8) else { return nil }
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The program's process id (not the shell's that records its status).
    func programID() throws -> Int32 {
        guard let shell = Int32(try display("#{pane_pid}")) else {
            throw Failure(description: "tmux reported no pane process")
        }
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8))?
            .split(separator: " ").compactMap { Int32($0) } ?? []
        guard let program = children.first else {
            throw Failure(description: "the program under the pane's shell (pid \(shell)) is not running")
        }
        return program
    }

    /// Sends a signal to the program (not to the shell that records its status).
    func signal(_ number: Int32) throws {
        let program = try programID()
        guard Foundation.kill(program, number) == 0 else {
            throw Failure(description: "could not send signal \(number) to pid \(program)")
        }
    }

    /// The pane's size as tmux sees it.
    func size() throws -> (columns: Int, rows: Int) {
        let parts = try display("#{pane_width}x#{pane_height}").split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2 else { throw Failure(description: "tmux reported no pane size") }
        return (parts[0], parts[1])
    }

    /// Ends the server and removes its socket directory. Safe to call more than once.
    func kill() {
        guard !killed else { return }
        killed = true
        _ = try? run(["kill-server"])
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: - tmux

    private func display(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", target, format])
            .trimmingCharacters(in: .newlines)
    }

    /// Runs one tmux command and returns what it printed.
    @discardableResult
    private func run(_ arguments: [String], startsServer: Bool = false) throws -> String {
        let process = Process()
        let command = [tmux, "-S", socket] + arguments
        if startsServer, FileManager.default.isExecutableFile(atPath: "/bin/bash") {
            // The server forks from this client and keeps every descriptor it inherits. Foundation
            // hands the child one end of a socket pair and only reaps it once that socket
            // closes, so a server holding it would hang the test for ever. bash (dash cannot
            // name descriptors above 9) closes everything above stderr before becoming tmux.
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", Self.closeInheritedDescriptors, "bash"] + command
        } else {
            process.executableURL = URL(fileURLWithPath: tmux)
            process.arguments = Array(command.dropFirst())
        }
        var environment = ProcessInfo.processInfo.environment
        // Inside a user's tmux, TMUX would make nested-session checks refuse to start.
        environment["TMUX"] = nil
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let outputPipe = Pipe(), errorPipe = Pipe()
        // The server would also hold these pipes open, so it gets files instead.
        let errorLog = directory.appendingPathComponent("tmux-start.log")
        if startsServer {
            _ = FileManager.default.createFile(atPath: errorLog.path, contents: nil)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: errorLog)
        } else {
            process.standardOutput = outputPipe
            process.standardError = errorPipe
        }
        if startsServer {
            // Threads of the test runner block most signals, and a spawned process inherits the
            // mask: a server started with SIGTERM and SIGWINCH blocked never passes a resize on
            // and never dies. The server starts from a thread with nothing blocked.
            var nothing = sigset_t(), previous = sigset_t()
            sigemptyset(&nothing)
            pthread_sigmask(SIG_SETMASK, &nothing, &previous)
            defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
            try process.run()
        } else {
            try process.run()
        }
        var output = Data(), errorOutput = Data()
        if !startsServer {
            output = outputPipe.fileHandleForReading.readDataToEndOfFile()
            errorOutput = errorPipe.fileHandleForReading.readDataToEndOfFile()
        }
        process.waitUntilExit()
        if startsServer {
            try? (process.standardError as? FileHandle)?.close()
            errorOutput = (try? Data(contentsOf: errorLog)) ?? Data()
        }
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errorOutput, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed: \(message)")
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// `$0` is the status file; the status is written to a temporary name and renamed, so a
    /// reader never sees half of it.
    private static let recordExitStatus = """
        "$@"
        status=$?
        echo "$status" > "$0.partial" && mv "$0.partial" "$0"
        """

    private static let closeInheritedDescriptors = """
        for path in /dev/fd/*; do
            fd=${path##*/}
            if [ "$fd" -gt 2 ] 2>/dev/null; then eval "exec $fd>&-"; fi
        done
        exec "$@"
        """
}

/// The `gloss` binary the end-to-end tests drive: `GLOSS_BIN` when set, otherwise the debug
/// build in the package's default build directory.
func glossBinaryPath(environment: [String: String] = ProcessInfo.processInfo.environment,
                     filePath: String = #filePath) -> String {
    if let path = environment["GLOSS_BIN"], !path.isEmpty { return path }
    // This file is <root>/Tests/EndToEndTests/TmuxSession.swift.
    let root = URL(fileURLWithPath: filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug/gloss").path
}
