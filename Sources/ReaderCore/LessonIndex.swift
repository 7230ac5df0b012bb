import LessonKit

/// Look-ups the reader needs on every keypress, built once per lesson: vocabulary occurrences by
/// paragraph and in reading order, sentences in reading order, and the size of the text before
/// each paragraph (for the percentage read).
public struct LessonIndex: Sendable {
    public struct Mark: Sendable, Hashable {
        public var term: Int
        public var start: Int
        public var end: Int
    }

    public struct Place: Sendable, Hashable, Comparable {
        public var section: Int
        public var paragraph: Int
        public var start: Int
        public var end: Int
        public var term: Int

        public static func < (a: Place, b: Place) -> Bool {
            (a.section, a.paragraph, a.start, a.term) < (b.section, b.paragraph, b.start, b.term)
        }
    }

    /// marks[section][paragraph]: occurrences sorted by start.
    public let marks: [[[Mark]]]
    /// Every occurrence of every term in reading order.
    public let places: [Place]
    /// Every sentence in reading order.
    public let sentences: [SentenceLocation]
    /// Scalars of all paragraphs before each paragraph: before[section][paragraph].
    public let scalarsBefore: [[Int]]
    public let totalScalars: Int
    /// Normalised key of each term, to look up and save its status.
    public let termKeys: [String]
    /// Note index for each located sentence.
    public let noteAt: [SentenceLocation: Int]

    public init(_ lesson: Lesson) {
        var marks = lesson.sections.map { section in section.paragraphs.map { _ in [Mark]() } }
        var places: [Place] = []
        for (t, entry) in lesson.vocabulary.enumerated() {
            for o in entry.occurrences where marks.indices.contains(o.section) && marks[o.section].indices.contains(o.paragraph) {
                marks[o.section][o.paragraph].append(Mark(term: t, start: o.start, end: o.end))
                places.append(Place(section: o.section, paragraph: o.paragraph, start: o.start, end: o.end, term: t))
            }
        }
        for s in marks.indices {
            for p in marks[s].indices where marks[s][p].count > 1 {
                marks[s][p].sort { ($0.start, $0.term) < ($1.start, $1.term) }
            }
        }
        self.marks = marks
        self.places = places.sorted()

        var sentences: [SentenceLocation] = []
        var before: [[Int]] = []
        var total = 0
        for (s, section) in lesson.sections.enumerated() {
            var row: [Int] = []
            for (p, paragraph) in section.paragraphs.enumerated() {
                row.append(total)
                total += paragraph.text.scalarCount
                for i in paragraph.sentences.indices {
                    sentences.append(SentenceLocation(section: s, paragraph: p, sentence: i))
                }
            }
            before.append(row)
        }
        self.sentences = sentences
        self.scalarsBefore = before
        self.totalScalars = total
        self.termKeys = lesson.vocabulary.map { VocabularyMatcher.normalise($0.term) }
        var noteAt: [SentenceLocation: Int] = [:]
        for (i, note) in lesson.sentenceNotes.enumerated() {
            if let location = note.location, noteAt[location] == nil { noteAt[location] = i }
        }
        self.noteAt = noteAt
    }

    /// Position of a sentence in `sentences` (binary search).
    public func ordinal(of location: SentenceLocation) -> Int? {
        var lo = 0, hi = sentences.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sentences[mid] < location { lo = mid + 1 } else { hi = mid }
        }
        return lo < sentences.count && sentences[lo] == location ? lo : nil
    }

    /// The first occurrence place at or after a point in the text.
    public func placeIndex(atOrAfter section: Int, _ paragraph: Int, _ offset: Int) -> Int {
        var lo = 0, hi = places.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let p = places[mid]
            if (p.section, p.paragraph, p.start) < (section, paragraph, offset) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

extension Paragraph {
    /// The sentence containing a scalar offset, or the nearest one before it.
    public func sentenceIndex(at offset: Int) -> Int? {
        guard !sentences.isEmpty else { return nil }
        var lo = 0, hi = sentences.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if sentences[mid].lowerBound <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}
