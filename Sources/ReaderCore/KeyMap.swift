/// Everything a key can ask the reader to do. Each command has a name (for help and for
/// configuration) and a one-line description that the help overlay prints.
public enum Command: String, Sendable, CaseIterable, Hashable {
    case lineDown = "line-down", lineUp = "line-up"
    case pageDown = "page-down", pageUp = "page-up"
    case halfPageDown = "half-page-down", halfPageUp = "half-page-up"
    case top, bottom
    case nextSentence = "next-sentence", previousSentence = "previous-sentence"
    case nextOccurrence = "next-occurrence", previousOccurrence = "previous-occurrence"
    case switchFocus = "switch-focus"
    case termDown = "term-down", termUp = "term-up"
    case jumpToTerm = "jump-to-term"
    case nextTermOccurrence = "next-term-occurrence", previousTermOccurrence = "previous-term-occurrence"
    case searchForward = "search-forward", searchBackward = "search-backward"
    case nextMatch = "next-match", previousMatch = "previous-match"
    case toggleChinese = "toggle-chinese"
    case toggleTranslation = "toggle-translation"
    case toggleSidebar = "toggle-sidebar"
    case switchSidebarListing = "switch-sidebar-listing"
    case markKnown = "mark-known", markLearning = "mark-learning", markNew = "mark-new", markIgnored = "mark-ignored"
    case help
    case redraw
    case suspend
    case quit
    case cancel

    public var summary: String {
        switch self {
        case .lineDown: return "scroll down one line"
        case .lineUp: return "scroll up one line"
        case .pageDown: return "page down"
        case .pageUp: return "page up"
        case .halfPageDown: return "half a page down"
        case .halfPageUp: return "half a page up"
        case .top: return "go to the beginning"
        case .bottom: return "go to the end"
        case .nextSentence: return "focus the next sentence"
        case .previousSentence: return "focus the previous sentence"
        case .nextOccurrence: return "next vocabulary word in the text"
        case .previousOccurrence: return "previous vocabulary word in the text"
        case .switchFocus: return "switch between article and vocabulary"
        case .termDown: return "select the next term"
        case .termUp: return "select the previous term"
        case .jumpToTerm: return "jump to the term's first occurrence"
        case .nextTermOccurrence: return "the term's next occurrence"
        case .previousTermOccurrence: return "the term's previous occurrence"
        case .searchForward: return "search forward"
        case .searchBackward: return "search backward"
        case .nextMatch: return "next search match"
        case .previousMatch: return "previous search match"
        case .toggleChinese: return "Chinese on/off"
        case .toggleTranslation: return "translation pane on/off"
        case .toggleSidebar: return "vocabulary sidebar on/off"
        case .switchSidebarListing: return "vocabulary: terms on screen, or all terms"
        case .markKnown: return "mark the selected term known"
        case .markLearning: return "mark the selected term learning"
        case .markNew: return "mark the selected term new"
        case .markIgnored: return "mark the selected term ignored"
        case .help: return "this help"
        case .redraw: return "redraw the screen"
        case .suspend: return "suspend (fg to come back)"
        case .quit: return "close the overlay, or quit"
        case .cancel: return "close the overlay or prompt"
        }
    }
}

/// Where a binding applies: the article has focus, the vocabulary sidebar has focus, or anywhere.
public enum KeyContext: String, Sendable, Hashable, CaseIterable {
    case global, article, sidebar
}

public struct KeyBinding: Sendable, Hashable {
    public var keys: [Key]
    public var command: Command
    public var context: KeyContext

    public init(_ keys: [Key], _ command: Command, in context: KeyContext = .global) {
        self.keys = keys
        self.command = command
        self.context = context
    }
}

/// The key map as data: one table that the reader consults, the help overlay prints and tests read.
public struct KeyMap: Sendable {
    public var bindings: [KeyBinding]

    public init(bindings: [KeyBinding]) { self.bindings = bindings }

    /// The command for a key in a context: a binding of that context wins over a global one.
    public func command(for key: Key, in context: KeyContext) -> Command? {
        if context != .global,
           let specific = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) {
            return specific.command
        }
        return bindings.first(where: { $0.context == .global && $0.keys.contains(key) })?.command
    }

    private static func c(_ text: String) -> [Key] { text.map { Key.character($0) } }

    /// less and vim habits.
    public static let standard = KeyMap(bindings: [
        KeyBinding(c("j") + [.down], .lineDown, in: .article),
        KeyBinding(c("k") + [.up], .lineUp, in: .article),
        KeyBinding(c(" f") + [.pageDown], .pageDown),
        KeyBinding(c("b") + [.pageUp], .pageUp),
        KeyBinding(c("d"), .halfPageDown),
        KeyBinding(c("u"), .halfPageUp),
        KeyBinding(c("g") + [.home], .top),
        KeyBinding(c("G") + [.end], .bottom),
        KeyBinding(c(")"), .nextSentence),
        KeyBinding(c("("), .previousSentence),
        KeyBinding(c("]"), .nextOccurrence),
        KeyBinding(c("["), .previousOccurrence),
        KeyBinding([.tab, .backTab], .switchFocus),
        KeyBinding(c("j") + [.down], .termDown, in: .sidebar),
        KeyBinding(c("k") + [.up], .termUp, in: .sidebar),
        KeyBinding([.enter], .jumpToTerm, in: .sidebar),
        KeyBinding(c("n"), .nextTermOccurrence, in: .sidebar),
        KeyBinding(c("N"), .previousTermOccurrence, in: .sidebar),
        KeyBinding(c("/"), .searchForward),
        KeyBinding(c("?"), .searchBackward),
        KeyBinding(c("n"), .nextMatch, in: .article),
        KeyBinding(c("N"), .previousMatch, in: .article),
        KeyBinding(c("c"), .toggleChinese),
        KeyBinding(c("t"), .toggleTranslation),
        KeyBinding(c("v"), .toggleSidebar),
        KeyBinding(c("V"), .switchSidebarListing),
        KeyBinding(c("K"), .markKnown),
        KeyBinding(c("L"), .markLearning),
        KeyBinding(c("U"), .markNew),
        KeyBinding(c("I"), .markIgnored),
        KeyBinding(c("h") + [.function(1)], .help),
        KeyBinding([.control("l")], .redraw),
        KeyBinding([.control("z")], .suspend),
        KeyBinding(c("q") + [.control("c")], .quit),
        KeyBinding([.escape], .cancel),
    ])

    /// Lines for the help overlay, grouped by context, straight from the table. (What the mouse
    /// does is in the overlay's bottom rule: `HelpView.mouseHint`.)
    public func helpLines() -> [(keys: String, summary: String)] {
        var lines: [(String, String)] = []
        for context in [KeyContext.global, .article, .sidebar] {
            let group = bindings.filter { $0.context == context }
            guard !group.isEmpty else { continue }
            switch context {
            case .global: lines.append(("", "Everywhere"))
            case .article: lines.append(("", "In the article"))
            case .sidebar: lines.append(("", "In the vocabulary sidebar (Tab)"))
            }
            for binding in group {
                let keys = binding.keys.map(KeyMap.helpName).joined(separator: " ")
                lines.append((keys, binding.command.summary))
            }
        }
        return lines
    }

    static func helpName(_ key: Key) -> String {
        switch key {
        case .character(" "): return "Space"
        case .character(let ch): return String(ch)
        case .control(let ch): return "Ctrl-\(ch)"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .escape: return "Esc"
        case .backspace: return "BS"
        case .delete: return "Del"
        case .insert: return "Ins"
        case .function(let n): return "F\(n)"
        case .resize: return "resize"
        case .mouse: return "mouse"
        case .unknown(let s): return s
        }
    }
}
