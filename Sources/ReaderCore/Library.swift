import LessonKit

/// One lesson as the library lists it.
public struct LibraryEntry: Sendable, Equatable {
    public var path: String
    public var fileName: String
    public var title: String
    public var wordCount: Int
    public var vocabularyCount: Int
    /// Normalised keys of the lesson's terms, to count the known ones.
    public var termKeys: [String]
    public var percentRead: Int
    public var lastOpened: Double?
    /// The first error, as `LINE:COLUMN: message`; such a lesson is listed but opens to its errors.
    public var firstError: String?
    public var diagnostics: [Diagnostic]

    public init(path: String, fileName: String, title: String, wordCount: Int, vocabularyCount: Int,
                termKeys: [String], percentRead: Int = 0, lastOpened: Double? = nil,
                firstError: String? = nil, diagnostics: [Diagnostic] = []) {
        self.path = path
        self.fileName = fileName
        self.title = title
        self.wordCount = wordCount
        self.vocabularyCount = vocabularyCount
        self.termKeys = termKeys
        self.percentRead = percentRead
        self.lastOpened = lastOpened
        self.firstError = firstError
        self.diagnostics = diagnostics
    }

    /// An entry for a lesson read from `path`, or for the error that stopped it being read.
    public static func make(path: String, fileName: String, result: Result<Lesson, LessonError>) -> LibraryEntry {
        switch result {
        case .success(let lesson):
            var words = 0
            for section in lesson.sections {
                for paragraph in section.paragraphs {
                    words += paragraph.text.split(whereSeparator: { $0 == " " }).count
                }
            }
            let error = lesson.diagnostics.first { $0.severity == .error }
            return LibraryEntry(path: path, fileName: fileName, title: lesson.title.isEmpty ? fileName : lesson.title,
                                wordCount: words, vocabularyCount: lesson.vocabulary.count,
                                termKeys: lesson.vocabulary.map { VocabularyMatcher.normalise($0.term) },
                                firstError: error.map { "\($0.line):\($0.column): \($0.message)" },
                                diagnostics: lesson.diagnostics)
        case .failure(let error):
            let diagnostic = Diagnostic(line: error.line, column: error.column, severity: .error, message: error.message)
            return LibraryEntry(path: path, fileName: fileName, title: fileName, wordCount: 0, vocabularyCount: 0,
                                termKeys: [], firstError: "\(error.line):\(error.column): \(error.message)",
                                diagnostics: [diagnostic])
        }
    }
}

public enum LibraryEffect: Sendable, Equatable {
    case open(path: String)
    case quit
}

/// The library screen: lessons sorted by when they were last opened, then by title; `/` filters.
public struct LibraryState: Sendable {
    public private(set) var entries: [LibraryEntry]
    public let folder: String
    public var termStatuses: [String: TermStatus] = [:]
    public private(set) var columns: Int
    public private(set) var rows: Int
    public private(set) var selected = 0
    public private(set) var top = 0
    public private(set) var filter = ""
    public private(set) var filtering = false
    /// Shown when a lesson with errors was opened: its diagnostics until a key is pressed.
    public private(set) var errorsShown: LibraryEntry?
    public var message: String?
    public var notice: String?

    public init(folder: String, entries: [LibraryEntry], columns: Int, rows: Int) {
        self.folder = folder
        self.columns = columns
        self.rows = rows
        self.entries = entries
        sortEntries()
    }

    /// Most recently opened first; never-opened lessons after, by title.
    mutating func sortEntries() {
        entries.sort { a, b in
            switch (a.lastOpened, b.lastOpened) {
            case let (x?, y?) where x != y: return x > y
            case (_?, nil): return true
            case (nil, _?): return false
            default:
                let x = a.title.lowercased(), y = b.title.lowercased()
                return x == y ? a.fileName < b.fileName : x < y
            }
        }
    }

    public var visible: [LibraryEntry] {
        guard !filter.isEmpty else { return entries }
        let needle = filter.lowercased()
        return entries.filter { $0.title.lowercased().contains(needle) || $0.fileName.lowercased().contains(needle) }
    }

    public var selectedEntry: LibraryEntry? {
        let list = visible
        return list.indices.contains(selected) ? list[selected] : nil
    }

    public func knownCount(_ entry: LibraryEntry) -> Int {
        entry.termKeys.filter { termStatuses[$0] == .known }.count
    }

    /// Updates an entry after reading it (new position, last opened) and keeps the order.
    public mutating func replace(_ entry: LibraryEntry) {
        if let i = entries.firstIndex(where: { $0.path == entry.path }) { entries[i] = entry } else { entries.append(entry) }
        let path = selectedEntry?.path
        sortEntries()
        if let path, let i = visible.firstIndex(where: { $0.path == path }) { selected = i }
    }

    var listHeight: Int { max(1, rows - 4) }

    public mutating func update(_ key: Key) -> LibraryEffect? {
        message = nil
        if errorsShown != nil {
            errorsShown = nil
            return nil
        }
        if filtering {
            switch key {
            case .escape, .control("c"):
                filtering = false
                filter = ""
            case .enter:
                filtering = false
            case .backspace, .delete:
                if filter.isEmpty { filtering = false } else { filter.removeLast() }
            case .character(let ch):
                filter.append(ch)
            case .resize:
                break
            default:
                break
            }
            selected = 0
            top = 0
            return nil
        }
        let count = visible.count
        switch key {
        case .character("j"), .down: selected = min(max(0, count - 1), selected + 1)
        case .character("k"), .up: selected = max(0, selected - 1)
        case .character(" "), .character("f"), .pageDown: selected = min(max(0, count - 1), selected + listHeight)
        case .character("b"), .pageUp: selected = max(0, selected - listHeight)
        case .character("g"), .home: selected = 0
        case .character("G"), .end: selected = max(0, count - 1)
        case .character("/"):
            filtering = true
            filter = ""
        case .escape:
            if !filter.isEmpty { filter = ""; selected = 0 }
        case .enter, .character("l"), .right:
            guard let entry = selectedEntry else { return nil }
            if entry.firstError != nil {
                errorsShown = entry
                return nil
            }
            return .open(path: entry.path)
        case .character("q"), .control("c"):
            return .quit
        case .mouse(let event):
            if event.kind == .wheelDown { selected = min(max(0, count - 1), selected + 3) }
            if event.kind == .wheelUp { selected = max(0, selected - 3) }
            if event.kind == .press {
                let row = event.y - 2 + top
                if event.y >= 2, visible.indices.contains(row) {
                    if row == selected, let entry = selectedEntry, entry.firstError == nil { return .open(path: entry.path) }
                    selected = row
                }
            }
        case .resize:
            break
        default:
            message = "\(KeyNotation.describe(key)) does nothing here: Enter opens, / filters, q quits"
        }
        keepSelectionVisible()
        return nil
    }

    public mutating func resize(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
        keepSelectionVisible()
    }

    mutating func keepSelectionVisible() {
        if selected < top { top = selected }
        if selected >= top + listHeight { top = selected - listHeight + 1 }
        top = max(0, min(top, max(0, visible.count - listHeight)))
    }
}
