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
import ReaderCore
import Synchronization

/// The interactive program: owns the terminal, runs the library and the reader, and carries out
/// their effects (saving progress, opening lessons). ReaderCore decides; this only wires.
final class ReaderSession {
    private let terminal: CursesTerminal
    private let theme: Theme
    private let pendingProgress: PendingProgress
    /// The progress database, waited for where it is first needed (see `runLesson`).
    private var progress: ProgressKeeper { pendingProgress.keeper() }
    /// The last lesson's reader and analysis, kept past `runLesson`: freeing an 8 MB lesson's
    /// hundred thousand strings takes milliseconds, and when the reader quits the process ends
    /// anyway. Going back to the library frees it.
    private var lastLesson: (state: ReaderState, analysis: BackgroundAnalysis?)?

    init(terminal: CursesTerminal, progress: PendingProgress) {
        self.terminal = terminal
        theme = terminal.colorCount == 0 ? .monochrome : Theme()
        pendingProgress = progress
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
                    // Back in the library: the lesson is freed now, not while the next one is read.
                    lastLesson = nil
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
        // A lesson short enough to analyse whole is analysed before anything is asked of the
        // database, which is still opening on its own thread meanwhile.
        let analysed = LessonAnalyzer.wantsPreview(loaded.lesson) ? nil : LessonAnalyzer.analyze(loaded.lesson)
        StartupTrace.mark("analysed")
        // The first lesson of a first run reads nothing: there is no database yet.
        let nothingStored = pendingProgress.holdsNothingYet
        let settings = nothingStored ? ProgressKeeper.settings(from: [:]) : progress.settings()
        let position = nothingStored ? nil : progress.position(of: loaded)
        StartupTrace.mark(nothingStored ? "no database yet: nothing to read" : "settings and position read")
        // A long lesson opens on a preview analysed only around where the reader will be; the
        // whole analysis runs on another thread and is swapped in when it is done.
        let background: BackgroundAnalysis?
        var state: ReaderState
        if let analysed {
            state = ReaderState(lesson: analysed, columns: size.columns, rows: size.rows,
                                chineseOn: settings.chineseOn, translationVisible: settings.translationVisible,
                                sidebar: settings.sidebar)
            background = nil
        } else {
            let preview = LessonAnalyzer.preview(loaded.lesson, around: position)
            state = ReaderState(preview: preview, columns: size.columns, rows: size.rows,
                                chineseOn: settings.chineseOn, translationVisible: settings.translationVisible,
                                sidebar: settings.sidebar)
            background = BackgroundAnalysis(loaded.lesson)
        }
        StartupTrace.mark("state built")
        state.sidebarListing = settings.sidebarListing
        if !nothingStored {
            state.termStatuses = progress.termStatuses()
            if let position { state.resume(at: position) }
            progress.noteUnchanged(loaded, state: state)
            state.notice = progress.takeNotice()
        }

        var dirty = false
        var lastSave = ContinuousClock.now
        func save() {
            StartupTrace.mark(progress.save(loaded, state: state) ? "progress written" : "nothing new to save")
            dirty = false
            lastSave = .now
        }

        var firstDraw = true
        // A wake-up with no key (every 20 ms while a long lesson is analysed, or to save)
        // usually changes nothing on the screen: building the whole Screen again for nothing
        // took about a millisecond each time, beside the thread doing the analysis.
        var needsDraw = true
        while true {
            if needsDraw {
                terminal.draw(ReaderView.draw(state, theme: theme))
                needsDraw = false
            }
            if firstDraw {
                StartupTrace.mark("first screen drawn")
                firstDraw = false
                // The first write, after the first screen: when it fails (a full disk), the
                // status bar says at once that progress is not saved.
                progress.recordOpened(loaded)
                // Everything opening the database had to say, when the first screen did not wait for it.
                if state.notice == nil, let notice = nothingStored ? progress.takeNotice() : progress.lastingNotice {
                    state.notice = notice
                    terminal.draw(ReaderView.draw(state, theme: theme))
                }
                StartupTrace.mark("opening recorded")
            }
            // While there is something unsaved, wake up to save it even if no key comes; while
            // the analysis runs, wake up often to take it as soon as it is done.
            let waiting = state.isPreview && background != nil
            let key = terminal.nextKey(timeoutMilliseconds: waiting ? 20 : dirty ? 1000 : nil)
            if waiting, let (analysed, index) = background?.result {
                state.adoptAnalysis(analysed, index: index)
                needsDraw = true
                StartupTrace.mark("full analysis adopted")
            }
            guard let key else {
                if terminal.pendingTerminationSignal != nil { exitOnSignal(save) }
                if dirty {
                    save()
                    if state.notice != progress.lastingNotice {
                        state.notice = progress.lastingNotice
                        needsDraw = true
                    }
                }
                continue
            }
            needsDraw = true
            switch key {
            case .resize:
                let size = terminal.size
                state.update(.resize(columns: size.columns, rows: size.rows))
                continue
            case .control("c"):
                // ctrl-c leaves the program, not just the lesson, as it would without raw mode.
                save()
                lastLesson = (state, background)
                return .quit
            default:
                break
            }
            for effect in state.update(.key(key)) {
                switch effect {
                case .quit:
                    StartupTrace.mark("quit key")
                    save()
                    lastLesson = (state, background)
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
    /// Parsed, not analysed (`LessonAnalyzer` does that): its errors are all there are, since
    /// analysis only adds warnings.
    var lesson: Lesson
    var contentHash: String

    static func load(path: String) throws(LessonError) -> LoadedLesson {
        let bytes = try FileBytes.read(path)
        // The hash reads every byte one after another (10 ms for 8 MB); a long lesson has it
        // worked out on another thread while this one parses.
        let hashing = bytes.count > parallelHashSize ? ParallelHash(bytes) : nil
        let lesson = try Lesson.parse(bytes: bytes)
        return LoadedLesson(path: ProgressKeeper.canonical(path), lesson: lesson,
                            contentHash: hashing?.value() ?? ProgressKeeper.hash(bytes))
    }

    /// Below this, starting a thread costs more than it saves.
    static let parallelHashSize = 256 << 10
}

/// `ProgressKeeper.hash` of some bytes, worked out on a thread of its own.
final class ParallelHash: @unchecked Sendable {
    // Written once by the thread, read only after joining it.
    private var hash = ""
    private var thread: NativeThread?

    init(_ bytes: [UInt8]) {
        thread = NativeThread { [self] in hash = ProgressKeeper.hash(bytes) }
    }

    /// Waits for the thread.
    func value() -> String {
        thread?.join()
        return hash
    }
}

/// The full analysis of a long lesson, run on a thread of its own while the reader shows a
/// preview (issue 5: the first screen of an 8 MB lesson must not wait for all of it).
final class BackgroundAnalysis: Sendable {
    private let analysed = Mutex<(Lesson, LessonIndex)?>(nil)

    init(_ parsed: Lesson) {
        NativeThread(stackSize: 8 << 20) { [self] in
            let lesson = LessonAnalyzer.analyze(parsed)
            // The reader's index too, so that the swap itself is quick (`adoptAnalysis`).
            let index = LessonIndex(lesson)
            analysed.withLock { $0 = (lesson, index) }
        }.detach()
    }

    /// The analysed lesson and its index once the thread has finished, nil before.
    var result: (Lesson, LessonIndex)? { analysed.withLock { $0 } }
}
