/// Lines that carry English followed directly by Chinese, with no separator between them.
public enum BilingualText {
    /// Scalars that start the Chinese part of a line: Han ideographs, CJK symbols and punctuation,
    /// full-width forms and bopomofo.
    public static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3000...0x303F,   // CJK symbols and punctuation
             0x3100...0x312F, 0x31A0...0x31BF,   // bopomofo
             0x3400...0x4DBF,   // extension A
             0x4E00...0x9FFF,   // unified ideographs
             0xF900...0xFAFF,   // compatibility ideographs
             0xFE30...0xFE4F,   // compatibility forms (vertical punctuation)
             0xFF00...0xFFEF,   // half-width and full-width forms
             0x20000...0x3FFFF: // supplementary ideographic planes
            return true
        default:
            return false
        }
    }

    public static func containsCJK<S: StringProtocol>(_ text: S) -> Bool {
        if let found = text.utf8.withContiguousStorageIfAvailable({ firstCJK(in: $0) }) { return found != nil }
        return text.unicodeScalars.contains(where: isCJK)
    }

    /// The offset of the first CJK scalar's lead byte in valid UTF-8 (a String's own bytes), or
    /// nil. Every CJK scalar is U+3000 or above, so only lead bytes from 0xE3 on are decoded:
    /// the lines of a vocabulary, walked as scalars, took a fifth of parsing it (issue 5).
    static func firstCJK(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        while i < bytes.count {
            if bytes[i] < 0xE3 { i += 1; continue }
            let (value, length) = ByteScan.scalar(at: i, in: bytes)
            if let scalar = Unicode.Scalar(value), isCJK(scalar) { return i }
            i += length
        }
        return nil
    }

    /// Splits at the first CJK scalar. The English part loses trailing spaces; the Chinese part
    /// keeps everything from the first CJK scalar on, English inside it included.
    public static func split(_ line: String) -> (english: String, chinese: String) {
        let scalars = line.unicodeScalars
        let found: String.Index?
        if let offset = line.utf8.withContiguousStorageIfAvailable({ firstCJK(in: $0) }) {
            found = offset.map { line.utf8.index(line.utf8.startIndex, offsetBy: $0) }
        } else {
            found = scalars.firstIndex(where: isCJK)
        }
        guard let index = found else {
            return (line.trimmingSpaces(), "")
        }
        var english = String(scalars[..<index]).trimmingSpaces()
        // An opening quote or bracket right before the Chinese belongs to it: 「 is CJK already,
        // but a Western “ or ( that opens a Chinese quotation should not dangle on the English side.
        if let last = english.unicodeScalars.last, last == "“" || last == "(" {
            english.unicodeScalars.removeLast()
            english = english.trimmingSpaces()
            let prefix = String(last)
            return (english, prefix + String(scalars[index...]).trimmingSpaces())
        }
        return (english, String(scalars[index...]).trimmingSpaces())
    }
}

extension String {
    /// The spaces lesson text is trimmed of: the ASCII space, the tab, the ideographic space and
    /// the no-break space.
    static func isTrimmedSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\u{3000}" || s == "\u{A0}" || s == "\t" }

    /// Whether a UTF-8 byte can start one of those spaces: the space, the tab, or the lead byte
    /// of U+00A0 or U+3000.
    static func canStartTrimmedSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0xC2 || byte == 0xE3 }

    /// Whether a UTF-8 byte can end one of those spaces: the space, the tab, or the last byte
    /// of U+00A0 (0xA0) or U+3000 (0x80).
    static func canEndTrimmedSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0xA0 || byte == 0x80 }

    /// The string without leading and trailing spaces (ASCII space, ideographic space, no-break space).
    func trimmingSpaces() -> String {
        // Most lines start and end with a letter or a mark: returned as they are without
        // walking their scalars.
        if let first = utf8.first, let last = utf8.last,
           !Self.canStartTrimmedSpace(first), !Self.canEndTrimmedSpace(last) {
            return self
        }
        let scalars = unicodeScalars
        let isSpace = Self.isTrimmedSpace
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        var end = scalars.endIndex
        while end > first, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        if first == scalars.startIndex && end == scalars.endIndex { return self }
        return String(scalars[first..<end])
    }
}

extension String {
    /// The number of Unicode scalars, counted from UTF-8 lead bytes eight at a time: the same
    /// as `unicodeScalars.count`, many times faster on long text, which matters where it runs
    /// over a whole lesson before the first screen (three times for a long lesson's preview).
    public var scalarCount: Int {
        if let count = utf8.withContiguousStorageIfAvailable(ByteScan.leadByteCount) { return count }
        return unicodeScalars.count
    }

    /// The Unicode scalars as an array, decoded from the UTF-8 directly: the same as
    /// `Array(unicodeScalars)`, which counts them first and then decodes them one by one through
    /// the generic sequence path (about 70,000 instructions for one of the seed's paragraphs,
    /// and the analysis takes a paragraph's scalars four times).
    public var scalarArray: [Unicode.Scalar] {
        if let scalars = utf8.withContiguousStorageIfAvailable(ByteScan.scalars) { return scalars }
        return Array(unicodeScalars)
    }
}
