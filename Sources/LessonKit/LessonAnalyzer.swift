/// The last stage: sentences of every paragraph, every place a vocabulary term stands, and the
/// sentence each note talks about.
public enum LessonAnalyzer {
    public static func analyze(_ parsed: Lesson, vocabulary prepared: PreparedVocabulary? = nil) -> Lesson {
        var lesson = parsed
        for s in lesson.sections.indices {
            for p in lesson.sections[s].paragraphs.indices {
                lesson.sections[s].paragraphs[p].sentences = SentenceSplitter.split(lesson.sections[s].paragraphs[p].text)
            }
        }
        findOccurrences(in: &lesson, prepared: prepared) { _, _ in true }
        locateNotes(in: &lesson)
        lesson.diagnostics.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        return lesson
    }

    /// A first look at a long lesson, for the reader to show at once while `analyze` runs in
    /// the background: the paragraphs `wanted` accepts get their sentences and vocabulary
    /// occurrences; every other paragraph is one sentence with no vocabulary marked, and notes
    /// are not located yet. The text, and so the layout and every paragraph's place, are those
    /// of the full analysis, which the reader swaps in when it is ready.
    public static func preview(_ parsed: Lesson, vocabulary prepared: PreparedVocabulary? = nil,
                               analysing wanted: (_ section: Int, _ paragraph: Int) -> Bool) -> Lesson {
        var lesson = parsed
        for s in lesson.sections.indices {
            for p in lesson.sections[s].paragraphs.indices {
                let text = lesson.sections[s].paragraphs[p].text
                lesson.sections[s].paragraphs[p].sentences = wanted(s, p)
                    ? SentenceSplitter.split(text)
                    : SentenceSplitter.wholeText(text)
            }
        }
        findOccurrences(in: &lesson, prepared: prepared, where: wanted)
        return lesson
    }

    /// Lessons with more article text than this (UTF-8 bytes) open in the reader on a
    /// `preview`, with the full analysis run in the background. Shorter ones are analysed in a
    /// few milliseconds, before the first screen.
    public static let previewThreshold = 256 * 1024
    /// Paragraphs analysed for a preview on each side of the reader's place.
    public static let previewRadius = 40

    /// Whether a parsed lesson is long enough to open on a preview.
    public static func wantsPreview(_ parsed: Lesson) -> Bool {
        articleHolds(parsed, moreThan: previewThreshold)
    }

    /// Whether the article holds more than `limit` bytes of text (UTF-8), counting only as far
    /// as needed to tell.
    public static func articleHolds(_ parsed: Lesson, moreThan limit: Int) -> Bool {
        var bytes = 0
        for section in parsed.sections {
            for paragraph in section.paragraphs {
                bytes += paragraph.text.utf8.count
                if bytes > limit { return true }
            }
        }
        return false
    }

    /// The reader's preview: paragraphs within `previewRadius` (in reading order) of `position`,
    /// or of the start, analysed.
    public static func preview(_ parsed: Lesson, around position: SentenceLocation?,
                               vocabulary prepared: PreparedVocabulary? = nil) -> Lesson {
        var first: [Int] = []  // reading-order number of each section's first paragraph
        var count = 0
        for section in parsed.sections {
            first.append(count)
            count += section.paragraphs.count
        }
        let centre = position.map { first.indices.contains($0.section) ? first[$0.section] + $0.paragraph : 0 } ?? 0
        return preview(parsed, vocabulary: prepared) { s, p in abs(first[s] + p - centre) <= previewRadius }
    }

    /// How many paragraphs, in reading order from the start, a screen of `rows` rows and
    /// `columns` columns can show at most: each takes the blank row after it and at least the
    /// rows its text needs at that width, counting only what is not a space (the spaces where
    /// lines break are dropped) and lines up to two columns wide on a screen one column wide.
    public static func paragraphsOnFirstScreen(_ parsed: Lesson, rows: Int, columns: Int) -> Int {
        let perRow = max(2, columns)
        var shown = 0, used = 0
        for section in parsed.sections {
            for paragraph in section.paragraphs {
                if used >= rows { return shown }
                shown += 1
                var spaces = 0
                for byte in paragraph.text.utf8 where byte == 0x20 { spaces += 1 }
                let inked = max(0, DisplayWidth.of(paragraph.text) - spaces)
                used += max(1, (inked + perRow - 1) / perRow) + 1
            }
        }
        return shown
    }

    /// A preview with the first `count` paragraphs in reading order analysed.
    public static func preview(_ parsed: Lesson, firstParagraphs count: Int,
                               vocabulary prepared: PreparedVocabulary? = nil) -> Lesson {
        var first: [Int] = []  // reading-order number of each section's first paragraph
        var total = 0
        for section in parsed.sections {
            first.append(total)
            total += section.paragraphs.count
        }
        return preview(parsed, vocabulary: prepared) { s, p in first[s] + p < count }
    }

    /// Occurrences: one pass over the article with an index of every term's word forms, the
    /// prepared one when it was made for this lesson's terms.
    private static func findOccurrences(in lesson: inout Lesson, prepared: PreparedVocabulary?,
                                        where wanted: (Int, Int) -> Bool) {
        let terms = lesson.vocabulary.map(\.term)
        let matcher = prepared?.matcher(for: terms) ?? VocabularyMatcher(terms: terms)
        var occurrences = Array(repeating: [Occurrence](), count: lesson.vocabulary.count)
        for (s, section) in lesson.sections.enumerated() {
            for (p, paragraph) in section.paragraphs.enumerated() where wanted(s, p) {
                let matches = matcher.matches(in: paragraph.text)
                guard !matches.isEmpty else { continue }
                let scalars = paragraph.text.scalarArray
                for match in matches where match.term < occurrences.count {
                    let lo = max(0, min(match.start, scalars.count)), hi = max(lo, min(match.end, scalars.count))
                    occurrences[match.term].append(Occurrence(section: s, paragraph: p, start: lo, end: hi,
                                                              text: String(scalars: scalars[lo..<hi])))
                }
            }
        }
        for i in lesson.vocabulary.indices { lesson.vocabulary[i].occurrences = occurrences[i] }
    }

    /// Notes: find each one's sentence; a note that matches nothing is still shown, with a warning.
    private static func locateNotes(in lesson: inout Lesson) {
        if !lesson.sentenceNotes.isEmpty {
            var paragraphs: [(section: Int, paragraph: Int, text: String, sentences: [Range<Int>])] = []
            for (s, section) in lesson.sections.enumerated() {
                for (p, paragraph) in section.paragraphs.enumerated() {
                    paragraphs.append((s, p, paragraph.text, paragraph.sentences))
                }
            }
            let needles = lesson.sentenceNotes.map(\.sentence)
            let locations = SentenceLocator.Index(paragraphs, needles: needles).locateAll(needles)
            for i in lesson.sentenceNotes.indices {
                let note = lesson.sentenceNotes[i]
                if let found = locations[i] {
                    lesson.sentenceNotes[i].location = found
                } else {
                    lesson.diagnostics.append(Diagnostic(line: note.line, column: 1, severity: .warning,
                        message: "this note's sentence is not in the article; copy the sentence exactly as the article has it"))
                }
            }
        }
    }
}

/// Reading a lesson from bytes or from a file: decode, parse, analyse.
extension Lesson {
    public static func read(bytes: [UInt8]) throws(LessonError) -> Lesson {
        let decoded = try LessonDecoder.decode(bytes)
        return LessonAnalyzer.analyze(LessonParser.parse(decoded))
    }

    public static func read(path: String) throws(LessonError) -> Lesson {
        let bytes = try FileBytes.read(path)
        return try read(bytes: bytes)
    }

    /// Decoded and parsed, not analysed: for `LessonAnalyzer.preview` and then `analyze`.
    public static func parse(bytes: [UInt8]) throws(LessonError) -> Lesson {
        LessonParser.parse(try LessonDecoder.decode(bytes))
    }
}

/// A vocabulary's matcher, made once for every analysis of the same terms (issue 5: a long
/// lesson's quick look, then the whole lesson's preview and its full analysis each built their
/// own, 7.5 million instructions for 300 terms, and the first one was freed on the way to the
/// first screen). It serves only a lesson with exactly the terms it was made from; any other
/// makes its own.
public final class PreparedVocabulary: Sendable {
    public let terms: [String]
    let matcher: VocabularyMatcher

    public init(terms: [String]) {
        self.terms = terms
        matcher = VocabularyMatcher(terms: terms)
    }

    func matcher(for lessonTerms: [String]) -> VocabularyMatcher? {
        lessonTerms == terms ? matcher : nil
    }
}
