import Testing
@testable import ReaderCore

@Suite struct KeyMapTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var keys: String
        var command: Command
        var testDescription: String { "\(keys) → \(command.rawValue)" }
    }

    private let map = KeyMap.standard

    private func keys(_ notation: String) throws -> [Key] { try KeyNotation.parse(notation) }

    /// Every key the issue lists, in the article.
    static let articleKeys: [Case] = [
        Case(keys: "j<Down>", command: .lineDown), Case(keys: "k<Up>", command: .lineUp),
        Case(keys: "<Space>f<PgDn>", command: .pageDown), Case(keys: "b<PgUp>", command: .pageUp),
        Case(keys: "d", command: .halfPageDown), Case(keys: "u", command: .halfPageUp),
        Case(keys: "g<Home>", command: .top), Case(keys: "G<End>", command: .bottom),
        Case(keys: ")", command: .nextSentence), Case(keys: "(", command: .previousSentence),
        Case(keys: "]", command: .nextOccurrence), Case(keys: "[", command: .previousOccurrence),
        Case(keys: "<Tab>", command: .switchFocus),
        Case(keys: "/", command: .searchForward), Case(keys: "?", command: .searchBackward),
        Case(keys: "n", command: .nextMatch), Case(keys: "N", command: .previousMatch),
        Case(keys: "c", command: .toggleChinese), Case(keys: "t", command: .toggleTranslation),
        Case(keys: "v", command: .toggleSidebar),
        Case(keys: "h<F1>", command: .help), Case(keys: "q", command: .quit), Case(keys: "<Esc>", command: .cancel),
        Case(keys: "K", command: .markKnown), Case(keys: "L", command: .markLearning),
        Case(keys: "U", command: .markNew), Case(keys: "I", command: .markIgnored),
    ]

    /// In the sidebar its own keys win, and the global ones still work.
    static let sidebarKeys: [Case] = [
        Case(keys: "j<Down>", command: .termDown), Case(keys: "k<Up>", command: .termUp),
        Case(keys: "<Enter>", command: .jumpToTerm),
        Case(keys: "n", command: .nextTermOccurrence), Case(keys: "N", command: .previousTermOccurrence),
        Case(keys: "<Tab>", command: .switchFocus), Case(keys: "<Space>", command: .pageDown),
        Case(keys: "c", command: .toggleChinese), Case(keys: "t", command: .toggleTranslation),
        Case(keys: "v", command: .toggleSidebar), Case(keys: "q", command: .quit),
        Case(keys: "<Esc>", command: .cancel), Case(keys: "h<F1>", command: .help),
        Case(keys: "/", command: .searchForward), Case(keys: "]", command: .nextOccurrence),
    ]

    @Test(arguments: articleKeys)
    func articleKeyRunsItsCommand(_ item: Case) throws {
        for key in try keys(item.keys) {
            #expect(map.command(for: key, in: .article) == item.command, "\(KeyNotation.describe(key))")
        }
    }

    @Test(arguments: sidebarKeys)
    func sidebarKeyRunsItsCommand(_ item: Case) throws {
        for key in try keys(item.keys) {
            #expect(map.command(for: key, in: .sidebar) == item.command, "\(KeyNotation.describe(key))")
        }
    }

    @Test func sidebarBindingsOverrideTheArticleOnes() throws {
        for notation in ["j", "k", "n", "N", "<Down>", "<Up>"] {
            let key = try keys(notation)[0]
            let inArticle = map.command(for: key, in: .article)
            let inSidebar = map.command(for: key, in: .sidebar)
            #expect(inArticle != nil && inSidebar != nil && inArticle != inSidebar, "\(notation)")
        }
    }

    @Test func aContextBindingWinsOverAGlobalOneForTheSameKey() {
        let map = KeyMap(bindings: [
            KeyBinding([.character("x")], .quit),
            KeyBinding([.character("x")], .help, in: .sidebar),
        ])
        #expect(map.command(for: .character("x"), in: .sidebar) == .help)
        #expect(map.command(for: .character("x"), in: .article) == .quit)
        #expect(map.command(for: .character("x"), in: .global) == .quit)
    }

    @Test func unknownKeysHaveNoCommand() throws {
        for notation in ["x", "z", "1", "<Left>", "<Right>", "<F2>", "<C-a>", "<Insert>", "<Unknown:foo>"] {
            let key = try keys(notation)[0]
            #expect(map.command(for: key, in: .article) == nil, "\(notation)")
            #expect(map.command(for: key, in: .sidebar) == nil, "\(notation)")
        }
        #expect(map.command(for: .enter, in: .article) == nil)
    }

    @Test func noKeyIsBoundTwiceInOneContext() {
        for context in KeyContext.allCases {
            var seen: Set<Key> = []
            for binding in map.bindings where binding.context == context {
                for key in binding.keys {
                    #expect(!seen.contains(key), "\(KeyNotation.describe(key)) twice in \(context)")
                    seen.insert(key)
                }
            }
        }
    }

    @Test func everyCommandHasAKey() {
        let bound = Set(map.bindings.map(\.command))
        for command in Command.allCases {
            #expect(bound.contains(command), "\(command.rawValue) has no key")
        }
    }

    @Test func helpLinesComeFromTheTable() {
        let lines = map.helpLines()
        for binding in map.bindings {
            let names = binding.keys.map(KeyMap.helpName).joined(separator: " ")
            #expect(lines.contains { $0.keys == names && $0.summary == binding.command.summary },
                    "\(binding.command.rawValue) is missing from help")
        }
        // Nothing in help that the table does not have, but for headings and the mouse note.
        let bound = lines.filter { !$0.keys.isEmpty }
        #expect(bound.count == map.bindings.count)
    }

    @Test func helpFollowsAChangedTable() {
        let map = KeyMap(bindings: [KeyBinding([.character("z")], .bottom)])
        let lines = map.helpLines()
        #expect(lines.contains { $0.keys == "z" && $0.summary == Command.bottom.summary })
        #expect(!lines.contains { $0.summary == Command.top.summary })
    }

    @Test func helpNamesAreReadable() {
        #expect(KeyMap.helpName(.character(" ")) == "Space")
        #expect(KeyMap.helpName(.pageDown) == "PgDn")
        #expect(KeyMap.helpName(.function(1)) == "F1")
        #expect(KeyMap.helpName(.control("c")) == "Ctrl-c")
    }
}
