import CursesTerminal
import Foundation
import LessonKit
import ReaderCore

/// The interactive program: owns the terminal, runs the library and the reader, and carries out
/// their effects (saving progress, opening lessons). ReaderCore decides; this only wires.
final class ReaderSession {
    private let terminal: CursesTerminal
    private let theme: Theme
    private let progress: ProgressKeeper

    init(progress: ProgressKeeper) throws {
        terminal = try CursesTerminal()
        theme = terminal.colorCount == 0 ? .monochrome : Theme()
        self.progress = progress
    }

    /// Restores the terminal; called on every way out.
    func stop() { terminal.stop() }

    private func exitOnSignal(_ save: () -> Void) -> Never {
        let signal = terminal.pendingTerminationSignal ?? SIGTERM
        terminal.exitAfterSignal(signal) {
            save()
            progress.close()
        }
    }

    // MARK: - Library

    func runLibrary(folder: String, entries: [LibraryEntry]) {
        let size = terminal.size
        var library = LibraryState(folder: folder, entries: progress.decorate(entries), columns: size.columns, rows: size.rows)
        library.termStatuses = progress.termStatuses()
        library.notice = progress.takeNotice()
        while true {
            terminal.draw(LibraryView.draw(library, theme: theme, now: Date().timeIntervalSince1970))
            guard let key = terminal.nextKey(timeoutMilliseconds: nil) else {
                if terminal.pendingTerminationSignal != nil { exitOnSignal {} }
                continue
            }
            if key == .resize {
                let size = terminal.size
                library.resize(columns: size.columns, rows: size.rows)
                continue
            }
            if key == .control("z") { terminal.suspend(); continue }
            let effect = library.update(key)
            // News (a damaged database moved aside) was on the first screen; a key ends it.
            library.notice = progress.lastingNotice
            switch effect {
            case .quit?:
                return
            case .open(let path)?:
                let entry = library.entries.first { $0.path == path }
                do {
                    let loaded = try LoadedLesson.load(path: path)
                    if loaded.lesson.hasErrors {
                        library.message = "\(entry?.fileName ?? path) has errors; run gloss check on it"
                        continue
                    }
                    let outcome = runLesson(loaded)
                    if outcome == .quit { return }
                    if var updated = entry {
                        updated = progress.decorate([updated]).first ?? updated
                        library.replace(updated)
                    }
                    library.termStatuses = progress.termStatuses()
                    library.notice = progress.lastingNotice
                } catch {
                    library.message = "\(entry?.fileName ?? path): \(error.message)"
                }
            case nil:
                continue
            }
        }
    }

    // MARK: - Reader

    enum Outcome { case back, quit }

    /// Reads one lesson until the reader quits it. `q` returns to the library when there is one.
    func runLesson(_ loaded: LoadedLesson) -> Outcome {
        let size = terminal.size
        let settings = progress.settings()
        var state = ReaderState(lesson: loaded.lesson, columns: size.columns, rows: size.rows,
                                chineseOn: settings.chineseOn, translationVisible: settings.translationVisible,
                                sidebar: settings.sidebar)
        state.termStatuses = progress.termStatuses()
        if let position = progress.open(loaded) { state.resume(at: position) }
        // After open: recording the lesson as opened is the first write, and when it fails
        // (a full disk) the first screen should already say that progress is not saved.
        state.notice = progress.takeNotice()

        var dirty = false
        var lastSave = ContinuousClock.now
        func save() {
            progress.save(loaded, state: state)
            dirty = false
            lastSave = .now
        }

        while true {
            terminal.draw(ReaderView.draw(state, theme: theme))
            // While there is something unsaved, wake up to save it even if no key comes.
            let key = terminal.nextKey(timeoutMilliseconds: dirty ? 1000 : nil)
            guard let key else {
                if terminal.pendingTerminationSignal != nil { exitOnSignal(save) }
                if dirty {
                    save()
                    state.notice = progress.lastingNotice
                }
                continue
            }
            switch key {
            case .resize:
                let size = terminal.size
                state.update(.resize(columns: size.columns, rows: size.rows))
                continue
            case .control("c"):
                // ctrl-c leaves the program, not just the lesson, as it would without raw mode.
                save()
                return .quit
            default:
                break
            }
            for effect in state.update(.key(key)) {
                switch effect {
                case .quit:
                    save()
                    return .back
                case .setTermStatus(let term, let status):
                    progress.setStatus(status, term: term)
                case .progressChanged:
                    dirty = true
                case .redraw:
                    terminal.redrawEverything()
                case .suspend:
                    if dirty { save() }
                    terminal.suspend()
                }
            }
            // Batched: at most one save per second of reading, and one when the reader stops.
            if dirty && ContinuousClock.now - lastSave > .seconds(2) { save() }
            // News was on the first screen and a key ends it; a failed save stays said.
            state.notice = progress.lastingNotice
        }
    }
}

/// A lesson read from disk together with what identifies it in the progress database.
struct LoadedLesson {
    var path: String
    var lesson: Lesson
    var contentHash: String

    static func load(path: String) throws(LessonError) -> LoadedLesson {
        let bytes = try FileBytes.read(path)
        let lesson = try Lesson.read(bytes: bytes)
        return LoadedLesson(path: ProgressKeeper.canonical(path), lesson: lesson, contentHash: ProgressKeeper.hash(bytes))
    }
}
