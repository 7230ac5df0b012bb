/// A key sequence written the way vim writes it: plain characters stand for themselves and
/// anything else is a name in angle brackets (`<Tab>`, `<C-c>`, `<PgDn>`, `<lt>` for `<`).
/// Key maps, the help screen and scripted tests all use this one notation, so a key shown in
/// help can be pasted into a test or a config file unchanged.
public enum KeyNotation {
    /// Reads a whole sequence such as `gg<C-d>/word<Enter>`. Names are case-insensitive.
    public static func parse(_ text: String) throws(KeyNotationError) -> [Key] {
        let characters = Array(text)
        var keys: [Key] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            guard character == "<" else {
                keys.append(literal(character))
                index += 1
                continue
            }
            guard let close = closingBracket(in: characters, after: index) else {
                throw KeyNotationError(
                    message: "a lone '<' does not start a key name; write <lt> for a literal '<'",
                    offset: index)
            }
            let name = String(characters[(index + 1)..<close])
            guard let key = named(name) else {
                throw KeyNotationError(message: "unknown key name <\(name)>", offset: index)
            }
            keys.append(key)
            index = close + 1
        }
        return keys
    }

    /// Writes one key so that `parse` reads it back as the same key.
    public static func describe(_ key: Key) -> String {
        switch key {
        case .character(let c):
            if c == "<" { return "<lt>" }
            if c == " " { return "<Space>" }
            if let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1, isControl(scalar) {
                return "<U+\(hex(scalar.value))>"
            }
            return String(c)
        case .control(let c): return "<C-\(c)>"
        case .up: return "<Up>"
        case .down: return "<Down>"
        case .left: return "<Left>"
        case .right: return "<Right>"
        case .pageUp: return "<PgUp>"
        case .pageDown: return "<PgDn>"
        case .home: return "<Home>"
        case .end: return "<End>"
        case .enter: return "<Enter>"
        case .tab: return "<Tab>"
        case .backTab: return "<S-Tab>"
        case .escape: return "<Esc>"
        case .backspace: return "<BS>"
        case .delete: return "<Del>"
        case .insert: return "<Insert>"
        case .function(let n): return "<F\(n)>"
        case .resize: return "<Resize>"
        case .mouse(let event):
            switch event.kind {
            case .press: return "<Mouse:press:\(event.x):\(event.y)>"
            case .wheelUp: return "<WheelUp:\(event.x):\(event.y)>"
            case .wheelDown: return "<WheelDown:\(event.x):\(event.y)>"
            }
        case .unknown(let text):
            // Brackets and spaces would end the name early, so they are dropped or replaced.
            let inner = text.filter { $0 != "<" && $0 != ">" }
                .map { $0.isWhitespace ? "_" : String($0) }.joined()
            return "<Unknown:\(inner)>"
        }
    }

    /// Writes a sequence of keys, the inverse of `parse`.
    public static func describe(_ keys: [Key]) -> String {
        keys.map(describe).joined()
    }

    // MARK: - Reading

    /// Characters typed literally. Control characters in the text (a pasted tab, say) mean the
    /// key that sends them, so a script may contain either form.
    private static func literal(_ character: Character) -> Key {
        switch character {
        case "\t": return .tab
        case "\n", "\r", "\r\n": return .enter
        case "\u{1B}": return .escape
        case "\u{7F}", "\u{08}": return .backspace
        default:
            if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
               (1...26).contains(scalar.value) {
                return .control(Character(Unicode.Scalar(scalar.value + 96)!))
            }
            return .character(character)
        }
    }

    /// The position of the `>` that closes a name starting at `open`, if the text there looks like
    /// a name at all: no spaces and no second `<` before the `>`. Anything else is a lone `<`.
    private static func closingBracket(in characters: [Character], after open: Int) -> Int? {
        var index = open + 1
        while index < characters.count {
            let c = characters[index]
            if c == ">" { return index > open + 1 ? index : nil }
            if c == "<" || c.isWhitespace { return nil }
            index += 1
        }
        return nil
    }

    private static let simpleNames: [String: Key] = [
        "tab": .tab, "s-tab": .backTab, "backtab": .backTab,
        "enter": .enter, "cr": .enter, "return": .enter,
        "esc": .escape, "escape": .escape,
        "space": .character(" "), "lt": .character("<"), "gt": .character(">"),
        "bs": .backspace, "backspace": .backspace,
        "del": .delete, "delete": .delete, "insert": .insert, "ins": .insert,
        "up": .up, "down": .down, "left": .left, "right": .right,
        "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
        "home": .home, "end": .end, "resize": .resize,
    ]

    private static func named(_ name: String) -> Key? {
        let lower = name.lowercased()
        if let key = simpleNames[lower] { return key }
        if lower.hasPrefix("c-"), lower.count == 3, let letter = lower.last,
           letter.isASCII, letter.isLetter {
            return .control(letter)
        }
        // F13 and above are what curses reports for shifted function keys.
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...63).contains(n),
           !lower.dropFirst().hasPrefix("0"), !lower.dropFirst().hasPrefix("+") {
            return .function(n)
        }
        if lower.hasPrefix("u+"), let value = UInt32(lower.dropFirst(2), radix: 16),
           lower.count > 2, let scalar = Unicode.Scalar(value) {
            return .character(Character(scalar))
        }
        if lower.hasPrefix("unknown:") {
            return .unknown(String(name.dropFirst("unknown:".count)))
        }
        return mouse(lower)
    }

    private static func mouse(_ lower: String) -> Key? {
        let parts = lower.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let kind: MouseEvent.Kind
        let coordinates: ArraySlice<String>
        switch parts.first {
        case "mouse" where parts.count == 4 && parts[1] == "press":
            kind = .press
            coordinates = parts[2...]
        case "wheelup" where parts.count == 3:
            kind = .wheelUp
            coordinates = parts[1...]
        case "wheeldown" where parts.count == 3:
            kind = .wheelDown
            coordinates = parts[1...]
        default:
            return nil
        }
        let numbers = coordinates.compactMap { part -> Int? in
            guard !part.isEmpty, part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(part)
        }
        guard numbers.count == 2 else { return nil }
        return .mouse(MouseEvent(kind: kind, x: numbers[0], y: numbers[1]))
    }

    // MARK: - Writing

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// Why a key sequence could not be read, and where (a character offset into the text).
public struct KeyNotationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "\(message) at \(offset)" }
}
