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

    /// The places in the article where a note could start, found by hashing the first
    /// `keyLength` normalised scalars at every word start, so each note is found by a hash
    /// lookup and a comparison as long as the note, not by a scan of the article.
    ///
    /// Nothing of the article is kept in normalised form: each paragraph is normalised while the
    /// index is built, and again when a note is compared with it. Keeping the whole article
    /// normalised (4 bytes a scalar, plus every word start) took about 55 MB for an 8 MB lesson,
    /// more than half of what the reader needed at its peak.
    public struct Index: Sendable {
        private static let keyLength = 12

        private let paragraphs: [(section: Int, paragraph: Int, text: String, sentences: [Range<Int>])]
        /// A remembered word start: its paragraph (an index into `paragraphs`) and its offset in
        /// that paragraph's normalised form.
        private struct Place: Sendable {
            var paragraph: Int32
            var offset: Int32
        }
        /// Word starts whose key was wanted (all of them without needles), in reading order.
        private let places: [Place]
        /// Hash of the key at a word start → the first place (an index into `places`) with that
        /// hash; `chainNext` links on to later ones with the same hash.
        private let chainHeads: [UInt64: Int32]
        private let chainNext: [Int32]
        /// Hash of each whole sentence (normalised, trimmed like a note) → its first sentence, as
        /// (index into `paragraphs`, sentence), so a note that is a whole sentence, the usual case,
        /// is found at once.
        private let wholeSentences: [UInt64: Place]
        /// The paragraphs normalised while the index was built, kept for locating the notes when
        /// the article is short (under `keptFormsLimit` bytes of text): the seed's notes
        /// normalised its paragraphs a second time, a third of the analysis.
        private let builtForms: [Int: Normalised]
        private static let keptFormsLimit = 256 << 10
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
            let wantedWhole: Set<UInt64>? = needles.map { needles in
                Set(needles.map { Self.hash(Self.normalisedNeedle($0)[...]) })
            }
            var places: [Place] = []
            var placeHashes: [UInt64] = []
            var whole: [UInt64: Place] = [:]
            let keepForms = paragraphs.reduce(0) { $0 + $1.text.utf8.count } <= Self.keptFormsLimit
            var kept: [Int: Normalised] = [:]
            for (number, paragraph) in paragraphs.enumerated() where !paragraph.sentences.isEmpty {
                let form = Normalised(paragraph)
                if keepForms { kept[number] = form }
                let values = form.values
                for p in form.wordStarts where p + Self.keyLength <= values.count {
                    let h = Self.hash(values[p..<(p + Self.keyLength)])
                    if let wanted, !wanted.contains(h) { continue }
                    places.append(Place(paragraph: Int32(number), offset: Int32(p)))
                    placeHashes.append(h)
                }
                for s in form.sentenceStarts.indices {
                    var end = form.sentenceEnds[s]
                    let begin = form.firstWords[s]
                    while end > begin, !Self.isWordValue(values[end - 1]) { end -= 1 }
                    guard end > begin else { continue }
                    let h = Self.hash(values[begin..<end])
                    if let wantedWhole, !wantedWhole.contains(h) { continue }
                    if whole[h] == nil { whole[h] = Place(paragraph: Int32(number), offset: Int32(s)) }
                }
            }
            var heads: [UInt64: Int32] = [:]
            var next = [Int32](repeating: -1, count: places.count)
            // Walking backwards leaves each chain in ascending order, so the first hit is the
            // earliest place in the article.
            for j in places.indices.reversed() {
                let h = placeHashes[j]
                next[j] = heads[h] ?? -1
                heads[h] = Int32(j)
            }
            self.paragraphs = paragraphs
            self.places = places
            self.chainHeads = heads
            self.chainNext = next
            self.wholeSentences = whole
            self.builtForms = kept
        }

        /// The sentence the note starts in. A note equal to a whole sentence wins over one that
        /// begins a sentence and runs on, which wins over one found inside a sentence; among
        /// equals, the earliest in the article.
        public func locate(_ needle: String) -> SentenceLocation? {
            var cache = FormCache(forms: builtForms)
            return locate(needle, cache: &cache)
        }

        /// Every note's sentence, as `locate` finds it, sharing the paragraphs normalised for one
        /// note with the next: many notes against one long paragraph must not normalise it once
        /// per note.
        public func locateAll(_ needles: [String]) -> [SentenceLocation?] {
            var cache = FormCache(forms: builtForms)
            return needles.map { locate($0, cache: &cache) }
        }

        /// Paragraphs normalised while locating, up to `budget` values in all; past it the cache
        /// starts afresh, so that its memory stays bounded whatever the notes compare against.
        private struct FormCache {
            static let budget = 4_000_000
            var forms: [Int: Normalised]
            var values: Int

            init(forms: [Int: Normalised]) {
                self.forms = forms
                values = forms.values.reduce(0) { $0 + $1.values.count }
            }

            mutating func form(_ number: Int, of paragraphs: [(section: Int, paragraph: Int, text: String, sentences: [Range<Int>])]) -> Normalised {
                if let form = forms[number] { return form }
                let form = Normalised(paragraphs[number])
                if values + form.values.count > Self.budget {
                    forms = [:]
                    values = 0
                }
                forms[number] = form
                values += form.values.count
                return form
            }
        }

        private func locate(_ needle: String, cache: inout FormCache) -> SentenceLocation? {
            let key = Self.normalisedNeedle(needle)
            let n = key.count
            guard n > 0 else { return nil }
            func form(_ number: Int) -> Normalised { cache.form(number, of: paragraphs) }
            func location(_ number: Int, _ sentence: Int) -> SentenceLocation {
                SentenceLocation(section: paragraphs[number].section, paragraph: paragraphs[number].paragraph, sentence: sentence)
            }
            if let found = wholeSentences[Self.hash(key[...])] {
                let number = Int(found.paragraph), sentence = Int(found.offset)
                let values = form(number).values
                let begin = form(number).firstWords[sentence]
                if begin + n <= values.count, values[begin..<(begin + n)].elementsEqual(key) { return location(number, sentence) }
            }
            var budget = Self.candidateLimit
            var startingHere: (Int, Int)?
            var inside: (Int, Int)?
            // A whole-sentence match ends the search, so it is returned; other kinds are remembered.
            func consider(_ number: Int, _ p: Int) -> Int? {
                let paragraph = form(number)
                let values = paragraph.values
                guard p + n <= values.count else { return nil }
                for k in 0..<n where values[p + k] != key[k] { return nil }
                let s = paragraph.sentence(containing: p)
                if p == paragraph.firstWords[s] {
                    let rest = values[(p + n)..<max(p + n, paragraph.sentenceEnds[s])]
                    if rest.allSatisfy({ !Self.isWordValue($0) }) { return s }
                    if startingHere == nil { startingHere = (number, s) }
                } else if inside == nil {
                    inside = (number, s)
                }
                return nil
            }
            if n >= Self.keyLength {
                let h = Self.hash(key[0..<Self.keyLength])
                var j = chainHeads[h] ?? -1
                while j >= 0 && budget > 0 {
                    budget -= 1
                    let place = places[Int(j)]
                    if let whole = consider(Int(place.paragraph), Int(place.offset)) { return location(Int(place.paragraph), whole) }
                    j = chainNext[Int(j)]
                }
            } else {
                // Too short for the hash key: rare (a note of a word or two), so scan the first
                // word starts of the article.
                scan: for number in paragraphs.indices where !paragraphs[number].sentences.isEmpty {
                    for p in form(number).wordStarts {
                        guard budget > 0 else { break scan }
                        budget -= 1
                        if let whole = consider(number, p) { return location(number, whole) }
                    }
                }
            }
            return (startingHere ?? inside).map { location($0.0, $0.1) }
        }

        /// One paragraph's sentences in normalised form: the values, where each sentence starts,
        /// where its first word starts and where it ends, and where every word starts.
        private struct Normalised {
            var values: [UInt32] = []
            var sentenceStarts: [Int] = []
            var firstWords: [Int] = []
            var sentenceEnds: [Int] = []
            var wordStarts: [Int] = []

            init(_ paragraph: (section: Int, paragraph: Int, text: String, sentences: [Range<Int>])) {
                let scalars = paragraph.text.scalarArray
                values.reserveCapacity(scalars.count)
                for range in paragraph.sentences {
                    let lo = min(max(0, range.lowerBound), scalars.count)
                    let hi = min(max(lo, range.upperBound), scalars.count)
                    sentenceStarts.append(values.count)
                    var firstWord: Int?
                    var previousWasWord = false
                    for c in scalars[lo..<hi] {
                        let word = Index.isWordScalar(c)
                        if word && (!previousWasWord || (!c.isASCII && c.properties.isIdeographic)) {
                            wordStarts.append(values.count)
                            if firstWord == nil { firstWord = values.count }
                        }
                        previousWasWord = word
                        Index.appendNormalised(c, to: &values)
                    }
                    firstWords.append(firstWord ?? values.count)
                    sentenceEnds.append(values.count)
                }
            }

            func sentence(containing p: Int) -> Int {
                var lo = 0, hi = sentenceStarts.count
                while hi - lo > 1 {
                    let mid = (lo + hi) / 2
                    if sentenceStarts[mid] <= p { lo = mid } else { hi = mid }
                }
                return lo
            }
        }

        // MARK: Normalisation

        private static func normalisedNeedle(_ text: String) -> [UInt32] {
            var out: [UInt32] = []
            for c in text.unicodeScalars { appendNormalised(c, to: &out) }
            guard let first = out.firstIndex(where: isWordValue),
                  let last = out.lastIndex(where: isWordValue) else { return [] }
            return Array(out[first...last])
        }

        fileprivate static func appendNormalised(_ c: Unicode.Scalar, to out: inout [UInt32]) {
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

        fileprivate static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
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
