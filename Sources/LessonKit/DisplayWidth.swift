/// Terminal columns of text, in agreement with the C library's `wcwidth` under a UTF-8 locale,
/// because that is what ncurses uses to place characters: if layout and terminal disagreed by one
/// column, every line after a wide character would be drawn shifted.
///
/// Scalars: exactly `wcwidth` (from the generated `DisplayWidthTable`), except that what `wcwidth`
/// calls unprintable (-1: C0/C1 controls, DEL, unassigned code points) counts 0; the sanitizer
/// turns the controls into visible symbols before anything is measured.
///
/// Grapheme clusters: ncurses keeps a cluster in one cell as a spacing base plus non-spacing
/// marks, so a cluster is as wide as its base (its first scalar that has a width; prepended
/// zero-width scalars take no cell), and the marks after the base add nothing.
/// Two kinds of cluster are the exception, because terminals draw them as one double-width glyph
/// and `wcwidth` cannot see that: a regional-indicator pair (a flag; each indicator alone is 1)
/// and an emoji ZWJ sequence (`U+200D` joining emoji; e.g. ❤️‍🔥 starts with the narrow U+2764).
/// Both count 2. A narrow emoji made "emoji presentation" by U+FE0F (❤️) stays as `wcwidth` says, 1.
public enum DisplayWidth {
    /// The text cut to fit `width` columns and ended with "…" (always, even when it fits whole:
    /// for a line that stands for more text than is shown). Trailing spaces before the "…" go.
    public static func ellipsized(_ text: String, width: Int) -> String {
        var kept = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w + 1 > width { break }
            kept.append(character)
            used += w
        }
        while kept.last == " " { kept.removeLast() }
        return kept + "…"
    }

    /// The text as it is when it fits `width` columns, otherwise cut and ended with "…".
    public static func shortened(_ text: String, to width: Int) -> String {
        of(text) <= width ? text : ellipsized(text, width: width)
    }

    /// Columns a grapheme cluster takes in a terminal: 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        var scalars = character.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return 0 }
        let firstWidth = of(first)
        guard let second = scalars.next() else { return firstWidth }
        if firstWidth == 2 { return 2 }
        if isRegionalIndicator(first) && isRegionalIndicator(second) { return 2 }
        var width = firstWidth
        var joined = false
        var joinsWide = false
        var next: Unicode.Scalar? = second
        while let scalar = next {
            let scalarWidth = of(scalar)
            // A zero-width prepended scalar takes no cell; the first one with a width is the base.
            if width == 0 { width = scalarWidth }
            if scalar.value == 0x200D { joined = true }
            if scalarWidth == 2 { joinsWide = true }
            next = scalars.next()
        }
        return joined && joinsWide ? 2 : width
    }

    /// Columns of a single scalar as `wcwidth` reports them (non-printables count 0 here).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        // ASCII and the Latin blocks answer without a search.
        if v < 0x7F { return v < 0x20 ? 0 : 1 }
        if v < 0xA0 { return 0 }
        if v < DisplayWidthTable.latinEnd { return 1 }
        return tableWidth(v)
    }

    /// Columns of a whole string: the sum over its grapheme clusters.
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        // Callers in other modules reach this unspecialised; a concrete type keeps the loop fast.
        if let string = text as? String { return width(of: string[...]) }
        if let substring = text as? Substring { return width(of: substring) }
        return width(of: String(text)[...])
    }

    private static func width(of text: Substring) -> Int {
        // Pure printable ASCII needs no grapheme breaking: one column per byte.
        var ascii = 0
        for byte in text.utf8 {
            guard byte >= 0x20 && byte < 0x7F else {
                var total = 0
                for character in text { total += of(character) }
                return total
            }
            ascii += 1
        }
        return ascii
    }

    private static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }

    private static func tableWidth(_ v: UInt32) -> Int {
        let runs = DisplayWidthTable.runs
        // Last run whose start is <= v; runs[0] starts at 0, so one always exists.
        var low = 0
        var high = runs.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if runs[mid] >> 2 <= v { low = mid } else { high = mid }
        }
        return Int(runs[low] & 3)
    }
}
