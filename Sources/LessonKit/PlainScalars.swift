/// Text in which every Unicode scalar is a grapheme cluster of its own, told without Unicode's
/// segmentation rules: the Characters of such text are its scalars. Walking a String by
/// Character runs those rules between every pair of scalars; the reader's line breaking and
/// drawing, which look at every character on the screen, take this way instead for the text
/// lessons are made of (issue 5), and the Character way for anything else.
public enum PlainScalars {
    /// Whether `value` is a scalar that never joins a neighbour into one cluster, whatever that
    /// neighbour is: printable ASCII and Latin letters, the punctuation of English text (dashes,
    /// quotation marks, the ellipsis), CJK punctuation, the common Han ideographs and the
    /// full-width forms. Controls, the soft hyphen, combining marks, joiners, Hangul, emoji
    /// and every other script are left to the rules. (Unicode's rules keep two scalars together
    /// only when one of them is a control, an extender, a joiner, a prepended mark, Hangul, a
    /// regional indicator or an Indic consonant: none of these ranges holds any.)
    @inlinable @inline(__always)
    public static func isPlain(_ value: UInt32) -> Bool {
        if value < 0x7F { return value >= 0x20 }
        if value < 0xA0 { return false }
        if value < 0x300 { return value != 0xAD }
        switch value {
        case 0x2010...0x2027, 0x3000...0x3029, 0x4E00...0x9FFF, 0xFF01...0xFF60: return true
        default: return false
        }
    }

    /// Whether every scalar of `text` is plain (see `isPlain`), so that each is a cluster.
    /// Inlinable, to be specialised for the caller's String or Substring.
    @inlinable
    public static func only<S: StringProtocol>(_ text: S) -> Bool {
        // Printable ASCII, most of what a lesson holds, is told from its bytes: decoding the
        // scalars took 0.8 million instructions of the seed's first screen.
        let ascii = text.utf8.withContiguousStorageIfAvailable { bytes in bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }
        if ascii == true { return true }
        return text.unicodeScalars.allSatisfy { isPlain($0.value) }
    }
}
