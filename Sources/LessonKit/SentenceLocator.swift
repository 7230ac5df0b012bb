/// Finds where a sentence note's sentence stands in the article.
///
/// Notes are typed (or generated) apart from the article, so they differ from it in small ways:
/// spacing, letter case, quote style (straight or curly), dash style (— – - --), ellipsis style and
/// trailing punctuation. Both sides are therefore compared in a normalised form without any
/// whitespace, with quotes and dashes folded to ASCII, lowercased, and the note trimmed of
/// punctuation at both ends. The note may also span two of the splitter's sentences or be
/// only part of one; the location is the sentence the note starts in.
public enum SentenceLocator {
    /// Finds the sentence `needle` among the paragraphs' sentences. `paragraphs` is [(section, paragraph, text, sentences)].
    ///
    /// Builds an `Index` on every call; to place many notes in one lesson, build one `Index`
    /// and ask it for each note instead.
    public static func locate(_ needle: String,
                              in paragraphs: [(section: Int, paragraph: Int, text: String, sentences: [Range<Int>])])
        -> (section: Int, paragraph: Int, sentence: Int)?
    {
        guard let found = Index(paragraphs: paragraphs).locate(needle) else { return nil }
        return (found.section, found.paragraph, found.sentence)
    }

    /// The article's sentences in normalised form, indexed by the first `keyLength` scalars
    /// at every word start, so each note is found by a hash lookup and a comparison as long
    /// as the note, not by a scan of the article.
    public struct Index: Sendable {
        private static let keyLength = 12
        private static let paragraphBreak: UInt32 = 0

        /// Normalised scalars of every sentence; paragraphs are separated by `paragraphBreak`
        /// so no match crosses one.
        private let stream: [UInt32]
        /// Per sentence: where it starts in `stream`, where its first word starts, where it ends.
        private let sentenceStarts: [Int]
        private let firstWords: [Int]
        private let sentenceEnds: [Int]
        private let locations: [SentenceLocation]
        /// Positions in `stream` where a word starts, ascending.
        private let wordStarts: [Int]
        /// Hash of the key at a word start → the first word start (an index into `wordStarts`)
        /// with that hash; `chainNext` links on to later ones with the same hash.
        private let chainHeads: [UInt64: Int32]
        private let chainNext: [Int32]
        /// Hash of each whole sentence (normalised, trimmed like a note) → its first sentence, so a
        /// note that is a whole sentence, the usual case, is found at once.
        private let wholeSentences: [UInt64: Int]
        /// At most this many places are compared for one note: a note that is no whole sentence,
        /// in a repetitive article, could otherwise cost a pass over the article per note.
        private static let candidateLimit = 256

        public init(paragraphs: [(section: Int, paragraph: Int, text: String, sentences: [Range<Int>])]) {
            self.init(paragraphs)
        }

        public init(_ paragraphs: [(section: Int, paragraph: Int, text: String, sentences: [Range<Int>])]) {
            self.init(paragraphs, needles: nil)
        }

        /// An index that can only find the given notes (and notes shorter than the hash key),
        /// which it is much cheaper to build for a long article: only the word starts whose key
        /// begins one of the notes are remembered.
        public init(_ paragraphs: [(section: Int, paragraph: Int, text: String, sentences: [Range<Int>])],
                    needles: [String]?) {
            let wanted: Set<UInt64>? = needles.map { needles in
                Set(needles.compactMap { needle -> UInt64? in
                    let key = Self.normalisedNeedle(needle)
                    return key.count >= Self.keyLength ? Self.hash(key[0..<Self.keyLength]) : nil
                })
            }
            var stream: [UInt32] = []
            var sentenceStarts: [Int] = [], firstWords: [Int] = [], sentenceEnds: [Int] = []
            var locations: [SentenceLocation] = []
            var wordStarts: [Int] = []
            for paragraph in paragraphs where !paragraph.sentences.isEmpty {
                let scalars = Array(paragraph.text.unicodeScalars)
                for (number, range) in paragraph.sentences.enumerated() {
                    let lo = min(max(0, range.lowerBound), scalars.count)
                    let hi = min(max(lo, range.upperBound), scalars.count)
                    sentenceStarts.append(stream.count)
                    locations.append(SentenceLocation(section: paragraph.section, paragraph: paragraph.paragraph,
                                                      sentence: number))
                    var firstWord: Int?
                    var previousWasWord = false
                    for c in scalars[lo..<hi] {
                        let word = Self.isWordScalar(c)
                        if word && (!previousWasWord || (!c.isASCII && c.properties.isIdeographic)) {
                            wordStarts.append(stream.count)
                            if firstWord == nil { firstWord = stream.count }
                        }
                        previousWasWord = word
                        Self.appendNormalised(c, to: &stream)
                    }
                    firstWords.append(firstWord ?? stream.count)
                    sentenceEnds.append(stream.count)
                }
                stream.append(Self.paragraphBreak)
            }

            var heads: [UInt64: Int32] = [:]
            var next = [Int32](repeating: -1, count: wordStarts.count)
            // Walking backwards leaves each chain in ascending order, so the first hit is the
            // earliest place in the article.
            for j in wordStarts.indices.reversed() {
                let p = wordStarts[j]
                guard p + Self.keyLength <= stream.count else { continue }
                let h = Self.hash(stream[p..<(p + Self.keyLength)])
                if let wanted, !wanted.contains(h) { continue }
                next[j] = heads[h] ?? -1
                heads[h] = Int32(j)
            }

            self.stream = stream
            self.sentenceStarts = sentenceStarts
            self.firstWords = firstWords
            self.sentenceEnds = sentenceEnds
            self.locations = locations
            self.wordStarts = wordStarts
            self.chainHeads = heads
            self.chainNext = next

            let wantedWhole: Set<UInt64>? = needles.map { needles in
                Set(needles.map { Self.hash(Self.normalisedNeedle($0)[...]) })
            }
            var whole: [UInt64: Int] = [:]
            for s in sentenceStarts.indices {
                var end = sentenceEnds[s]
                let begin = firstWords[s]
                while end > begin, !Self.isWordValue(stream[end - 1]) { end -= 1 }
                guard end > begin else { continue }
                let h = Self.hash(stream[begin..<end])
                if let wantedWhole, !wantedWhole.contains(h) { continue }
                if whole[h] == nil { whole[h] = s }
            }
            self.wholeSentences = whole
        }

        /// The sentence the note starts in. A note equal to a whole sentence wins over one that
        /// begins a sentence and runs on, which wins over one found inside a sentence; among
        /// equals, the earliest in the article.
        public func locate(_ needle: String) -> SentenceLocation? {
            let key = Self.normalisedNeedle(needle)
            let n = key.count
            guard n > 0 else { return nil }
            if let s = wholeSentences[Self.hash(key[...])] {
                let begin = firstWords[s]
                if begin + n <= stream.count, stream[begin..<(begin + n)].elementsEqual(key) { return locations[s] }
            }
            var budget = Self.candidateLimit
            var startingHere: Int?
            var inside: Int?
            // A whole-sentence match ends the search, so it is returned; other kinds are remembered.
            func consider(_ p: Int) -> Int? {
                guard p + n <= stream.count else { return nil }
                for k in 0..<n where stream[p + k] != key[k] { return nil }
                let s = sentenceIndex(containing: p)
                if p == firstWords[s] {
                    let rest = stream[(p + n)..<max(p + n, sentenceEnds[s])]
                    if rest.allSatisfy({ !Self.isWordValue($0) }) { return s }
                    if startingHere == nil { startingHere = s }
                } else if inside == nil {
                    inside = s
                }
                return nil
            }
            if n >= Self.keyLength {
                let h = Self.hash(key[0..<Self.keyLength])
                var j = chainHeads[h] ?? -1
                while j >= 0 && budget > 0 {
                    budget -= 1
                    if let whole = consider(wordStarts[Int(j)]) { return locations[whole] }
                    j = chainNext[Int(j)]
                }
            } else {
                // Too short for the hash key: rare (a note of a word or two), so scan.
                for p in wordStarts where budget > 0 {
                    budget -= 1
                    if let whole = consider(p) { return locations[whole] }
                }
            }
            return (startingHere ?? inside).map { locations[$0] }
        }

        private func sentenceIndex(containing p: Int) -> Int {
            var lo = 0, hi = sentenceStarts.count
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if sentenceStarts[mid] <= p { lo = mid } else { hi = mid }
            }
            return lo
        }

        // MARK: Normalisation

        private static func normalisedNeedle(_ text: String) -> [UInt32] {
            var out: [UInt32] = []
            for c in text.unicodeScalars { appendNormalised(c, to: &out) }
            guard let first = out.firstIndex(where: isWordValue),
                  let last = out.lastIndex(where: isWordValue) else { return [] }
            return Array(out[first...last])
        }

        private static func appendNormalised(_ c: Unicode.Scalar, to out: inout [UInt32]) {
            let v = c.value
            // Plain ASCII other than the hyphen, backquote and NUL needs no folding table.
            if v < 0x80 && v != 0x2D && v != 0x60 && v != 0 {
                if v == 0x20 || (0x09...0x0D).contains(v) { return }
                out.append((0x41...0x5A).contains(v) ? v + 0x20 : v)
                return
            }
            switch c {
            case "\u{0}", "\u{AD}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}":
                return
            case "“", "”", "„", "‟", "«", "»", "″", "〝", "〞", "＂":
                out.append(0x22)
            case "‘", "’", "‚", "‛", "′", "`", "＇", "‹", "›":
                out.append(0x27)
            case "-", "‐", "‑", "‒", "–", "—", "―", "−", "﹘", "﹣", "－":
                // "--" is how plain text writes "—".
                if out.last != 0x2D { out.append(0x2D) }
            case "…":
                out.append(contentsOf: [0x2E, 0x2E, 0x2E])
            default:
                if c.isASCII {
                    let v = c.value
                    if v == 0x20 || (0x09...0x0D).contains(v) { return }
                    out.append((0x41...0x5A).contains(v) ? v + 0x20 : v)
                } else if c.properties.isWhitespace {
                    return
                } else if c.properties.changesWhenLowercased {
                    for l in c.properties.lowercaseMapping.unicodeScalars { out.append(l.value) }
                } else {
                    out.append(c.value)
                }
            }
        }

        private static func hash(_ values: ArraySlice<UInt32>) -> UInt64 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for v in values {
                h ^= UInt64(v)
                h = h &* 0x0000_0100_0000_01B3
            }
            return h
        }

        private static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
            if c.isASCII {
                let v = c.value
                return (v >= 97 && v <= 122) || (v >= 65 && v <= 90) || (v >= 48 && v <= 57)
            }
            return c.properties.isAlphabetic || c.properties.numericType != nil
        }

        private static func isWordValue(_ v: UInt32) -> Bool {
            Unicode.Scalar(v).map(isWordScalar) ?? false
        }
    }
}
