import CNcursesw
import ReaderCore

/// Maps a Style to curses attributes and a colour pair. Pairs are allocated on first use, one per
/// (foreground, background) combination, because a reader uses a handful out of the 289 possible.
struct ColorPalette {
    /// How many colours the terminal shows once NO_COLOR and `has_colors` have had their say.
    enum Depth: Sendable {
        /// Attributes only; every style still shows through bold, underline and reverse.
        case none
        /// Bright colours are shown as their plain counterparts.
        case eight
        case sixteen
    }

    let depth: Depth
    /// Whether the terminal's own foreground and background can be used (`use_default_colors`);
    /// without it the default is white on black.
    let terminalDefaults: Bool

    private var pairs: [PairKey: Int16] = [:]
    private var nextPair: Int16 = 1
    private var exhausted = false

    private struct PairKey: Hashable {
        var foreground: Int16
        var background: Int16
    }

    init(depth: Depth, terminalDefaults: Bool) {
        self.depth = depth
        self.terminalDefaults = terminalDefaults
    }

    static func attributes(for style: Style) -> attr_t {
        var attributes = gloss_a_normal()
        if style.bold { attributes |= gloss_a_bold() }
        if style.underline { attributes |= gloss_a_underline() }
        if style.reverse { attributes |= gloss_a_reverse() }
        if style.dim { attributes |= gloss_a_dim() }
        if style.italic { attributes |= gloss_a_italic() }
        return attributes
    }

    /// The pair for a style's colours; 0 (the terminal default) when colours are off, the style
    /// has none, or the terminal has run out of pairs.
    mutating func pair(for style: Style) -> Int16 {
        guard depth != .none, style.foreground != nil || style.background != nil else { return 0 }
        let key = PairKey(foreground: number(style.foreground, fallback: Int16(COLOR_WHITE)),
                          background: number(style.background, fallback: Int16(COLOR_BLACK)))
        if let pair = pairs[key] { return pair }
        guard !exhausted else { return 0 }
        guard init_pair(nextPair, key.foreground, key.background) == gloss_ok() else {
            exhausted = true
            return 0
        }
        pairs[key] = nextPair
        defer { nextPair += 1 }
        return nextPair
    }

    private func number(_ color: Color?, fallback: Int16) -> Int16 {
        guard let color else { return terminalDefaults ? -1 : fallback }
        switch depth {
        case .sixteen: return Int16(color.rawValue)
        case .eight, .none: return Int16(color.rawValue & 7)
        }
    }
}
