import ArgumentParser
import LessonKit
import ReaderCore

struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Read a lesson full-screen (the default command).",
        discussion: """
            `gloss FILE` opens one lesson. When standard output is not a terminal \
            (`gloss FILE | less`), the lesson is printed as plain text instead.
            """
    )

    @Argument(help: ArgumentHelp("A lesson file.", valueName: "FILE"))
    var path: String

    func run() throws {
        let lesson: Lesson
        do {
            lesson = try Lesson.read(path: path)
        } catch {
            printError("gloss: \(path):\(error.line):\(error.column): error: \(error.message)")
            throw ExitCode(1)
        }
        print(LessonPlainText.render(lesson), terminator: "")
    }
}
