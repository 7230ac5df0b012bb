/// Splits one paragraph into sentences with a single left-to-right pass over its scalars.
///
/// A sentence ends at `.` `?` `!` or an ellipsis (`...`, `…`) — together with any closing quotes
/// and brackets right after it — when whitespace follows and the next text starts like a
/// sentence (an upper-case or uncased letter, a digit, an opening quote or bracket) or the text
/// ends. CJK full stops (`。！？`) end a sentence with no space needed. A period does not end a
/// sentence after a known abbreviation, a single capital initial or a dotted abbreviation such
/// as `U.S.`; a period or mark with no whitespace after it (decimals, versions, URLs, e-mail
/// addresses) never does.
public enum SentenceSplitter {
    /// The whole text as one sentence, without the spaces around it; none when it is blank.
    /// The reader's stand-in for a paragraph it has not split yet.
    public static func wholeText(_ text: String) -> [Range<Int>] {
        // Spaces are looked for at the ends only, and the scalars counted from UTF-8 lead bytes:
        // this runs over every paragraph of a long lesson before its first screen.
        let scalars = text.unicodeScalars
        let leading = scalars.prefix(while: isSpace).count
        let count = text.scalarCount
        if leading == count { return [] }
        var trailing = 0
        var end = scalars.endIndex
        while end > scalars.startIndex {
            let before = scalars.index(before: end)
            guard isSpace(scalars[before]) else { break }
            trailing += 1
            end = before
        }
        return [leading..<(count - trailing)]
    }

    /// Sentences of one paragraph, in order, trimmed of surrounding whitespace; together they cover all non-space text.
    public static func split(_ text: String) -> [Range<Int>] {
        let scalars = text.scalarArray
        let count = scalars.count
        var sentences: [Range<Int>] = []
        var start = skipSpace(scalars, from: 0)
        var i = start
        while i < count {
            let c = scalars[i]
            if isCJKTerminal(c) {
                var end = i + 1
                while end < count, isCJKTerminal(scalars[end]) || isTerminal(scalars[end]) { end += 1 }
                end = skipClosers(scalars, from: end)
                sentences.append(start..<end)
                start = skipSpace(scalars, from: end)
                i = start
                continue
            }
            guard isTerminal(c) else {
                i += 1
                continue
            }
            var runEnd = i + 1
            while runEnd < count, isTerminal(scalars[runEnd]) { runEnd += 1 }
            let end = skipClosers(scalars, from: runEnd)
            let next = skipSpace(scalars, from: end)
            let followedBySpace = end == count || next > end
            let endsSentence = followedBySpace
                && (next == count || startsSentence(scalars[next]))
                && !(runEnd == i + 1 && c == "." && isAbbreviation(scalars, period: i, next: next))
            if endsSentence {
                sentences.append(start..<end)
                start = next
            }
            // Everything up to `end` has been looked at; `next` may hold another terminal only
            // after whitespace, so resuming at `end` keeps the pass linear.
            i = max(end, i + 1)
        }
        if start < count {
            var last = count
            while last > start, isSpace(scalars[last - 1]) { last -= 1 }
            if last > start { sentences.append(start..<last) }
        }
        return sentences
    }

    // Abbreviations after which a period does not end a sentence even before a capital.
    // "etc." is absent on purpose: it ends a sentence before a capital and never splits
    // before a lower-case word anyway.
    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "gov", "sen", "rep", "vs",
        "inc", "ltd", "co", "corp", "dept", "univ", "assn", "bros", "messrs", "mme", "mlle",
        "lt", "col", "capt", "cmdr", "sgt", "adm", "maj", "brig", "rev", "hon", "pres", "supt",
        "mt", "ft", "ave", "blvd", "rd", "fig", "figs", "vol", "vols", "ch", "chap", "pp",
        "approx", "est", "cf", "al", "ed", "eds", "op",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    ]

    // Abbreviations only before a number: "No. 5", "p. 3", but "The answer is no. Then".
    private static let numberAbbreviations: Set<String> = ["no", "nos", "p", "pp", "art", "sec", "para", "nr"]
    /// The longest of both lists ("approx", "messrs"), written out rather than worked out at
    /// every start; SentenceSplitterTests checks it against the lists.
    static let longestAbbreviation = 6
    static var allAbbreviations: Set<String> { abbreviations.union(numberAbbreviations) }

    /// Whether the single period at `period` closes an abbreviation rather than a sentence.
    private static func isAbbreviation(_ s: [Unicode.Scalar], period: Int, next: Int) -> Bool {
        // The word before the period: letters and inner dots, bounded so a pathological
        // run of dotted letters cannot make the pass quadratic.
        var lo = period
        while lo > 0, period - lo < 24, isLetter(s[lo - 1]) || s[lo - 1] == "." { lo -= 1 }
        if lo > 0, isAlphanumeric(s[lo - 1]) { return false }  // e.g. "v2." or "1.5." — not a word
        // Most periods end an ordinary word longer than any abbreviation: decide those without
        // building a string (this check was most of the splitter's time on a long lesson).
        if period - lo > longestAbbreviation, !s[lo..<period].contains(".") { return false }
        let letters = s[lo..<period]
        let word = String(scalars: letters)
        if word.isEmpty { return false }
        let lower = word.lowercased()
        if abbreviations.contains(lower) { return true }
        if numberAbbreviations.contains(lower), next < s.count, isDigit(s[next]) { return true }
        if letters.count == 1, let only = letters.first, only.properties.isUppercase { return true }
        // Dotted abbreviations: U.S, e.g, i.e, a.m, Ph.D — every part one or two letters.
        if word.contains(".") {
            let parts = word.split(separator: ".", omittingEmptySubsequences: false)
            return parts.allSatisfy { !$0.isEmpty && $0.unicodeScalars.count <= 2 }
        }
        return false
    }

    private static func skipSpace(_ s: [Unicode.Scalar], from i: Int) -> Int {
        var j = i
        while j < s.count, isSpace(s[j]) { j += 1 }
        return j
    }

    private static func skipClosers(_ s: [Unicode.Scalar], from i: Int) -> Int {
        var j = i
        while j < s.count, isCloser(s[j]) { j += 1 }
        return j
    }

    private static func isSpace(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return c == " " || (0x09...0x0D).contains(c.value) }
        return c.properties.isWhitespace || c == "\u{200B}" || c == "\u{FEFF}"
    }

    private static func isTerminal(_ c: Unicode.Scalar) -> Bool {
        c == "." || c == "?" || c == "!" || c == "…" || c == "‼" || c == "⁇" || c == "⁈" || c == "⁉"
    }

    private static func isCJKTerminal(_ c: Unicode.Scalar) -> Bool {
        c == "。" || c == "！" || c == "？" || c == "｡"
    }

    private static func isCloser(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "\"", "'", "”", "’", "»", "›", ")", "]", "}", "」", "』", "）", "】", "〉", "》", "］", "｝":
            return true
        default:
            return false
        }
    }

    private static func startsSentence(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "\"", "'", "“", "‘", "«", "‹", "(", "[", "{", "「", "『", "（", "【", "¿", "¡":
            return true
        default:
            break
        }
        let p = c.properties
        if p.isUppercase || p.generalCategory == .titlecaseLetter || isDigit(c) { return true }
        // Letters without case (Han, kana, Arabic...) cannot signal a new sentence by case.
        return p.isAlphabetic && !p.isLowercase && !p.changesWhenUppercased
    }

    // ASCII answers without Unicode's property tables, which were most of the time these took.
    private static func isLetter(_ c: Unicode.Scalar) -> Bool {
        c.isASCII ? (0x61...0x7A).contains(c.value | 0x20) : c.properties.isAlphabetic
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool {
        c.isASCII ? (0x30...0x39).contains(c.value) : c.properties.generalCategory == .decimalNumber
    }

    private static func isAlphanumeric(_ c: Unicode.Scalar) -> Bool {
        c.isASCII ? isLetter(c) || isDigit(c) : isLetter(c) || c.properties.numericType != nil
    }
}
