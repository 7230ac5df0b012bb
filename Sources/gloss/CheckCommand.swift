import ArgumentParser
import LessonKit

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check lessons and report every problem as FILE:LINE:COLUMN: error|warning: message.",
        discussion: """
            Errors make a lesson unreadable or wrong (a term without a definition, an empty section, \
            an empty or binary file); warnings point at things to fix (a definition without Chinese, \
            a sentence note that is not in the article, invalid UTF-8, an unknown heading).

            Exit status: 0 no errors (warnings allowed), 1 at least one error, 2 bad usage.
            """
    )

    @Argument(help: ArgumentHelp("Lesson files to check.", valueName: "FILE"))
    var files: [String] = []

    @Flag(name: .shortAndLong, help: "Print nothing for lessons without problems and no summary.")
    var quiet = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one lesson file to check") }
    }

    func run() throws {
        var errors = 0
        var warnings = 0
        for file in files {
            let diagnostics: [Diagnostic]
            do {
                diagnostics = try Lesson.read(path: file).diagnostics
            } catch {
                diagnostics = [Diagnostic(line: error.line, column: error.column, severity: .error, message: error.message)]
            }
            for d in diagnostics {
                print("\(file):\(d.line):\(d.column): \(d.severity.rawValue): \(d.message)")
                if d.severity == .error { errors += 1 } else { warnings += 1 }
            }
        }
        if !quiet {
            let lessons = files.count == 1 ? "1 lesson" : "\(files.count) lessons"
            printError("checked \(lessons): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        }
        if errors > 0 { throw ExitCode(1) }
    }
}
