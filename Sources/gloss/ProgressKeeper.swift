#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LessonKit
import ProgressStore
import ReaderCore

/// The reader's link to the progress database. Reading never depends on it: when the database
/// cannot be opened or written, every call quietly does nothing and the notices say so.
///
/// Two kinds of notice: news, told once (the database was damaged and moved aside), and a
/// lasting one that stays in the status bar while progress is not being saved.
final class ProgressKeeper {
    private let store: ProgressStore?
    private var news: [String]
    private(set) var lastingNotice: String?

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let path = ProgressStore.defaultPath(environment: environment)
        let (store, notices) = ProgressStore.open(path: path)
        self.store = store
        // Without a store, or with a read-only one, the last notice says why nothing is saved.
        if store == nil || store?.isReadOnly == true {
            lastingNotice = notices.last
            news = Array(notices.dropLast())
        } else {
            lastingNotice = nil
            news = notices
        }
    }

    /// What the status bar should say on the next screen: news not told yet, else the lasting
    /// notice. News is told once: taking it uses it up.
    func takeNotice() -> String? {
        news.isEmpty ? lastingNotice : news.removeFirst()
    }

    static func hash(_ bytes: [UInt8]) -> String { ContentHash.of(bytes) }

    private func attempt<T>(_ what: String, _ body: (ProgressStore) throws -> T) -> T? {
        guard let store else { return nil }
        do {
            return try body(store)
        } catch ProgressStoreError.database(let reason) {
            // The store's own wording starts with "progress is not saved" too; the reason alone
            // keeps the status bar short enough to show it.
            lastingNotice = "progress not saved: \(what) failed (\(reason))"
            return nil
        } catch {
            lastingNotice = "progress not saved: \(what) failed (\(error))"
            return nil
        }
    }

    /// What `preload` read, each taken by the first call that needs it.
    private var preloadedSettings: [String: String]?
    private var preloadedStatuses: [String: TermStatus]?

    /// Reads what the first screen needs whatever the lesson: the settings and the word
    /// statuses. Run by `PendingProgress` on its thread, beside the reading of the lesson.
    func preload() {
        preloadedSettings = attempt("reading settings") { try $0.allSettings() } ?? [:]
        preloadedStatuses = attempt("reading word statuses") { try $0.termStatuses() } ?? [:]
    }

    typealias Settings = (chineseOn: Bool, translationVisible: Bool, sidebar: Bool?, sidebarListing: SidebarListing)

    func settings() -> Settings {
        let stored = preloadedSettings.take() ?? attempt("reading settings") { try $0.allSettings() } ?? [:]
        storedSettings = Self.settingKeys.compactMap { stored[$0] }
        return Self.settings(from: stored)
    }

    /// The settings a database holds; an empty one gives the defaults.
    static func settings(from stored: [String: String]) -> Settings {
        (stored["chinese"].map { $0 == "on" } ?? true,
         stored["translation"].map { $0 == "on" } ?? false,
         stored["sidebar"].flatMap { $0 == "auto" ? nil : $0 == "on" },
         stored["sidebar-listing"].flatMap(SidebarListing.init(rawValue:)) ?? .onScreen)
    }

    /// Folds the write-ahead log into the database and closes it: on the way out after a signal.
    /// A quit leaves without closing (see `ReadCommand.withSession`).
    func close() {
        _ = attempt("closing the database") { try $0.close() }
    }

    func termStatuses() -> [String: TermStatus] {
        preloadedStatuses.take() ?? attempt("reading word statuses") { try $0.termStatuses() } ?? [:]
    }

    /// Where the reader left a lesson. Reads only: `recordOpened` writes, after the first screen.
    func position(of loaded: LoadedLesson) -> SentenceLocation? {
        guard let record = attempt("reading the position", { try $0.lesson(hash: loaded.contentHash, path: loaded.path) }),
              let location = record?.position else { return nil }
        storedPosition = (loaded.path, location, record?.percentRead ?? -1)
        return location
    }

    /// What `settings` and `position(of:)` read, to know when a save would change nothing.
    private var storedSettings: [String] = []
    private var storedPosition: (path: String, location: SentenceLocation, percent: Int)?

    /// Called once the reader shows the stored position: when the state is just what the
    /// database holds, quitting without reading on writes nothing.
    func noteUnchanged(_ loaded: LoadedLesson, state: ReaderState) {
        guard let stored = storedPosition, stored.path == loaded.path, stored.location == state.focus,
              stored.percent == state.percentRead, storedSettings == Self.settingValues(of: state) else { return }
        lastSaved = (loaded.path, Session(position: state.focus, percent: state.percentRead, settings: storedSettings))
    }

    /// The settings saved with the position, in the order of `settingValues`.
    private static let settingKeys = ["chinese", "translation", "sidebar", "sidebar-listing"]

    private static func settingValues(of state: ReaderState) -> [String] {
        [state.chineseOn ? "on" : "off", state.translationVisible ? "on" : "off",
         state.sidebarChoice.map { $0 ? "on" : "off" } ?? "auto", state.sidebarListing.rawValue]
    }

    /// 128 KB, about 30 sessions of saves: an open then reads the log in well under a millisecond.
    static let longestLog = 128 << 10

    /// Records that a lesson was opened (for the library's order), with the place and settings
    /// it opened on when the database does not hold them yet: a reader who quits without
    /// moving then has nothing left to write on the way out.
    func recordOpened(_ loaded: LoadedLesson, state: ReaderState) {
        guard let store, !store.isReadOnly else { return }
        write(loaded, Self.session(of: state), opened: Date(), doing: "recording the lesson")
        // While the reader looks at the first screen: the log every open must read stays short.
        _ = attempt("folding the log") { try $0.foldLog(ifLongerThan: Self.longestLog) }
    }

    /// What a save writes: the place, the percentage read and the settings.
    private struct Session: Equatable {
        var position: SentenceLocation?
        var percent: Int
        var settings: [String]
    }

    private static func session(of state: ReaderState) -> Session {
        Session(position: state.focus, percent: state.percentRead, settings: settingValues(of: state))
    }

    /// What the last save (or the opening record) wrote, so that a save with nothing new
    /// writes nothing.
    private var lastSaved: (path: String, session: Session)?

    /// Saves the position and the settings in one transaction, unless they are what was last
    /// saved. True when it wrote.
    @discardableResult
    func save(_ loaded: LoadedLesson, state: ReaderState) -> Bool {
        guard let store, !store.isReadOnly else { return false }
        let session = Self.session(of: state)
        if let last = lastSaved, last.path == loaded.path, last.session == session { return false }
        return write(loaded, session, opened: nil, doing: "saving the position")
    }

    /// Writes, in one transaction, what of `session` changed since the last write (all of it
    /// when there was none): after a move the place alone, not the four settings with it
    /// (issue 5); with `opened`, also when the lesson was opened. True when it wrote.
    @discardableResult
    private func write(_ loaded: LoadedLesson, _ session: Session, opened: Date?, doing what: String) -> Bool {
        let last = lastSaved
        let placeChanged = last.map { $0.path != loaded.path || $0.session.position != session.position
            || $0.session.percent != session.percent } ?? true
        let settings = zip(Self.settingKeys, session.settings).enumerated()
            .filter { index, _ in last.map { $0.session.settings[index] != session.settings[index] } ?? true }
            .map { _, setting in (key: setting.0, value: setting.1) }
        let written: Void? = attempt(what) {
            try $0.saveSession(hash: loaded.contentHash, path: loaded.path,
                               position: placeChanged ? session.position : nil,
                               percentRead: session.percent, settings: settings, opened: opened)
        }
        if written != nil { lastSaved = (loaded.path, session) }
        return written != nil
    }

    func setStatus(_ status: TermStatus, term: String) {
        guard let store, !store.isReadOnly else { return }
        _ = attempt("saving the word status") { try $0.setStatus(status, forTerm: term, at: Date()) }
    }

    /// Library rows with what the database knows: percent read and when each was last opened.
    func decorate(_ entries: [LibraryEntry]) -> [LibraryEntry] {
        guard let records = attempt("reading the library", { try $0.allLessons() }) else { return entries }
        var byPath: [String: LessonRecord] = [:]
        for record in records {
            if let existing = byPath[record.path], (existing.lastOpened ?? .distantPast) > (record.lastOpened ?? .distantPast) { continue }
            byPath[record.path] = record
        }
        return entries.map { entry in
            var entry = entry
            if let record = byPath[Self.canonical(entry.path)] ?? byPath[entry.path] {
                entry.percentRead = record.percentRead
                entry.lastOpened = record.lastOpened?.timeIntervalSince1970
            }
            return entry
        }
    }

    /// Paths are kept absolute so a lesson is the same lesson from any working directory.
    static func canonical(_ path: String) -> String {
        FilePath.standardized(path) ?? URL(fileURLWithPath: path).standardizedFileURL.path
    }
}

/// The progress database, opened on a thread of its own while the main thread reads the lesson
/// and starts the terminal (issue 5: through GRDB, opening and checking it took 1.7 ms of a 10 ms
/// start, 3 ms when new; now about 0.7 ms, off the main thread all the same). `keeper` waits
/// for it.
///
/// A database that does not exist yet is not needed for a lesson's first screen (no settings,
/// no place, no word statuses), so with `deferringNew` it is made by the first `keeper()`, after
/// that screen: made on a thread beside it, its page faults and the other core it took slowed
/// the first screen by a third of a millisecond (2.30 against 1.97 ms from `main`, medians of
/// 25 runs).
final class PendingProgress: @unchecked Sendable {
    // Written once by the thread, read only after joining it; or made by `keeper` on the main thread.
    private var opened: ProgressKeeper?
    private var thread: NativeThread?
    private let noDatabaseAtStart: Bool
    private let environment: Environment

    init(environment: Environment, deferringNew: Bool = false) {
        let noDatabase = !FilePath.kind(of: environment.databasePath).exists
        noDatabaseAtStart = noDatabase
        self.environment = environment
        if noDatabase && deferringNew { return }
        thread = NativeThread { [self] in
            // Making a new database is not waited for (`holdsNothingYet`): on two cores it gives
            // way to the threads the first screen waits for.
            if noDatabase { NativeThread.lowerPriority() }
            opened = Self.open(environment)
        }
    }

    private static func open(_ environment: Environment) -> ProgressKeeper {
        let keeper = ProgressKeeper(environment: environment.dictionary)
        keeper.preload()
        return keeper
    }

    /// The opened database, waiting for the thread when it is not done yet, or making it now
    /// when it was deferred. Main thread only.
    func keeper() -> ProgressKeeper {
        if let thread {
            thread.join()
            self.thread = nil
        }
        if let opened { return opened }
        let made = Self.open(environment)
        opened = made
        StartupTrace.mark("database made")
        return made
    }

    /// Waits for the thread opening the database, if one runs, without making a deferred one:
    /// for a way out before the reader starts (a lesson that cannot be read), so that no
    /// half-made state folder is left to chance, and none is made for nothing. Main thread only.
    func settle() {
        thread?.join()
        thread = nil
    }

    /// True while there is nothing to read for sure: no database file existed when gloss
    /// started, and the thread that makes one has not been waited for yet, or it has not been
    /// made at all. Then the first screen needs no answer from it (the defaults, no place, no
    /// word statuses): making a database, its folders and its tables took a millisecond or
    /// more, and the first screen waited for it. Main thread only.
    var holdsNothingYet: Bool { noDatabaseAtStart && (thread != nil || opened == nil) }
}

extension Optional {
    /// The value, leaving nil behind.
    fileprivate mutating func take() -> Wrapped? {
        let value = self
        self = nil
        return value
    }
}
