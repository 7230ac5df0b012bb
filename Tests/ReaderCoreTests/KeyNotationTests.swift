import Testing
@testable import ReaderCore

@Suite struct KeyNotationTests {
    @Test func plainCharactersStandForThemselves() throws {
        #expect(try KeyNotation.parse("jG)") == [.character("j"), .character("G"), .character(")")])
    }

    @Test func wideAndAccentedCharactersAreOneKeyEach() throws {
        #expect(try KeyNotation.parse("中é") == [.character("中"), .character("é")])
    }

    @Test(arguments: [
        ("<Tab>", Key.tab), ("<S-Tab>", .backTab), ("<Enter>", .enter), ("<CR>", .enter),
        ("<Esc>", .escape), ("<Space>", .character(" ")), ("<BS>", .backspace), ("<Del>", .delete),
        ("<Up>", .up), ("<Down>", .down), ("<Left>", .left), ("<Right>", .right),
        ("<PgUp>", .pageUp), ("<PgDn>", .pageDown), ("<Home>", .home), ("<End>", .end),
        ("<F1>", .function(1)), ("<F12>", .function(12)), ("<Resize>", .resize), ("<lt>", .character("<")),
        ("<Insert>", .insert),
    ])
    func namedKeysParse(text: String, key: Key) throws {
        #expect(try KeyNotation.parse(text) == [key])
    }

    @Test func namesIgnoreCase() throws {
        #expect(try KeyNotation.parse("<tab><ESC><pgdn><s-tab>") == [.tab, .escape, .pageDown, .backTab])
    }

    @Test func controlLettersAreLowerCased() throws {
        #expect(try KeyNotation.parse("<C-c><C-D>") == [.control("c"), .control("d")])
    }

    @Test func aLiteralSpaceIsTheSpaceKey() throws {
        #expect(try KeyNotation.parse("a b") == [.character("a"), .character(" "), .character("b")])
    }

    @Test func literalControlCharactersMeanTheirKeys() throws {
        #expect(try KeyNotation.parse("\t\n\u{1B}\u{03}") == [.tab, .enter, .escape, .control("c")])
    }

    @Test func mouseEventsCarryTheirCell() throws {
        #expect(try KeyNotation.parse("<Mouse:press:3:14><WheelUp:0:1><WheelDown:79:23>") == [
            .mouse(MouseEvent(kind: .press, x: 3, y: 14)),
            .mouse(MouseEvent(kind: .wheelUp, x: 0, y: 1)),
            .mouse(MouseEvent(kind: .wheelDown, x: 79, y: 23)),
        ])
    }

    @Test func aSequenceMixesNamesAndText() throws {
        #expect(try KeyNotation.parse("gg<C-d>/word<Enter>") == [
            .character("g"), .character("g"), .control("d"), .character("/"),
            .character("w"), .character("o"), .character("r"), .character("d"), .enter,
        ])
    }

    @Test func anUnknownNameIsReportedWithItsOffset() {
        #expect(throws: KeyNotationError(message: "unknown key name <Foo>", offset: 3)) {
            try KeyNotation.parse("jk <Foo>")
        }
        do {
            _ = try KeyNotation.parse("jk <Foo>")
        } catch {
            #expect(error.description == "unknown key name <Foo> at 3")
        }
    }

    @Test(arguments: ["<", "a<", "< b", "<<lt>", "<>", "<Tab"])
    func aLoneAngleBracketSuggestsLt(text: String) throws {
        let error = try #require(throws: KeyNotationError.self) { try KeyNotation.parse(text) }
        #expect(error.message.contains("<lt>"))
        #expect(error.offset == Array(text).firstIndex(of: "<"))
    }

    @Test(arguments: ["<F0>", "<F64>", "<F01>", "<C-1>", "<C-ab>", "<Mouse:press:x:1>", "<Mouse:drag:1:1>",
                      "<WheelUp:1>", "<Mouse:press:-1:2>"])
    func malformedNamesAreUnknown(text: String) {
        #expect(throws: KeyNotationError(message: "unknown key name \(text)", offset: 0)) {
            try KeyNotation.parse(text)
        }
    }

    @Test(arguments: [
        Key.character("j"), .character("<"), .character(" "), .character(">"), .character("中"),
        .character("\u{7}"), .control("c"), .up, .down, .left, .right, .pageUp, .pageDown, .home, .end,
        .enter, .tab, .backTab, .escape, .backspace, .delete, .insert, .function(1), .function(12),
        .function(24), .resize, .mouse(MouseEvent(kind: .press, x: 4, y: 2)),
        .mouse(MouseEvent(kind: .wheelUp, x: 0, y: 0)), .mouse(MouseEvent(kind: .wheelDown, x: 10, y: 3)),
        .unknown("KEY_SF"),
    ])
    func describeReadsBackAsTheSameKey(key: Key) throws {
        #expect(try KeyNotation.parse(KeyNotation.describe(key)) == [key])
    }

    @Test func describeUsesTheUsualNames() {
        #expect(KeyNotation.describe(.character("<")) == "<lt>")
        #expect(KeyNotation.describe(.character(" ")) == "<Space>")
        #expect(KeyNotation.describe(.control("c")) == "<C-c>")
        #expect(KeyNotation.describe(.backTab) == "<S-Tab>")
        #expect(KeyNotation.describe(.pageDown) == "<PgDn>")
        #expect(KeyNotation.describe(.mouse(MouseEvent(kind: .wheelDown, x: 1, y: 2))) == "<WheelDown:1:2>")
        #expect(KeyNotation.describe([.character("g"), .enter]) == "g<Enter>")
    }

    @Test func anUnknownKeyDescriptionStaysOneName() throws {
        let text = KeyNotation.describe(.unknown("odd <key> here"))
        #expect(text == "<Unknown:odd_key_here>")
        #expect(try KeyNotation.parse(text) == [.unknown("odd_key_here")])
    }
}
