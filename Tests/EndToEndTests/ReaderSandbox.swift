import Foundation
import Testing

/// A private world for one gloss under test: its own HOME and XDG_STATE_HOME (so the progress
/// database is the test's alone), TERM=xterm-256color and LANG=C.UTF-8, and nothing else from
/// the environment the tests run in.
///
/// tmux sets TERM in every pane to its own `default-terminal`, so the environment is given to
/// gloss through `env -i` on its command line rather than through tmux.
struct ReaderSandbox {
    let root: URL
    var home: String { root.appendingPathComponent("home").path }
    var stateHome: String
    var databasePath: String { stateHome + "/gloss/gloss.sqlite" }

    /// - Parameter stateHome: where XDG_STATE_HOME points; a folder inside the sandbox by default.
    init(_ label: String, stateHome: String? = nil) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("gloss-\(label)-\(UUID().uuidString)", isDirectory: true)
        self.stateHome = stateHome ?? root.appendingPathComponent("state").path
        try FileManager.default.createDirectory(atPath: root.appendingPathComponent("home").path,
                                                withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    /// The package root, for the shipped lessons.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let seedLesson = packageRoot
        .appendingPathComponent("Lessons/01-us-accuses-chinese-entities-of-ai-distillation.txt").path

    /// The binary under test, as an absolute path (the pane's shell starts elsewhere).
    static func glossBinary() throws -> String {
        var binary = glossBinaryPath()
        if !binary.hasPrefix("/") { binary = packageRoot.appendingPathComponent(binary).path }
        try #require(FileManager.default.isExecutableFile(atPath: binary),
                     "no gloss binary at \(binary); run `swift build` or set GLOSS_BIN")
        return binary
    }

    /// tmux's title for a pane until a program sets one: the host name.
    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    var environment: [String: String] {
        [
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": home,
            "XDG_STATE_HOME": stateHome,
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
        ]
    }

    /// `env -i NAME=value… program arguments…`: the program sees exactly `environment`.
    func command(_ program: String, _ arguments: [String], extra: [String: String] = [:]) -> [String] {
        let variables = environment.merging(extra) { $1 }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return ["/usr/bin/env", "-i"] + variables + [program] + arguments
    }

    /// Starts the reader on `lesson` in a private tmux server.
    func startReader(lesson: String, columns: Int = 120, rows: Int = 40) throws -> TmuxSession {
        try TmuxSession(columns: columns, rows: rows, command: command(try Self.glossBinary(), [lesson]))
    }

    /// Starts the reader and learns its process id (a shell writes its own pid, then becomes
    /// gloss), so that a test can see how much typed input it has not read yet.
    func startWatchedReader(lesson: String, columns: Int = 120, rows: Int = 40) throws -> (TmuxSession, ReaderProcess) {
        let pidFile = root.appendingPathComponent("reader-\(UUID().uuidString).pid").path
        let inner = command(try Self.glossBinary(), [lesson])
        let tmux = try TmuxSession(columns: columns, rows: rows,
                                   command: ["/bin/sh", "-c", "echo $$ > \"$0\"; exec \"$@\"", pidFile] + inner)
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

    /// Writes a lesson file into the sandbox and returns its path.
    func write(lesson bytes: [UInt8], named name: String) throws -> String {
        let path = root.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// A count from the environment (to run longer locally), else the default sized for CI.
func abuseCount(_ variable: String, default value: Int) -> Int {
    ProcessInfo.processInfo.environment[variable].flatMap { Int($0) }.map { max(1, $0) } ?? value
}
