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

    init(terminal: CursesTerminal, progress: PendingProgress) {
        self.terminal = terminal
        theme = terminal.colorCount == 0 ? .monochrome : Theme()
        pendingProgress = progress
    }

    /// How long without a key, after a move, before the place is saved: longer than the gap
    /// between the repeats of a held key (25 to 50 ms for most keyboards), so that scrolling
    /// does not write at every step; shorter than a person takes to see a screen and decide to
    /// leave it (200 ms or more). The save is then done by the time `q` comes, and a reader
    /// killed, or whose terminal closes, loses at most this much. Before, the wait was a second,
    /// and most quits paid for the save (0.15 ms).
    static let quietBeforeSave = 100

    /// Whether the code that only the start runs has been handed back (`gloss_release_startup_code`),
    /// which is done once, at the first quiet moment after the first screen: with the analysis
    /// done, the place saved and no key for `quietBeforeSave` ms. The exit then has about 230
    /// fewer pages of the program to unmap (issue 5: the seed's quit 0.82 -> 0.70 ms).
    private var startupCodeReleased = false

    /// Restores the terminal; called on every way out.
    func stop() { terminal.stop() }

    /// Restores the terminal and ends the process at once with status 0, everything being saved.
    /// Called where the reader quits, inside `runLesson`, so that nothing is freed first: closing
    /// the database, freeing the lesson and running the exit handlers would only delay the
    /// shell's prompt. Freeing an 8 MB lesson took 4 ms, its parsed copy and first analysis still
    /// 0.2 ms, and the handlers about 3 ms (with GRDB, its teardown also started a dispatch
    /// thread that the exit waited for). SQLite needs no close to be safe (the write-ahead log
    /// is read on the next open, and kept short by `ProgressStore.foldLog`), and standard output
    /// and error are flushed here.
    func end() -> Never {
        stop()
        StartupTrace.mark("terminal restored")
        fflush(nil)
        _exit(0)
    }

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
                    // Back in the library when it returns: the lesson is freed now, not while
                    // the next one is read.
                    runLesson(loaded, inLibrary: true)
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

    /// A long lesson's first look (`LessonQuickLook`): `loaded` holds only its start and its
    /// vocabulary, and no content hash yet; the whole file is at `path` (as the reader named it).
    struct QuickLook {
        var path: String
    }

    /// Reads one lesson until the reader quits it. `q` returns `inLibrary`, and otherwise ends
    /// the process (`end`), as ctrl-c always does. `analysis` is the lesson's, started before the
    /// terminal was (see `FirstAnalysis`).
    func runLesson(_ first: LoadedLesson, quickLook: QuickLook? = nil, analysis: FirstAnalysis? = nil, inLibrary: Bool = false) {
        var loaded = first
        var quickLook = quickLook
        let size = terminal.size
        // A lesson short enough to analyse whole is analysed before anything is asked of the
        // database, which is still opening on its own thread meanwhile.
        let first = analysis ?? FirstAnalysis(loaded.lesson, quickLook: quickLook != nil, onThread: false)
        var analysed = first.value()
        // A quick look's matcher, for the whole lesson's analyses too.
        let vocabulary = first.vocabulary
        StartupTrace.mark("analysed")
        // The first lesson of a first run reads nothing: there is no database yet.
        let nothingStored = pendingProgress.holdsNothingYet
        let settings = nothingStored ? ProgressKeeper.settings(from: [:]) : progress.settings()
        // Without the content hash, a quick look finds its place by the lesson's path.
        let position = nothingStored ? nil : progress.position(of: loaded)
        StartupTrace.mark(nothingStored ? "no database yet: nothing to read" : "settings and position read")
        // The place is further on than the quick look reaches: the whole lesson it is, analysed
        // (around the place, for a long one) and indexed on its thread.
        var prepared: (lesson: Lesson, index: LessonIndex)?
        if quickLook != nil, let position, Self.shows(position, in: loaded.lesson), !first.covers(position, in: loaded.lesson) {
            // A place in the quick look, past what its first analysis reached: around the place.
            analysed = LessonAnalyzer.preview(loaded.lesson, around: position, vocabulary: vocabulary)
            StartupTrace.mark("quick look analysed around the place")
        }
        if let look = quickLook, let position, !Self.shows(position, in: loaded.lesson) {
            let (full, preview, index) = Self.wholeOrExit(WholeLesson(path: look.path, canonicalPath: loaded.path, around: position, vocabulary: vocabulary).wait(),
                                                          path: look.path, terminal: terminal)
            loaded = full
            quickLook = nil
            analysed = nil
            prepared = (preview, index)
        }
        // A long lesson opens on a preview analysed only around where the reader will be; the
        // whole analysis runs on another thread and is swapped in when it is done. A quick look,
        // analysed whole, is a preview too: of the whole lesson, read on another thread.
        var background: BackgroundAnalysis?
        var state: ReaderState
        if let analysed {
            state = quickLook == nil
                ? ReaderState(lesson: analysed, columns: size.columns, rows: size.rows,
                              chineseOn: settings.chineseOn, translationVisible: settings.translationVisible,
                              sidebar: settings.sidebar)
                : ReaderState(preview: analysed, columns: size.columns, rows: size.rows,
                              chineseOn: settings.chineseOn, translationVisible: settings.translationVisible,
                              sidebar: settings.sidebar)
            background = nil
        } else if let prepared, !LessonAnalyzer.wantsPreview(loaded.lesson) {
            state = ReaderState(lesson: prepared.lesson, index: prepared.index, columns: size.columns, rows: size.rows,
                                chineseOn: settings.chineseOn, translationVisible: settings.translationVisible,
                                sidebar: settings.sidebar)
            background = nil
        } else {
            let preview = prepared?.lesson ?? LessonAnalyzer.preview(loaded.lesson, around: position, vocabulary: vocabulary)
            state = ReaderState(preview: preview, index: prepared?.index, columns: size.columns, rows: size.rows,
                                chineseOn: settings.chineseOn, translationVisible: settings.translationVisible,
                                sidebar: settings.sidebar)
            background = BackgroundAnalysis(loaded.lesson, vocabulary: vocabulary)
        }
        StartupTrace.mark("state built")
        state.sidebarListing = settings.sidebarListing
        if !nothingStored {
            state.termStatuses = progress.termStatuses()
            if let position { state.resume(at: position) }
            progress.noteUnchanged(loaded, state: state)
            state.notice = progress.takeNotice()
        }
        if let look = quickLook, state.layout.rows(from: state.top, count: state.pageHeight).last == state.layout.lastRow {
            // The quick look ends on the first screen (a terminal taller than it, or a place near
            // its end): the whole lesson first, so that the first screen is the lesson's own.
            let (full, preview, index) = Self.wholeOrExit(WholeLesson(path: look.path, canonicalPath: loaded.path, around: state.focus, vocabulary: vocabulary).wait(),
                                                          path: look.path, terminal: terminal)
            Self.adopt(preview, index: index, into: &state)
            loaded = full
            quickLook = nil
            background = BackgroundAnalysis(full.lesson, vocabulary: vocabulary)
            if !nothingStored { progress.noteUnchanged(loaded, state: state) }
            StartupTrace.mark("whole lesson read first: the quick look ended on the first screen")
        }

        var dirty = false
        var lastSave = ContinuousClock.now
        func save() {
            // Before the whole lesson is in, no key has been read: nothing to save, and no hash to
            // file it under.
            guard whole == nil else { return }
            StartupTrace.mark(progress.save(loaded, state: state) ? "progress written" : "nothing new to save")
            dirty = false
            lastSave = .now
        }
        /// A quick look's whole lesson, read after the first screen.
        var whole: WholeLesson?
        let resumedFocus = state.focus
        func adoptWhole(_ outcome: WholeLesson.Outcome) {
            guard let look = quickLook else { return }
            let (full, preview, index) = Self.wholeOrExit(outcome, path: look.path, terminal: terminal)
            Self.adopt(preview, index: index, into: &state)
            loaded = full
            quickLook = nil
            whole = nil
            background = BackgroundAnalysis(full.lesson, vocabulary: vocabulary)
            // The first screen found its place by path; the lesson's content may be filed elsewhere.
            if !nothingStored, let stored = progress.position(of: full), stored != position, state.focus == resumedFocus {
                state.resume(at: stored)
            }
            if !nothingStored { progress.noteUnchanged(full, state: state) }
            progress.recordOpened(full, state: state)
            if state.notice == nil, let notice = nothingStored ? progress.takeNotice() : progress.lastingNotice {
                state.notice = notice
            }
            StartupTrace.mark("whole lesson adopted")
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
            if firstDraw, let look = quickLook {
                StartupTrace.mark("first screen drawn")
                firstDraw = false
                // The rest of the lesson, and the first write once its hash is known.
                whole = WholeLesson(path: look.path, canonicalPath: loaded.path, around: state.focus, vocabulary: vocabulary)
            }
            if firstDraw {
                StartupTrace.mark("first screen drawn")
                firstDraw = false
                // The first write, after the first screen: when it fails (a full disk), the
                // status bar says at once that progress is not saved.
                progress.recordOpened(loaded, state: state)
                // Everything opening the database had to say, when the first screen did not wait for it.
                if state.notice == nil, let notice = nothingStored ? progress.takeNotice() : progress.lastingNotice {
                    state.notice = notice
                    terminal.draw(ReaderView.draw(state, theme: theme))
                }
                StartupTrace.mark("opening recorded")
            }
            // While there is something unsaved, wake up to save it once the keys stop, even if
            // no other key comes; while the analysis runs, wake up often to take it as soon as
            // it is done.
            let waiting = (state.isPreview && background != nil) || whole != nil
            let releasing = !startupCodeReleased && !waiting
            let key = terminal.nextKey(timeoutMilliseconds: waiting ? 20 : (dirty || releasing) ? Self.quietBeforeSave : nil)
            // Keys act on the whole lesson: one that comes before it waits for it.
            if let pending = whole, key != nil || pending.isDone {
                adoptWhole(pending.wait())
                needsDraw = true
            }
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
                } else if releasing {
                    startupCodeReleased = true
                    let released = gloss_release_startup_code()
                    StartupTrace.mark(released == GLOSS_CODE_RELEASED.rawValue ? "startup code released"
                                      : "startup code kept (\(released))")
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
                end()
            default:
                break
            }
            for effect in state.update(.key(key)) {
                switch effect {
                case .quit:
                    StartupTrace.mark("quit key")
                    save()
                    if inLibrary { return }
                    end()
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
            // Batched: while keys keep coming, one save every two seconds; and one when they stop.
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

extension ReaderSession {
    /// The whole lesson's preview in place of its quick look: the same view when the quick look
    /// was its start, as it should be; otherwise (a second vocabulary heading further up, a file
    /// changed between the two reads) a reader of the whole lesson at the same sentence.
    static func adopt(_ preview: Lesson, index: LessonIndex, into state: inout ReaderState) {
        if state.adoptLongerText(preview, index: index) { return }
        var fresh = ReaderState(preview: preview, columns: state.columns, rows: state.rows, chineseOn: state.chineseOn,
                                translationVisible: state.translationVisible, sidebar: state.sidebarChoice)
        fresh.sidebarListing = state.sidebarListing
        fresh.termStatuses = state.termStatuses
        fresh.notice = state.notice
        if let focus = state.focus { fresh.resume(at: focus) }
        state = fresh
    }

    /// Whether a quick look holds a place: its section and paragraph are there.
    static func shows(_ position: SentenceLocation, in lesson: Lesson) -> Bool {
        lesson.sections.indices.contains(position.section)
            && lesson.sections[position.section].paragraphs.indices.contains(position.paragraph)
    }

    /// The whole lesson, or, when it cannot be read or has errors (found only once it was read
    /// whole), the terminal restored, the errors printed as `gloss FILE` prints them, and exit 1.
    static func wholeOrExit(_ outcome: WholeLesson.Outcome, path: String, terminal: CursesTerminal)
        -> (loaded: LoadedLesson, preview: Lesson, index: LessonIndex) {
        switch outcome {
        case .loaded(let loaded, let preview, let index) where !loaded.lesson.hasErrors:
            return (loaded, preview, index)
        case .loaded(let loaded, _, _):
            terminal.stop()
            LessonProblems.print(loaded.lesson, path: path)
        case .failed(let error):
            terminal.stop()
            LessonProblems.print(error, path: path)
        }
        exit(1)
    }
}

/// The analysis the first screen needs, when it needs no place: a short lesson's whole one, or a
/// quick look's preview, of the paragraphs the first screen can show (`screen`, the terminal's
/// size before curses starts), or else of those within the preview's radius of the start. On a
/// thread, it runs while the terminal starts: 0.7 ms of the seed lesson's opening, when code
/// runs for the first time. Nil for a long lesson, whose preview is made around the reader's
/// place.
final class FirstAnalysis: @unchecked Sendable {
    // Written once, by the thread or by `init`, read only after joining it.
    private var analysed: Lesson?
    /// How many paragraphs from the start a quick look's preview analysed (reading order);
    /// nil when it analysed everything.
    private var firstParagraphs: Int?
    private var thread: NativeThread?
    /// A quick look's vocabulary matcher, kept for the whole lesson's analyses, which take it
    /// when their terms are its own (each built its own, a quarter of the first analysis's
    /// work), and so not freed on the way to the first screen; read after `value`.
    private(set) var vocabulary: PreparedVocabulary?

    /// An article shorter than this is analysed on the main thread, before the terminal starts:
    /// the seed's (11 KB) took about 0.45 ms there, and on a thread of its own, beside the
    /// terminal's start, its first screen came 0.14 ms later (2.21 against 2.07 ms from `main`,
    /// medians of 40 runs), the thread's start, its heap and its page faults costing more than
    /// the overlap saved. A longer article takes a millisecond or more, which the overlap hides.
    static let threadFrom = 32 << 10

    static func worthAThread(_ parsed: Lesson) -> Bool {
        LessonAnalyzer.articleHolds(parsed, moreThan: threadFrom - 1)
    }

    init(_ parsed: Lesson, quickLook: Bool, screen: (columns: Int, rows: Int)? = nil, onThread: Bool = true) {
        guard !LessonAnalyzer.wantsPreview(parsed) else { return }
        let work: @Sendable () -> (Lesson, Int?, PreparedVocabulary?) = {
            guard quickLook else { return (LessonAnalyzer.analyze(parsed), nil, nil) }
            let prepared = PreparedVocabulary(terms: parsed.vocabulary.map(\.term))
            guard let screen else {
                return (LessonAnalyzer.preview(parsed, around: nil, vocabulary: prepared), LessonAnalyzer.previewRadius + 1, prepared)
            }
            // Only what the first screen can show: the rest waits for the whole lesson, which
            // any key waits for too (issue 5: a third of the time to open a long lesson).
            let count = LessonAnalyzer.paragraphsOnFirstScreen(parsed, rows: screen.rows, columns: screen.columns)
            return (LessonAnalyzer.preview(parsed, firstParagraphs: count, vocabulary: prepared), count, prepared)
        }
        if onThread {
            thread = NativeThread(stackSize: 8 << 20) { [self] in (analysed, firstParagraphs, vocabulary) = work() }
        } else {
            (analysed, firstParagraphs, vocabulary) = work()
        }
    }

    func value() -> Lesson? {
        thread?.join()
        thread = nil
        return analysed
    }

    /// Whether the analysis reaches the paragraph of `position` (call after `value`).
    func covers(_ position: SentenceLocation, in lesson: Lesson) -> Bool {
        guard let firstParagraphs else { return true }
        let before = lesson.sections.prefix(position.section).reduce(0) { $0 + $1.paragraphs.count }
        return before + position.paragraph < firstParagraphs
    }
}

/// A long lesson read whole, hashed, parsed and analysed around the reader's place, on a
/// thread of its own, while the reader shows its quick look (`LessonQuickLook`).
final class WholeLesson: @unchecked Sendable {
    enum Outcome {
        case loaded(LoadedLesson, preview: Lesson, index: LessonIndex)
        case failed(LessonError)
    }

    // Written once by the thread, read only after joining it.
    private var outcome: Outcome?
    private var thread: NativeThread?
    private let finished = Mutex(false)

    init(path: String, canonicalPath: String, around position: SentenceLocation?, vocabulary prepared: PreparedVocabulary? = nil) {
        thread = NativeThread(stackSize: 8 << 20) { [self] in
            _ = gloss_huge_heap_for_this_thread()
            do throws(LessonError) {
                var loaded = try LoadedLesson.load(path: path)
                loaded.path = canonicalPath
                let preview = LessonAnalyzer.wantsPreview(loaded.lesson)
                    ? LessonAnalyzer.preview(loaded.lesson, around: position, vocabulary: prepared)
                    : LessonAnalyzer.analyze(loaded.lesson, vocabulary: prepared)
                outcome = .loaded(loaded, preview: preview, index: LessonIndex(preview))
            } catch {
                outcome = .failed(error)
            }
            finished.withLock { $0 = true }
        }
    }

    /// Whether the thread is done, so that `wait` returns at once.
    var isDone: Bool { finished.withLock { $0 } }

    func wait() -> Outcome {
        thread?.join()
        thread = nil
        return outcome!
    }
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

    init(_ parsed: Lesson, vocabulary prepared: PreparedVocabulary? = nil) {
        NativeThread(stackSize: 8 << 20) { [self] in
            _ = gloss_huge_heap_for_this_thread()
            let lesson = LessonAnalyzer.analyze(parsed, vocabulary: prepared)
            // The reader's index too, so that the swap itself is quick (`adoptAnalysis`).
            let index = LessonIndex(lesson)
            analysed.withLock { $0 = (lesson, index) }
        }.detach()
    }

    /// The analysed lesson and its index once the thread has finished, nil before.
    var result: (Lesson, LessonIndex)? { analysed.withLock { $0 } }
}
