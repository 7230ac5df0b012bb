/// One line of wrapped text. `start` and `end` are Unicode-scalar offsets into the wrapped text
/// (end exclusive), like every offset in a `Paragraph`; the spaces a line was broken at belong
/// to neither line. `width` is the line's display width in columns.
public struct WrappedLine: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var width: Int

    public init(start: Int, end: Int, width: Int) {
        self.start = start
        self.end = end
        self.width = width
    }
}

/// Greedy line breaking for mixed English and Chinese, measured with `DisplayWidth`.
///
/// Where a line may end:
/// - at a run of spaces (U+0020), which is then dropped: it ends neither line nor starts the next;
/// - after a hyphen between two letters or digits ("well-" | "known");
/// - before or after a CJK character (Han, kana, hangul, full-width forms: any double-width
///   cluster, and the half-width forms), so Chinese needs no spaces;
/// - after a zero-width space;
/// - always at a newline, which is dropped (paragraph text is not expected to hold one).
/// Except that a line never starts with closing punctuation (。，、」』）！？；：》〉】… ) ] } , . ; : ! ?
/// and a few of their kin) nor ends with opening punctuation (「『（《〈【 ( [ { “ ‘ and kin).
///
/// A grapheme cluster is never split. A word wider than the line is hard-broken between
/// clusters, and there the punctuation rules give way. Every line holds at least one cluster, so
/// a double-width cluster on a line of width 1 stands alone on a line two columns wide: the only
/// time a line is wider than asked. Width 0 or less counts as 1.
///
/// The work is linear in the length of the text: each cluster is measured once, and the only
/// backtracking is to the last break opportunity, which is then forgotten.
public enum LineBreaker {
    public static func wrap(_ text: String, width: Int) -> [WrappedLine] {
        var breaker = Breaker(text: text, limit: max(1, width))
        return breaker.run()
    }

    /// `wrap` walking the text by Character even when its scalars are plain: for tests that
    /// the two ways agree.
    static func wrapByCharacter(_ text: String, width: Int) -> [WrappedLine] {
        var breaker = Breaker(text: text, limit: max(1, width), byCharacter: true)
        return breaker.run()
    }

    /// The wrapped lines' text, without the spaces they were broken at.
    public static func wrapLines(_ text: String, width: Int) -> [String] {
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var offset = 0
        return wrap(text, width: width).map { line in
            index = scalars.index(index, offsetBy: line.start - offset)
            let end = scalars.index(index, offsetBy: line.end - line.start)
            defer {
                index = end
                offset = line.end
            }
            return String(scalars[index..<end])
        }
    }
}

/// What the breaker needs to know about one grapheme cluster.
private struct Cluster {
    var start: Int
    var width: Int
    var traits: Traits

    struct Traits: OptionSet {
        let rawValue: UInt8
        static let space = Traits(rawValue: 1 << 0)
        static let newline = Traits(rawValue: 1 << 1)
        static let closing = Traits(rawValue: 1 << 2)
        static let opening = Traits(rawValue: 1 << 3)
        static let ideographic = Traits(rawValue: 1 << 4)
        static let hyphen = Traits(rawValue: 1 << 5)
        static let wordCharacter = Traits(rawValue: 1 << 6)
        static let zeroWidthSpace = Traits(rawValue: 1 << 7)
    }

    var isSpace: Bool { traits.contains(.space) }

    init(_ character: Character, start: Int) {
        self.start = start
        width = DisplayWidth.of(character)
        traits = Cluster.traits(of: character, width: width)
    }

    /// A cluster of one plain scalar (`PlainScalars`): what `init(_: Character, start:)` makes
    /// of the Character holding it alone.
    init(plain scalar: Unicode.Scalar, start: Int) {
        self.start = start
        width = DisplayWidth.of(scalar)
        traits = scalar == " " ? .space : Cluster.traits(first: scalar, alone: true, width: width)
    }

    /// A cluster of one printable ASCII byte: what `init(plain:start:)` makes of it, one
    /// column wide.
    init(ascii byte: UInt8, start: Int) {
        self.start = start
        width = 1
        switch byte {
        case 0x20: traits = .space
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: traits = .wordCharacter
        case 0x2D: traits = .hyphen
        default:
            let v = UInt32(byte)
            traits = BreakPunctuation.isClosing(v) ? .closing : BreakPunctuation.isOpening(v) ? .opening : []
        }
    }

    private static func traits(of character: Character, width: Int) -> Traits {
        guard let first = character.unicodeScalars.first else { return [] }
        if first.value < 0x80 {
            if character == " " { return .space }
            if character == "\n" || character == "\r\n" { return .newline }
        }
        return traits(first: first, alone: character.unicodeScalars.count == 1, width: width)
    }

    /// The traits of a cluster that is neither a space nor a newline, from its first scalar
    /// (`alone`: its only one) and its width.
    private static func traits(first: Unicode.Scalar, alone: Bool, width: Int) -> Traits {
        let v = first.value
        if v < 0x80, alone {
            switch v {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return .wordCharacter
            case 0x2D: return .hyphen
            default: break
            }
        }
        // Han ideographs, most of Chinese text: letters two columns wide, never punctuation.
        if (0x4E00...0x9FFF).contains(v), width == 2 { return [.ideographic, .wordCharacter] }
        var traits: Traits = []
        if BreakPunctuation.isClosing(v) { traits.insert(.closing) }
        if BreakPunctuation.isOpening(v) { traits.insert(.opening) }
        if width == 2 || (0xFF61...0xFFDC).contains(v) { traits.insert(.ideographic) }
        if v == 0x2010 { traits.insert(.hyphen) }
        if v == 0x200B { traits.insert(.zeroWidthSpace) }
        // Character's isLetter and isNumber, which look at the first scalar only.
        if v >= 0x80, first.properties.isAlphabetic || first.properties.numericType != nil { traits.insert(.wordCharacter) }
        return traits
    }
}

/// A place where the current line could end, remembered until a better one comes along.
private struct Opportunity {
    /// Cluster index where the line would end (exclusive) and where the next would start; they
    /// differ by the run of spaces dropped there.
    var end: Int
    var next: Int
    var widthAtEnd: Int
    var widthAtNext: Int
}

private struct Breaker {
    let clusters: [Cluster]
    let scalarCount: Int
    let limit: Int
    var lines: [WrappedLine] = []
    var lineStart = 0
    var lineWidth = 0
    /// Whether the line holds anything but spaces, so that a space run may end it.
    var hasContent = false
    var opportunity: Opportunity?

    init(text: String, limit: Int, byCharacter: Bool = false) {
        var clusters: [Cluster] = []
        clusters.reserveCapacity(text.utf8.count)
        var offset = 0
        // Printable ASCII, most of an article and a sidebar, is read from its bytes: decoding
        // and measuring it scalar by scalar was most of the work of wrapping it (issue 5).
        let ascii = byCharacter ? false : text.utf8.withContiguousStorageIfAvailable { bytes in
            guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return false }
            for byte in bytes { clusters.append(Cluster(ascii: byte, start: clusters.count)) }
            return true
        } ?? false
        if ascii {
            offset = clusters.count
        } else if !byCharacter, PlainScalars.only(text) {
            // One cluster per scalar, without Unicode's segmentation: most paragraphs.
            for scalar in text.unicodeScalars {
                clusters.append(Cluster(plain: scalar, start: offset))
                offset += 1
            }
        } else {
            for character in text {
                clusters.append(Cluster(character, start: offset))
                offset += character.unicodeScalars.count
            }
        }
        self.clusters = clusters
        scalarCount = offset
        self.limit = limit
    }

    mutating func run() -> [WrappedLine] {
        let n = clusters.count
        var i = 0
        while i < n {
            let cluster = clusters[i]
            if cluster.traits.contains(.newline) {
                emit(upTo: i, width: lineWidth)
                startLine(at: i + 1)
                i += 1
            } else if cluster.isSpace {
                i = placeSpaces(from: i)
            } else {
                if i > lineStart, canBreak(before: i) {
                    opportunity = Opportunity(end: i, next: i, widthAtEnd: lineWidth, widthAtNext: lineWidth)
                }
                if i > lineStart, lineWidth + cluster.width > limit {
                    makeRoom(before: i)
                    continue
                }
                lineWidth += cluster.width
                hasContent = true
                i += 1
            }
        }
        if lineStart < n || lines.isEmpty || clusters[n - 1].traits.contains(.newline) {
            emit(upTo: n, width: lineWidth)
        }
        return lines
    }

    /// Places the run of spaces starting at `i`; returns the index after it.
    private mutating func placeSpaces(from i: Int) -> Int {
        let n = clusters.count
        var j = i
        while j < n && clusters[j].isSpace { j += 1 }
        let run = j - i
        let breakable = hasContent && !clusters[i - 1].traits.contains(.opening)
            && !(j < n && clusters[j].traits.contains(.closing))
        if breakable {
            opportunity = Opportunity(end: i, next: j, widthAtEnd: lineWidth, widthAtNext: lineWidth + run)
        }
        if lineWidth + run <= limit {
            lineWidth += run
            return j
        }
        if breakable {
            emit(upTo: i, width: lineWidth)
            startLine(at: j)
            return j
        }
        // Spaces glued to punctuation on either side: they travel with it, one column at a time.
        var k = i
        while k < j {
            if k > lineStart, lineWidth + 1 > limit {
                if let earlier = opportunity {
                    breakAt(earlier, continuingAt: k)
                    continue
                }
                // Nowhere better to break: end the line here, and the rest of the run with it.
                emit(upTo: k, width: lineWidth)
                startLine(at: j)
                return j
            }
            lineWidth += 1
            k += 1
        }
        return j
    }

    /// The cluster at `i` does not fit: end the line at the last opportunity, or hard-break here.
    private mutating func makeRoom(before i: Int) {
        if let earlier = opportunity {
            breakAt(earlier, continuingAt: i)
        } else {
            emit(upTo: i, width: lineWidth)
            startLine(at: i)
        }
    }

    private mutating func breakAt(_ opportunity: Opportunity, continuingAt i: Int) {
        emit(upTo: opportunity.end, width: opportunity.widthAtEnd)
        let carried = lineWidth - opportunity.widthAtNext
        startLine(at: opportunity.next)
        lineWidth = carried
        // Whatever was carried over begins with a non-space cluster (spaces were dropped).
        hasContent = opportunity.next < i
    }

    private func canBreak(before i: Int) -> Bool {
        let before = clusters[i - 1].traits
        let after = clusters[i].traits
        if before.contains(.space) || before.contains(.newline) { return false }
        if after.contains(.closing) || before.contains(.opening) { return false }
        if before.contains(.zeroWidthSpace) { return true }
        if before.contains(.ideographic) || after.contains(.ideographic) { return true }
        if before.contains(.hyphen), after.contains(.wordCharacter), i - 2 >= lineStart {
            return clusters[i - 2].traits.contains(.wordCharacter)
        }
        return false
    }

    private mutating func emit(upTo end: Int, width: Int) {
        lines.append(WrappedLine(start: scalarOffset(lineStart), end: scalarOffset(end), width: width))
    }

    private mutating func startLine(at index: Int) {
        lineStart = index
        lineWidth = 0
        hasContent = false
        opportunity = nil
    }

    private func scalarOffset(_ index: Int) -> Int {
        index < clusters.count ? clusters[index].start : scalarCount
    }
}

/// The punctuation a line never starts with (closing) or ends with (opening).
enum BreakPunctuation {
    static let closing: Set<UInt32> = Set(
        "。，、」』）！？；：》〉】…)]},.;:!?”’〕〗］｝｠．｡｣、".unicodeScalars.map(\.value))
    static let opening: Set<UInt32> = Set(
        "「『（《〈【([{“‘〔〖［｛｟｢".unicodeScalars.map(\.value))

    // ASCII, most of what is looked up, answers without hashing: the sets' ASCII members.
    static func isClosing(_ v: UInt32) -> Bool {
        guard v >= 0x80 else {
            switch v {
            case 0x29, 0x5D, 0x7D, 0x2C, 0x2E, 0x3B, 0x3A, 0x21, 0x3F: return true
            default: return false
            }
        }
        return closing.contains(v)
    }

    static func isOpening(_ v: UInt32) -> Bool {
        guard v >= 0x80 else { return v == 0x28 || v == 0x5B || v == 0x7B }
        return opening.contains(v)
    }
}
