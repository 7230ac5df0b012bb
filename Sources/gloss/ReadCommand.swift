import ArgumentParser
import CHugeHeap
import CursesTerminal
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
import LessonKit
import ProgressStore
import ReaderCore

struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Read a lesson, or a library of lessons, full-screen (the default command).",
        discussion: """
            `gloss FILE` opens one lesson. `gloss DIR` lists the lessons in DIR. `gloss` alone \
            opens the library in the first of: $GLOSS_LESSONS, ./Lessons, \
            $XDG_DATA_HOME/gloss/lessons (~/.local/share/gloss/lessons, created when missing).

            The reader remembers where you stopped, your settings and which words you know, in \
            $XDG_STATE_HOME/gloss/gloss.sqlite (~/.local/state/gloss/gloss.sqlite). Press h in the \
            reader for its keys.

            When standard output is not a terminal (`gloss FILE | less`), the lesson (or the list \
            of lessons) is printed as plain text instead.

            Exit status: 0 done, 1 the lesson cannot be read or has errors, 2 bad usage, \
            128+N ended by signal N.
            """
    )

    @Argument(help: ArgumentHelp("A lesson file or a folder of lessons.", valueName: "PATH"))
    var path: String?

    func run() throws {
        try Self.read(path)
    }

    static func read(_ path: String?) throws {
        let environment = Environment.current()
        let target: String
        if let path {
            target = path
        } else {
            target = try LibraryFolder.default(environment: environment.dictionary)
        }
        // stat, not FileManager: its first use took a tenth of a millisecond of every start.
        let (exists, isFolder) = FilePath.kind(of: target)
        guard exists else {
            printError("gloss: \(target): no such file or folder; name a lesson file or a folder of lessons")
            throw ExitCode(1)
        }
        let interactive = CursesTerminal.standardOutputIsTerminal() && CursesTerminal.standardInputIsTerminal()
        // What the reader allocates on this thread, in 2 MB pages (issue 5: the seed's heap in
        // one page fault instead of some 330, and one page for the exit to free).
        if interactive { _ = gloss_huge_main_heap() }
        // Only the full-screen reader uses the database; it opens while the lessons are read. A
        // lesson's first screen needs nothing from a database not made yet: it is made after.
        let progress = interactive ? PendingProgress(environment: environment, deferringNew: !isFolder) : nil
        // A lesson that cannot be read ends the program here: not before the database has
        // finished opening, so no half-made state folder is left to chance.
        defer { progress?.settle() }
        if isFolder {
            let entries = LibraryFolder.scan(target)
            guard let progress else {
                print(LibraryFolder.plainText(folder: target, entries: entries), terminator: "")
                return
            }
            try withSession(progress) { $0.runLibrary(folder: target, entries: entries) }
            return
        }
        StartupTrace.mark("arguments")
        // A long lesson in the reader opens on its start and its vocabulary, read without the
        // rest; when anything is wrong with that small lesson, the rest is read first as usual.
        if let progress, let bytes = LessonQuickLook.look(path: target),
           let start = try? Lesson.parse(bytes: bytes), !start.hasErrors {
            StartupTrace.mark("quick look read and parsed")
            let first = LoadedLesson(path: ProgressKeeper.canonical(target), lesson: start, contentHash: "")
            let analysis = FirstAnalysis(start, quickLook: true, screen: CursesTerminal.sizeBeforeStarting())
            try withSession(progress) { $0.runLesson(first, quickLook: .init(path: target), analysis: analysis) }
            return
        }
        let loaded: LoadedLesson
        do {
            loaded = try LoadedLesson.load(path: target)
            StartupTrace.mark("lesson read and parsed")
        } catch {
            LessonProblems.print(error, path: target)
            throw ExitCode(1)
        }
        if loaded.lesson.hasErrors {
            LessonProblems.print(loaded.lesson, path: target)
            throw ExitCode(1)
        }
        guard let progress else {
            print(LessonPlainText.render(LessonAnalyzer.analyze(loaded.lesson)), terminator: "")
            return
        }
        let analysis = FirstAnalysis(loaded.lesson, quickLook: false, onThread: FirstAnalysis.worthAThread(loaded.lesson))
        try withSession(progress) { $0.runLesson(loaded, analysis: analysis) }
    }

    /// Starts the terminal, runs the body, then restores the terminal and ends the process at
    /// once with status 0 (`ReaderSession.end`), if the body has not already. Signals end it from
    /// inside the body, with their own status.
    private static func withSession(_ pending: PendingProgress, _ body: (ReaderSession) -> Void) throws {
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal()
        } catch {
            printError("gloss: \(error.message)")
            throw ExitCode(1)
        }
        StartupTrace.mark("terminal started")
        let session = ReaderSession(terminal: terminal, progress: pending)
        body(session)
        session.end()
    }
}

/// The environment variables gloss reads, each by getenv: ProcessInfo's whole environment took
/// 0.2 ms of every start, and a dictionary of these four another 0.2 ms, most of it making the
/// dictionary's type the first time (issue 5). `gloss FILE` needs only the database's path on
/// the main thread; the dictionary is made where it is needed.
struct Environment: Sendable {
    var lessons, home, dataHome, stateHome: String?

    static func current() -> Environment {
        func variable(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
        return Environment(lessons: variable("GLOSS_LESSONS"), home: variable("HOME"),
                           dataHome: variable("XDG_DATA_HOME"), stateHome: variable("XDG_STATE_HOME"))
    }

    var dictionary: [String: String] {
        var found: [String: String] = [:]
        for (name, value) in [("GLOSS_LESSONS", lessons), ("HOME", home), ("XDG_DATA_HOME", dataHome), ("XDG_STATE_HOME", stateHome)] {
            if let value { found[name] = value }
        }
        return found
    }

    /// The progress database's path (`ProgressStore.defaultPath`).
    var databasePath: String { ProgressStore.defaultPath(stateHome: stateHome, home: home) }
}

/// Finding and listing a folder of lessons.
enum LibraryFolder {
    static func `default`(environment: [String: String]) throws -> String {
        if let folder = environment["GLOSS_LESSONS"], !folder.isEmpty { return folder }
        var isFolder = false
        if FileManager.default.fileExists(atPath: "Lessons", isDirectory: &isFolder), isFolder { return "Lessons" }
        let home = FilePath.home(environment: environment)
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/share"
        let folder = data + "/gloss/lessons"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            printError("gloss: cannot create the lesson folder \(folder): \(error); set GLOSS_LESSONS to a folder of lessons")
            throw ExitCode(1)
        }
        return folder
    }

    /// The lesson files of a folder: visible `.txt` files, sorted by name.
    static func lessonFileNames(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.lowercased().hasSuffix(".txt") && !$0.hasPrefix(".") }
            .sorted()
    }

    /// Every `.txt` file of the folder, read and analysed (so the library can show counts).
    static func scan(_ folder: String) -> [LibraryEntry] {
        let names = lessonFileNames(in: folder)
        if names.count > 20 { printError("gloss: reading \(names.count) lessons in \(folder)…") }
        return names.map { name in
            let path = ProgressKeeper.canonical(folder + "/" + name)
            let result = Result<Lesson, LessonError> { () throws(LessonError) -> Lesson in try Lesson.read(path: path) }
            return LibraryEntry.make(path: path, fileName: name, result: result)
        }
    }

    static func plainText(folder: String, entries: [LibraryEntry]) -> String {
        var out = "\(entries.count) lesson\(entries.count == 1 ? "" : "s") in \(folder)\n"
        for entry in entries {
            out += "\n\(entry.fileName)\n  \(entry.title)\n"
            if let error = entry.firstError {
                out += "  error at \(error)\n"
            } else {
                out += "  \(entry.wordCount) words, \(entry.vocabularyCount) vocabulary terms\n"
            }
        }
        return out
    }
}

/// How `gloss FILE` reports a lesson it cannot open, on standard error.
enum LessonProblems {
    static func print(_ error: LessonError, path: String) {
        printError("gloss: \(path):\(error.line):\(error.column): error: \(error.message)")
    }

    static func print(_ lesson: Lesson, path: String) {
        for d in lesson.diagnostics where d.severity == .error {
            printError("\(path):\(d.line):\(d.column): error: \(d.message)")
        }
        printError("gloss: \(path) has errors; fix them (gloss check \(path) lists every problem) and open it again")
    }
}
