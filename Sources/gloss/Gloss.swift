import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `gloss` command: a reader by default, plus the tools around lessons.
struct Gloss: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gloss",
        abstract: "A terminal reader for bilingual English–Chinese lessons.",
        usage: """
            gloss [FILE | DIR]
            gloss check FILE...
            gloss dump --json FILE
            gloss render FILE [--size COLSxROWS] [--keys KEYS] [--format text|ansi|svg]
            gloss export [--format tsv|csv] [FILE | DIR...]
            """,
        discussion: """
            Run `gloss FILE` to read a lesson, `gloss DIR` (or `gloss` alone) for the library of \
            lessons; press h in the reader for its keys. Lessons are plain UTF-8 text files: a title, \
            an article in sections, then `Vocabulary Learning` and `Sentence Learning` \
            (see docs/lesson-format.md).

            Exit status: 0 success, 1 a lesson has errors or cannot be read, 2 bad usage.
            """,
        subcommands: [ReadCommand.self, CheckCommand.self, DumpCommand.self, RenderCommand.self, ExportCommand.self],
        defaultSubcommand: ReadCommand.self
    )
}

@main
enum Main {
    static func main() {
        StartupTrace.start()
        do {
            if let path = fastPath() {
                try ReadCommand.read(path)
                return
            }
            var command = try Gloss.parseAsRoot()
            try command.run()
        } catch {
            let code = Gloss.exitCode(for: error)
            if code == .validationFailure {
                // ArgumentParser says 64 (EX_USAGE); gloss promises 2 for bad usage, like most tools.
                printError(Gloss.fullMessage(for: error))
                printError("Run `gloss --help` for usage.")
                exit(2)
            }
            Gloss.exit(withError: error)
        }
    }
}

/// The path of `gloss FILE`, the usual command line, read without ArgumentParser: its walk over
/// every subcommand's definition took about 1 ms of the time to the first screen, and even
/// building the definitions to compare names with, a quarter of one. Anything else, a
/// subcommand, an option or a second argument, goes through ArgumentParser as before.
private func fastPath() -> String? {
    let arguments = CommandLine.arguments.dropFirst()
    guard arguments.count == 1, let only = arguments.first, !only.isEmpty, !only.hasPrefix("-"),
          !Gloss.commandNames.contains(only) else { return nil }
    return only
}

extension Gloss {
    /// Every subcommand's name, and `help`, ArgumentParser's own. `fastPath` leaves these to
    /// ArgumentParser; CommandLineTests checks the list against the subcommands' definitions.
    static let commandNames = ["read", "check", "dump", "render", "export", "help"]
}

/// Writes a line to standard error at once.
func printError(_ text: String) {
    var line = Array((text + "\n").utf8)
    var sent = 0
    while sent < line.count {
        let count = line.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress! + sent, $0.count - sent) }
        if count < 0 && errno == EINTR { continue }
        guard count > 0 else { return }
        sent += count
    }
}
