/// One place in a text where a vocabulary term stands: the term's index in the list given to
/// `VocabularyMatcher.init(terms:)` and scalar offsets into the text, end exclusive.
public struct VocabularyMatch: Sendable, Equatable {
    public var term: Int
    public var start: Int
    public var end: Int

    public init(term: Int, start: Int, end: Int) {
        self.term = term
        self.start = start
        self.end = end
    }
}

/// Finds vocabulary terms in article text by their English word forms.
///
/// Words are runs of letters, digits and marks, with an apostrophe kept only between letters;
/// a hyphen separates words, so the term "scale" is found in "large-scale", and the term
/// "large-scale" matches "large-scale" and "large scale" alike. Words of a multi-word term may
/// be separated in the text by any run of whitespace (line breaks too), or by a single hyphen
/// where the term itself has one. A possessive `'s` / `’s` is not part of the word ("China’s"
/// holds "China", and the match covers "China"). Every word of a term may inflect
/// (`Inflections.forms(of:)`), except short function words, which would otherwise match noise.
///
/// The text is tokenised once and each word looked up in a hash of all head-word forms, so a
/// search costs the text length times the longest term's word count, whatever the list size.
public struct VocabularyMatcher: Sendable {
    private struct Term: Sendable {
        /// Accepted forms of each word of the term, in order: a dozen or so each, searched
        /// in a list as quickly as hashed in a set, which took longer to build.
        var words: [[String]]
        /// Whether the term has a hyphen (rather than a space) before word `i + 1`.
        var hyphenAfter: [Bool]
    }

    private let terms: [Term?]
    /// A head-word form → the index of the one term that starts with it, or, for a form that
    /// starts several, `-1 - k` with their indices, ascending, in `sharedHeads[k]`: an array
    /// for every form was 5,400 arrays made for a lesson of 300 terms (issue 5).
    private let heads: [String: Int]
    private let sharedHeads: [[Int]]

    /// Builds the index once: normalised word forms -> (term, word position). The forms of a
    /// term's first word key a hash; the forms of its later words are kept with the term.
    public init(terms: [String]) {
        var built: [Term?] = []
        built.reserveCapacity(terms.count)
        // About eight forms a term: growing the table rehashed every form several times.
        var heads: [String: Int] = [:]
        heads.reserveCapacity(terms.count * 8)
        var sharedHeads: [[Int]] = []
        for (index, term) in terms.enumerated() {
            let scalars = Array(term.unicodeScalars)
            let tokens = Self.tokenize(scalars)
            guard !tokens.isEmpty else {
                built.append(nil)
                continue
            }
            let multiWord = tokens.count > 1
            var words: [[String]] = []
            for token in tokens {
                let key = token.key
                if multiWord && Self.functionWords.contains(key) {
                    words.append([key])
                } else {
                    words.append(Inflections.formList(of: key))
                }
            }
            var hyphenAfter: [Bool] = []
            for k in 0..<(tokens.count - 1) {
                let gap = scalars[tokens[k].end..<tokens[k + 1].start]
                hyphenAfter.append(gap.contains { Self.isHyphen($0) })
            }
            for form in words[0] {
                guard let earlier = heads[form] else {
                    heads[form] = index
                    continue
                }
                if earlier >= 0 {
                    heads[form] = -1 - sharedHeads.count
                    sharedHeads.append([earlier, index])
                } else {
                    sharedHeads[-1 - earlier].append(index)
                }
            }
            built.append(Term(words: words, hyphenAfter: hyphenAfter))
        }
        self.terms = built
        self.heads = heads
        self.sharedHeads = sharedHeads
    }

    /// Every occurrence of every term in `text`, sorted by start; overlapping matches: prefer the longer term, then the earlier term index.
    public func matches(in text: String) -> [VocabularyMatch] {
        let scalars = text.scalarArray
        let tokens = Self.tokenize(scalars)
        struct Candidate {
            var term: Int
            var first: Int
            var last: Int
            var start: Int
            var end: Int
        }
        var candidates: [Candidate] = []
        for (i, token) in tokens.enumerated() {
            // Most words are no term's first word: look up before allocating anything.
            let direct = heads[token.key].map(termsStarting)
            let stem = token.stemKey.flatMap { heads[$0] }.map(termsStarting)
            if direct == nil && stem == nil { continue }
            var seen = Set<Int>()
            for list in [direct, stem] {
                for termIndex in list ?? [] where seen.insert(termIndex).inserted {
                    guard let term = terms[termIndex],
                          let end = matchEnd(term, tokens: tokens, scalars: scalars, from: i) else { continue }
                    let lastToken = i + term.words.count - 1
                    candidates.append(Candidate(term: termIndex, first: i, last: lastToken,
                                                start: token.start, end: end))
                }
            }
        }
        // Longest span first, then earliest term, then earliest place; each token belongs to
        // at most one match.
        candidates.sort {
            let a = $0.end - $0.start, b = $1.end - $1.start
            if a != b { return a > b }
            if $0.term != $1.term { return $0.term < $1.term }
            return $0.start < $1.start
        }
        var taken = [Bool](repeating: false, count: tokens.count)
        var accepted: [VocabularyMatch] = []
        for c in candidates where !taken[c.first...c.last].contains(true) {
            for k in c.first...c.last { taken[k] = true }
            accepted.append(VocabularyMatch(term: c.term, start: c.start, end: c.end))
        }
        accepted.sort { ($0.start, $0.term) < ($1.start, $1.term) }
        return accepted
    }

    /// The terms a head-word form starts, from its entry in `heads`.
    private func termsStarting(_ entry: Int) -> [Int] {
        entry >= 0 ? [entry] : sharedHeads[-1 - entry]
    }

    /// The normalised key of a term (lowercased, single-spaced) — used to share a word's status across lessons.
    public static func normalise(_ term: String) -> String {
        asciiNormalised(term) ?? normaliseByCharacter(term)
    }

    /// `normalise` of any text, Character by Character.
    static func normaliseByCharacter(_ term: String) -> String {
        straightenApostrophes(term.lowercased())
            .split(whereSeparator: { $0.isWhitespace })
            .joined(separator: " ")
    }

    /// `normalise` of an ASCII term, byte by byte (nil for any other): what the reader does for
    /// every term of a lesson before its first screen, 0.5 ms for 300 terms Character by
    /// Character (issue 5). ASCII's white space is tab to carriage return and the space.
    private static func asciiNormalised(_ term: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(term.utf8.count)
        var spaceBefore = false
        for byte in term.utf8 {
            guard byte < 0x80 else { return nil }
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                spaceBefore = !bytes.isEmpty
                continue
            }
            if spaceBefore {
                bytes.append(0x20)
                spaceBefore = false
            }
            bytes.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Matching

    /// Where the match of `term` starting at token `i` ends, or nil when it does not match.
    private func matchEnd(_ term: Term, tokens: [Token], scalars: [Unicode.Scalar], from i: Int) -> Int? {
        let n = term.words.count
        guard i + n <= tokens.count else { return nil }
        for k in 0..<n {
            let token = tokens[i + k]
            guard token.accepts(term.words[k]) else { return nil }
            if k < n - 1 {
                // A possessive can only end a term: "China's embassy" is no match for "china embassy".
                guard term.words[k].contains(token.key),
                      Self.joins(scalars[token.end..<tokens[i + k + 1].start], hyphenAllowed: term.hyphenAfter[k])
                else { return nil }
            }
        }
        return tokens[i + n - 1].end(matching: term.words[n - 1])
    }

    /// Whether the text between two words may sit inside a term: whitespace only, or a single
    /// hyphen (alone) where the term has one.
    private static func joins(_ gap: ArraySlice<Unicode.Scalar>, hyphenAllowed: Bool) -> Bool {
        if gap.isEmpty { return false }
        if gap.allSatisfy({ $0.properties.isWhitespace }) { return true }
        return hyphenAllowed && gap.count == 1 && isHyphen(gap[gap.startIndex])
    }

    private static func isHyphen(_ c: Unicode.Scalar) -> Bool {
        c == "-" || c == "‐" || c == "‑"
    }

    // Inside a multi-word term these stay as written: "in the wake of" must not match "inning".
    private static let functionWords: Set<String> = [
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "with", "by", "up", "out",
        "off", "into", "onto", "over", "as", "and", "or", "but", "nor", "so", "than", "that",
        "one's", "oneself", "someone", "something", "sb", "sth",
    ]

    // MARK: Tokens

    private struct Token {
        var start: Int
        var end: Int
        /// Lowercased word, curly apostrophes made straight.
        var key: String
        /// The key without a possessive 's, when it has one, and where that stem ends.
        var stemKey: String?
        var stemEnd: Int

        func accepts(_ forms: [String]) -> Bool {
            forms.contains(key) || stemKey.map { forms.contains($0) } == true
        }

        /// The end of the match: the whole word when its full form is accepted, else the stem.
        func end(matching forms: [String]) -> Int {
            forms.contains(key) || stemKey == nil ? end : stemEnd
        }
    }

    private static func tokenize(_ s: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        let n = s.count
        while i < n {
            guard isWordScalar(s[i]) else {
                i += 1
                continue
            }
            let start = i
            while i < n {
                if isWordScalar(s[i]) {
                    i += 1
                } else if isApostrophe(s[i]), i + 1 < n, s[i + 1].properties.isAlphabetic, i > start {
                    i += 1
                } else {
                    break
                }
            }
            let key = lowercasedKey(s[start..<i])
            var stemKey: String?
            var stemEnd = i
            if key.hasSuffix("'s"), key.unicodeScalars.count > 2 {
                stemKey = String(key.dropLast(2))
                stemEnd = i - 2
            }
            tokens.append(Token(start: start, end: i, key: key, stemKey: stemKey, stemEnd: stemEnd))
        }
        return tokens
    }

    /// A word's lookup key: lower-cased, apostrophes straightened. English words are ASCII, so
    /// they take a short path without Unicode case tables.
    private static func lowercasedKey(_ word: ArraySlice<Unicode.Scalar>) -> String {
        if word.allSatisfy({ $0.isASCII }) {
            return String(unsafeUninitializedCapacity: word.count) { buffer in
                var n = 0
                for scalar in word {
                    let v = UInt8(truncatingIfNeeded: scalar.value)
                    buffer[n] = v >= 65 && v <= 90 ? v + 32 : v
                    n += 1
                }
                return n
            }
        }
        return straightenApostrophes(String(scalars: word).lowercased())
    }

    private static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII {
            let v = c.value
            return (v >= 97 && v <= 122) || (v >= 65 && v <= 90) || (v >= 48 && v <= 57)
        }
        let p = c.properties
        if p.isAlphabetic { return true }
        switch p.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    private static func straightenApostrophes(_ s: String) -> String {
        String(scalars: s.unicodeScalars.map { isApostrophe($0) ? "'" : $0 }[...])
    }

    private static func isApostrophe(_ c: Unicode.Scalar) -> Bool {
        c == "'" || c == "’" || c == "‘"
    }
}
