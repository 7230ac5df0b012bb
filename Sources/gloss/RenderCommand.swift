import ArgumentParser
import LessonKit
import ReaderCore

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw the reader's screen without a terminal, after typing some keys.",
        discussion: """
            The same screen the reader shows, for a given size and key sequence, printed as text \
            (the bare grid, exactly ROWS lines), ANSI (with colours and attributes) or SVG (a \
            standalone picture, like a terminal screenshot). Deterministic: the same input always \
            gives the same output.

            Keys use the key map's notation: letters as themselves, and <Tab>, <S-Tab>, <Enter>, \
            <Esc>, <Space>, <BS>, <Up>, <Down>, <PgUp>, <PgDn>, <Home>, <End>, <F1>, <C-c>, <lt> \
            for a literal <. Example: --keys 'jj)c<Tab><Enter>'.

            Exit status: 0 printed, 1 the lesson cannot be read, 2 bad usage.
            """
    )

    @Argument(help: ArgumentHelp("The lesson file.", valueName: "FILE"))
    var file: String

    @Option(help: ArgumentHelp("Terminal size as COLUMNSxROWS.", valueName: "COLSxROWS"))
    var size: String = "120x40"

    @Option(help: ArgumentHelp("Keys to type before drawing.", valueName: "KEYS"))
    var keys: String = ""

    @Option(help: "Output format: text, ansi or svg.")
    var format: ScreenFormat = .text

    @Flag(help: "Draw without colour, as with NO_COLOR.")
    var noColor = false

    @Option(help: ArgumentHelp("Term statuses to assume, as TERM=STATUS pairs separated by commas (status: new, learning, known, ignored).", valueName: "LIST"))
    var statuses: String = ""

    func validate() throws {
        _ = try parsedSize()
        do { _ = try KeyNotation.parse(keys) } catch { throw ValidationError("--keys: \(error.description)") }
        _ = try parsedStatuses()
    }

    func parsedSize() throws -> (columns: Int, rows: Int) {
        let parts = size.lowercased().split(separator: "x")
        guard parts.count == 2, let c = Int(parts[0]), let r = Int(parts[1]), c >= 1, r >= 1, c <= 1000, r <= 1000 else {
            throw ValidationError("--size must be COLUMNSxROWS with numbers from 1 to 1000, like 120x40 (got '\(size)')")
        }
        return (c, r)
    }

    func parsedStatuses() throws -> [String: TermStatus] {
        var result: [String: TermStatus] = [:]
        for pair in statuses.split(separator: ",") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let status = TermStatus(rawValue: String(parts[1])) else {
                throw ValidationError("--statuses: '\(pair)' is not TERM=STATUS with STATUS one of new, learning, known, ignored")
            }
            result[VocabularyMatcher.normalise(String(parts[0]))] = status
        }
        return result
    }

    func run() throws {
        let lesson: Lesson
        do {
            lesson = try Lesson.read(path: file)
        } catch {
            printError("gloss: \(file):\(error.line):\(error.column): error: \(error.message)")
            throw ExitCode(1)
        }
        let (columns, rows) = try parsedSize()
        var state = ReaderState(lesson: lesson, columns: columns, rows: rows)
        state.termStatuses = try parsedStatuses()
        let keys: [Key]
        do { keys = try KeyNotation.parse(self.keys) } catch { throw ValidationError("--keys: \(error.description)") }
        for key in keys {
            if case .resize = key { continue }
            state.update(.key(key))
        }
        let screen = ReaderView.draw(state, theme: noColor ? .monochrome : Theme())
        print(ScreenRenderer.render(screen, as: format, title: "gloss — \(lesson.title)"), terminator: "")
    }
}

extension ScreenFormat: ExpressibleByArgument {}
