import Foundation
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

    func settings() -> (chineseOn: Bool, translationVisible: Bool, sidebar: Bool?) {
        let chinese = attempt("reading settings") { try $0.setting("chinese") } ?? nil
        let translation = attempt("reading settings") { try $0.setting("translation") } ?? nil
        let sidebar = attempt("reading settings") { try $0.setting("sidebar") } ?? nil
        return (chinese.map { $0 == "on" } ?? true,
                translation.map { $0 == "on" } ?? false,
                sidebar.flatMap { $0 == "auto" ? nil : $0 == "on" })
    }

    /// Folds the write-ahead log into the database; called once, on the way out.
    func close() {
        _ = attempt("closing the database") { try $0.close() }
    }

    func termStatuses() -> [String: TermStatus] {
        attempt("reading word statuses") { try $0.termStatuses() } ?? [:]
    }

    /// Records that a lesson was opened and returns where the reader left it.
    func open(_ loaded: LoadedLesson) -> SentenceLocation? {
        guard let store else { return nil }
        if !store.isReadOnly {
            _ = attempt("recording the lesson") { try $0.recordOpened(hash: loaded.contentHash, path: loaded.path, at: Date()) }
        }
        guard let record = attempt("reading the position", { try $0.lesson(hash: loaded.contentHash, path: loaded.path) }),
              let position = record?.position else { return nil }
        return SentenceLocation(section: position.section, paragraph: position.paragraph, sentence: position.sentence)
    }

    func save(_ loaded: LoadedLesson, state: ReaderState) {
        guard let store, !store.isReadOnly else { return }
        if let focus = state.focus {
            let position = ReadingPosition(section: focus.section, paragraph: focus.paragraph, sentence: focus.sentence)
            _ = attempt("saving the position") {
                try $0.savePosition(hash: loaded.contentHash, path: loaded.path, position: position, percentRead: state.percentRead)
            }
        }
        _ = attempt("saving settings") {
            try $0.setSetting("chinese", state.chineseOn ? "on" : "off")
            try $0.setSetting("translation", state.translationVisible ? "on" : "off")
            try $0.setSetting("sidebar", state.sidebarChoice.map { $0 ? "on" : "off" } ?? "auto")
        }
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
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
