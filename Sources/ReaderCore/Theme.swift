/// The reader's styles by meaning. Every highlight carries an attribute as well as a colour so
/// that it stays visible without colour (NO_COLOR, monochrome terminals).
public struct Theme: Sendable {
    public var text = Style()
    public var title = Style(foreground: .brightWhite, bold: true)
    public var heading = Style(foreground: .brightCyan, bold: true)
    public var vocabulary = Style(foreground: .yellow, underline: true)
    public var vocabularyLearning = Style(foreground: .brightMagenta, underline: true)
    public var vocabularyKnown = Style(foreground: .green)
    public var vocabularySelected = Style(foreground: .black, background: .yellow, bold: true, underline: true)
    public var searchMatch = Style(foreground: .black, background: .brightGreen, reverse: false)
    public var focusedSentence = Style(background: .brightBlack)
    public var chinese = Style(foreground: .brightBlue)
    public var dim = Style(foreground: .brightBlack, dim: true)
    public var border = Style(foreground: .brightBlack)
    public var paneTitle = Style(foreground: .brightWhite, bold: true)
    public var paneTitleFocused = Style(foreground: .black, background: .cyan, bold: true)
    public var statusBar = Style(foreground: .black, background: .white, reverse: false)
    public var statusHint = Style(foreground: .blue, background: .white, bold: true)
    public var message = Style(foreground: .black, background: .yellow, bold: true)
    public var sidebarSelected = Style(foreground: .black, background: .cyan, bold: true)
    public var sidebarTerm = Style(foreground: .yellow, bold: true)
    public var overlay = Style(foreground: .white, background: .blue)
    public var overlayKey = Style(foreground: .brightYellow, background: .blue, bold: true)

    public init() {}

    /// The same theme for a terminal without colour: colours dropped, attributes made to carry
    /// every distinction the colours carried.
    public static let monochrome: Theme = {
        var t = Theme()
        t.text = Style()
        t.title = Style(bold: true)
        t.heading = Style(bold: true, underline: true)
        t.vocabulary = Style(underline: true)
        t.vocabularyLearning = Style(underline: true, italic: true)
        t.vocabularyKnown = Style(dim: true)
        t.vocabularySelected = Style(bold: true, underline: true, reverse: true)
        t.searchMatch = Style(reverse: true)
        t.focusedSentence = Style(bold: true)
        t.chinese = Style()
        t.dim = Style(dim: true)
        t.border = Style()
        t.paneTitle = Style(bold: true)
        t.paneTitleFocused = Style(bold: true, reverse: true)
        t.statusBar = Style(reverse: true)
        t.statusHint = Style(bold: true, reverse: true)
        t.message = Style(bold: true, reverse: true)
        t.sidebarSelected = Style(bold: true, reverse: true)
        t.sidebarTerm = Style(bold: true)
        t.overlay = Style(reverse: true)
        t.overlayKey = Style(bold: true, reverse: true)
        return t
    }()

    /// Colours removed; attributes kept as they are.
    public func withoutColour() -> Theme { Theme.monochrome }
}
