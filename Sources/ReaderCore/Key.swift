/// A key or mouse event in the reader's own vocabulary. The curses layer decodes terminal
/// input into these; `KeyNotation` reads and writes them as text (`j`, `<Tab>`, `<C-c>`).
public enum Key: Sendable, Hashable {
    case character(Character)
    case control(Character)       // ctrl plus a lower-case letter: <C-c>
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, tab, backTab, escape, backspace, delete, insert
    case function(Int)            // F1...F12
    case resize
    case mouse(MouseEvent)
    /// Input that means nothing to the reader (an unknown escape sequence, say); shown as a hint.
    case unknown(String)
}

public struct MouseEvent: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case press, wheelUp, wheelDown }
    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}
