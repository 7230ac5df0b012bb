import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LessonKit
import ProgressStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the vocabulary of lessons for flashcard programs.",
        discussion: """
            One row per vocabulary entry: term, definition, Chinese definition, example, lesson \
            title and your status for the term (new, learning, known, ignored).

            TSV (the default) is what Anki imports: tab-separated with `#` header lines and no \
            column-header row; tabs and line breaks inside fields become spaces. CSV follows \
            RFC 4180 with a header row.

            With no FILE or DIR, exports the library (as `gloss` with no argument finds it). \
            Lessons with errors are skipped with a message on standard error.

            Exit status: 0 exported, 1 a named file or folder cannot be read, 2 bad usage.
            """
    )

    @Option(help: "tsv or csv.")
    var format: VocabularyExport.Format = .tsv

    @Argument(help: ArgumentHelp("Lesson files or folders of lessons.", valueName: "FILE|DIR"))
    var paths: [String] = []

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let targets = paths.isEmpty ? [try LibraryFolder.default(environment: environment)] : paths
        var files: [String] = []
        var failed = false
        for target in targets {
            var isFolder = false
            guard FileManager.default.fileExists(atPath: target, isDirectory: &isFolder) else {
                printError("gloss: \(target): no such file or folder")
                failed = true
                continue
            }
            if isFolder {
                files += LibraryFolder.lessonFileNames(in: target).map { target + "/" + $0 }
            } else {
                files.append(target)
            }
        }
        let (store, _) = ProgressStore.open(path: ProgressStore.defaultPath(environment: environment))
        let statuses = (try? store?.termStatuses()) ?? [:]
        var rows: [VocabularyExport.Row] = []
        for file in files {
            do {
                let lesson = try Lesson.read(path: file)
                if lesson.hasErrors {
                    let first = lesson.diagnostics.first { $0.severity == .error }!
                    printError("gloss: skipped \(file):\(first.line):\(first.column): \(first.message)")
                    continue
                }
                rows += VocabularyExport.rows(lesson: lesson, statuses: statuses)
            } catch {
                printError("gloss: \(file):\(error.line):\(error.column): error: \(error.message)")
                failed = true
            }
        }
        print(VocabularyExport.render(rows, as: format), terminator: "")
        if failed { throw ExitCode(1) }
    }
}

extension VocabularyExport.Format: ExpressibleByArgument {}
