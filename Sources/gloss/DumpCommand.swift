import ArgumentParser
import LessonKit

struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print the analysed lesson as JSON.",
        discussion: """
            The JSON holds the title, the sections with their paragraphs and sentences, the \
            vocabulary with every occurrence in the article (start and end count Unicode scalars \
            of the paragraph text, end exclusive), the sentence notes with the sentence each one \
            belongs to, and the diagnostics. Indices are 0-based; the title is not a section.

            Exit status: 0 printed, 1 the file cannot be read as a lesson, 2 bad usage.
            """
    )

    @Flag(help: "Print JSON (the only format so far; kept explicit for scripts).")
    var json = false

    @Argument(help: ArgumentHelp("The lesson file.", valueName: "FILE"))
    var file: String

    func run() throws {
        let lesson: Lesson
        do {
            lesson = try Lesson.read(path: file)
        } catch {
            printError("gloss: \(file):\(error.line):\(error.column): error: \(error.message)")
            throw ExitCode(1)
        }
        print(LessonJSON.encode(lesson))
    }
}
