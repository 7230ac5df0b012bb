/// Turns decoded lines into the parts of a lesson: title, article sections, vocabulary entries and
/// sentence notes, with a diagnostic for everything an author should fix. Analysis (sentences,
/// occurrences, note locations) happens afterwards in `LessonAnalyzer`.
public enum LessonParser {
    /// Headings of the article that need no warning, by heading key, with the spelling shown.
    /// `MAIN BODY` and `main body:` are the same heading, so they read as the same lesson.
    static let articleHeadings: [String: String] = [
        "introduction": "Introduction", "main body": "Main Body", "conclusion": "Conclusion",
    ]
    static let vocabularyHeading = "vocabulary learning"
    static let sentenceHeading = "sentence learning"

    private enum Part { case article, vocabulary, sentences }

    public static func parse(_ decoded: LessonDecoder.Output) -> Lesson {
        var diagnostics = decoded.diagnostics
        // Display safety happens here, once per line, so nothing downstream sees a raw control.
        let lines = decoded.lines.map { LessonDecoder.Line(number: $0.number, text: Sanitizer.displaySafe($0.text)) }
        // Sanitizing changes lengths (a tab becomes spaces, ESC stays one symbol, a bidi control
        // becomes a tag), so a column at the end of a line is taken from the line as decoded,
        // when a diagnostic needs one (counted for every line, it was a tenth of the parse).
        let endColumn = { (number: Int) -> Int in
            let decodedLines = decoded.lines
            // The decoder numbers its lines 1, 2, 3...; any other output is searched.
            let line = decodedLines.indices.contains(number - 1) && decodedLines[number - 1].number == number
                ? decodedLines[number - 1] : decodedLines.first { $0.number == number }
            return line.map { $0.text.scalarCount + 1 } ?? 1
        }

        guard let titleIndex = lines.firstIndex(where: { !$0.text.isBlank }) else {
            diagnostics.append(Diagnostic(line: 1, column: 1, severity: .error,
                                          message: "the lesson has no title; put the title on the first line"))
            return Lesson(title: "", sections: [], vocabulary: [], sentenceNotes: [], diagnostics: diagnostics)
        }
        let title = lines[titleIndex].text.trimmingSpaces()

        // Cut the rest into the article, the vocabulary part and the sentence part.
        var articleLines: [LessonDecoder.Line] = []
        var vocabularyLines: [LessonDecoder.Line] = []
        var sentenceLines: [LessonDecoder.Line] = []
        var vocabularyHeadingLine: Int?
        var sentenceHeadingLine: Int?
        var part = Part.article
        for line in lines[(titleIndex + 1)...] {
            let key = knownHeadingKey(line.text)
            if key == vocabularyHeading {
                if let earlier = vocabularyHeadingLine {
                    diagnostics.append(Diagnostic(line: line.number, column: 1, severity: .warning,
                        message: "a second 'Vocabulary Learning' heading (the first is at line \(earlier)); its entries are added to the first"))
                }
                vocabularyHeadingLine = vocabularyHeadingLine ?? line.number
                part = .vocabulary
                continue
            }
            if key == sentenceHeading {
                if let earlier = sentenceHeadingLine {
                    diagnostics.append(Diagnostic(line: line.number, column: 1, severity: .warning,
                        message: "a second 'Sentence Learning' heading (the first is at line \(earlier)); its entries are added to the first"))
                }
                sentenceHeadingLine = sentenceHeadingLine ?? line.number
                part = .sentences
                continue
            }
            switch part {
            case .article: articleLines.append(line)
            case .vocabulary: vocabularyLines.append(line)
            case .sentences: sentenceLines.append(line)
            }
        }

        let sections = parseArticle(articleLines, titleLine: lines[titleIndex].number, diagnostics: &diagnostics)
        var vocabulary: [VocabularyEntry] = []
        if let headingLine = vocabularyHeadingLine {
            vocabulary = parseVocabulary(vocabularyLines, endColumn: endColumn, diagnostics: &diagnostics)
            if vocabulary.isEmpty && !vocabularyLines.contains(where: { !$0.text.isBlank }) {
                diagnostics.append(Diagnostic(line: headingLine, column: 1, severity: .error,
                    message: "'Vocabulary Learning' has no entries; add a term, its definition and an example, or remove the heading"))
            }
        }
        var notes: [SentenceNote] = []
        if let headingLine = sentenceHeadingLine {
            notes = parseSentenceNotes(sentenceLines, endColumn: endColumn, diagnostics: &diagnostics)
            if notes.isEmpty && !sentenceLines.contains(where: { !$0.text.isBlank }) {
                diagnostics.append(Diagnostic(line: headingLine, column: 1, severity: .error,
                    message: "'Sentence Learning' has no entries; add a sentence from the article and its analysis, or remove the heading"))
            }
        }
        return Lesson(title: title, sections: sections, vocabulary: vocabulary, sentenceNotes: notes,
                      diagnostics: diagnostics)
    }

    // MARK: - Article

    private static func parseArticle(_ lines: [LessonDecoder.Line], titleLine: Int,
                                     diagnostics: inout [Diagnostic]) -> [Section] {
        // Blocks are runs of non-blank lines; a block of one short line is a heading.
        var blocks: [[LessonDecoder.Line]] = []
        var current: [LessonDecoder.Line] = []
        for line in lines {
            if line.text.isBlank {
                if !current.isEmpty { blocks.append(current); current = [] }
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { blocks.append(current) }

        var sections: [Section] = []
        var open: Section?
        func close() {
            guard let section = open else { return }
            if section.paragraphs.isEmpty {
                diagnostics.append(Diagnostic(line: section.line, column: 1, severity: .error,
                    message: "the section '\(section.heading)' has nothing under it; add its paragraphs or remove the heading"))
            } else {
                sections.append(section)
            }
            open = nil
        }

        for var block in blocks {
            let first = block[0]
            // A usual heading is a heading even with its paragraph right under it: joining
            // "Introduction" into the paragraph's text would lose the section without a word.
            if let heading = articleHeadings[knownHeadingKey(first.text)] {
                close()
                open = Section(heading: heading, line: first.number, paragraphs: [])
                block.removeFirst()
                if block.isEmpty { continue }
            } else if block.count == 1 {
                if looksLikeHeading(first.text) {
                    close()
                    diagnostics.append(Diagnostic(line: first.number, column: 1, severity: .warning,
                        message: "unknown heading '\(headingText(first.text))' starts a new section; the usual headings are Introduction, Main Body and Conclusion (end the line with a full stop if it is a paragraph)"))
                    open = Section(heading: headingText(first.text), line: first.number, paragraphs: [])
                    continue
                }
            }
            if open == nil { open = Section(heading: "", line: block[0].number, paragraphs: []) }
            open?.paragraphs.append(Paragraph(text: joinParagraphLines(block.map(\.text)), line: block[0].number))
        }
        close()
        if sections.isEmpty {
            diagnostics.append(Diagnostic(line: titleLine, column: 1, severity: .error,
                message: "the lesson has no article text; put paragraphs between the title and 'Vocabulary Learning'"))
        }
        return sections
    }

    /// Lines of one paragraph become one line: a space between English words, none between two
    /// CJK characters.
    static func joinParagraphLines(_ lines: [String]) -> String {
        var result = ""
        for raw in lines {
            let line = raw.trimmingSpaces()
            if line.isEmpty { continue }
            if let last = result.unicodeScalars.last, let next = line.unicodeScalars.first {
                if !(BilingualText.isCJK(last) && BilingualText.isCJK(next)) { result += " " }
            }
            result += line
        }
        return collapseSpaces(result)
    }

    /// Runs of spaces inside a line become one, so offsets and matching see single spaces.
    static func collapseSpaces(_ text: String) -> String {
        // A byte scan, eight at a time: `String.contains("  ")` searched Characters and took a
        // quarter of the time to read an 8 MB lesson, and `utf8.contains` with a closure still
        // half the time of the parse.
        let hasDoubleSpace = text.utf8.withContiguousStorageIfAvailable(ByteScan.hasDoubleSpace) ?? text.contains("  ")
        guard hasDoubleSpace else { return text }
        var scalars = String.UnicodeScalarView()
        var previousSpace = false
        for scalar in text.unicodeScalars {
            let space = scalar == " "
            if space && previousSpace { continue }
            scalars.append(scalar)
            previousSpace = space
        }
        return String(scalars)
    }

    // MARK: - Vocabulary

    private static func parseVocabulary(_ lines: [LessonDecoder.Line], endColumn: (Int) -> Int,
                                        diagnostics: inout [Diagnostic]) -> [VocabularyEntry] {
        var entries: [VocabularyEntry] = []
        var pendingTerm: LessonDecoder.Line?

        func missingDefinition(_ term: LessonDecoder.Line) {
            diagnostics.append(Diagnostic(line: term.number, column: 1, severity: .error,
                message: "the term '\(term.text.trimmingSpaces())' has no definition line; put its English definition followed by the Chinese on the next line"))
        }

        for line in lines where !line.text.isBlank {
            let text = line.text.trimmingSpaces()
            if let example = exampleText(text) {
                if let term = pendingTerm {
                    missingDefinition(term)
                    pendingTerm = nil
                    continue
                }
                if !entries.isEmpty, entries[entries.count - 1].example == nil {
                    entries[entries.count - 1].example = example
                } else if entries.isEmpty {
                    diagnostics.append(Diagnostic(line: line.number, column: 1, severity: .warning,
                        message: "an example with no term before it is ignored; put it after a term and its definition"))
                } else {
                    diagnostics.append(Diagnostic(line: line.number, column: 1, severity: .warning,
                        message: "a second example for '\(entries[entries.count - 1].term)' is ignored; keep one Example: line per term"))
                }
                continue
            }
            if let term = pendingTerm {
                if looksLikeTerm(text) {
                    // Two term-like lines in a row: the first has lost its definition.
                    missingDefinition(term)
                    pendingTerm = line
                    continue
                }
                let (english, chinese) = BilingualText.split(text)
                if chinese.isEmpty {
                    diagnostics.append(Diagnostic(line: line.number, column: endColumn(line.number), severity: .warning,
                        message: "the definition of '\(term.text.trimmingSpaces())' has no Chinese part; add the Chinese right after the English"))
                }
                entries.append(VocabularyEntry(term: collapseSpaces(term.text.trimmingSpaces()), definition: english,
                                               chineseDefinition: chinese, example: nil, line: term.number))
                pendingTerm = nil
                continue
            }
            if looksLikeTerm(text) {
                pendingTerm = line
            } else {
                diagnostics.append(Diagnostic(line: line.number, column: 1, severity: .warning,
                    message: "this line is neither a term, a definition nor an example and is ignored; a term is a short line of at most six words"))
            }
        }
        if let term = pendingTerm { missingDefinition(term) }
        return entries
    }

    /// The last byte when it is the whole of the line's last Character: an ASCII byte after
    /// another (two ASCII scalars always have a Character break between them, unless they are
    /// CR LF) or alone. Nil sends the caller to `String.last`, which finds the Character's
    /// start by Unicode's rules.
    static func lastCharacterIfASCII(_ line: String) -> UInt8? {
        let utf8 = line.utf8
        guard let last = utf8.last, last < 0x80, last != 0x0A else { return nil }
        let before = utf8.index(before: utf8.endIndex)
        if before == utf8.startIndex { return last }
        let previous = utf8[utf8.index(before: before)]
        return previous < 0x80 && previous != 0x0D ? last : nil
    }

    /// `Example:` with or without a space after the colon, any case.
    static func exampleText(_ line: String) -> String? {
        // "example" in any case, compared byte by byte: only ASCII letters can spell it, and
        // lower-casing or counting the whole line for it took a quarter of parsing a long
        // vocabulary (issue 5).
        let utf8 = line.utf8
        var index = utf8.startIndex
        for expected in "example".utf8 {
            guard index < utf8.endIndex, utf8[index] | 0x20 == expected else { return nil }
            utf8.formIndex(after: &index)
        }
        let rest = line[index...]
        guard let colon = rest.first, colon == ":" || colon == "：" else { return nil }
        return String(rest.dropFirst()).trimmingSpaces()
    }

    /// A term is a short line: at most six words, no CJK, no closing sentence punctuation.
    static func looksLikeTerm(_ line: String) -> Bool {
        guard !line.isEmpty, !BilingualText.containsCJK(line) else { return false }
        if let last = lastCharacterIfASCII(line) {
            if last == 0x2E || last == 0x21 || last == 0x3F || last == 0x3B { return false }
        } else if let last = line.last, ".!?;".contains(last) {
            return false
        }
        return wordCount(line, stopAfter: 7) <= 6
    }

    // MARK: - Sentence notes

    private static func parseSentenceNotes(_ lines: [LessonDecoder.Line], endColumn: (Int) -> Int,
                                           diagnostics: inout [Diagnostic]) -> [SentenceNote] {
        var notes: [SentenceNote] = []
        var pendingSentence: LessonDecoder.Line?
        func missingAnalysis(_ sentence: LessonDecoder.Line) {
            diagnostics.append(Diagnostic(line: sentence.number, column: 1, severity: .error,
                message: "this sentence has no analysis line; put the analysis (English, then Chinese) on the next line"))
        }
        let entries = lines.filter { !$0.text.isBlank }
        for (i, line) in entries.enumerated() {
            let text = line.text.trimmingSpaces()
            guard let sentence = pendingSentence else {
                pendingSentence = line
                continue
            }
            // A line without Chinese right before one with Chinese is the next sentence and its
            // analysis: the pending sentence lost its analysis. Pairing blindly would shift every
            // note after it by one line and report the error at the wrong sentence.
            if !BilingualText.containsCJK(text), i + 1 < entries.count,
               BilingualText.containsCJK(entries[i + 1].text), !BilingualText.containsCJK(sentence.text) {
                missingAnalysis(sentence)
                pendingSentence = line
                continue
            }
            let (english, chinese) = BilingualText.split(text)
            if chinese.isEmpty {
                diagnostics.append(Diagnostic(line: line.number, column: endColumn(line.number), severity: .warning,
                    message: "the analysis has no Chinese part; add the Chinese right after the English"))
            }
            notes.append(SentenceNote(sentence: collapseSpaces(sentence.text.trimmingSpaces()), analysis: english,
                                      chineseAnalysis: chinese, line: sentence.number))
            pendingSentence = nil
        }
        if let sentence = pendingSentence { missingAnalysis(sentence) }
        return notes
    }

    // MARK: - Headings

    /// Whether a line is the heading that starts the vocabulary.
    public static func isVocabularyHeading(_ line: String) -> Bool { knownHeadingKey(line) == vocabularyHeading }

    /// Whether a line is the heading that starts the sentence notes.
    public static func isSentenceHeading(_ line: String) -> Bool { knownHeadingKey(line) == sentenceHeading }

    /// The first letters of the headings the parser knows (`articleHeadings`, the vocabulary's
    /// and the notes', all lower-case ASCII), one bit each from `a`.
    static let knownHeadingInitials: UInt32 = (Array(articleHeadings.keys) + [vocabularyHeading, sentenceHeading])
        .reduce(0) { mask, key in mask | 1 << (key.utf8.first! - 0x61) }

    /// Whether an ASCII byte, in either case, is the first letter of a known heading.
    static func startsKnownHeading(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return lower >= 0x61 && lower <= 0x7A && knownHeadingInitials & 1 << (lower - 0x61) != 0
    }

    /// `headingKey`, or "" at once for a line that cannot give a known heading's key: one whose
    /// first byte after spaces, tabs and # marks is an ASCII character that no known heading
    /// starts with (`headingText` strips no more than that before the key's first character,
    /// and lower-casing keeps ASCII ASCII). Most lines of a vocabulary are settled so: keying
    /// every line took a quarter of parsing a long one (issue 5).
    static func knownHeadingKey(_ line: String) -> String {
        var settled = false
        for byte in line.utf8 where byte != 0x20 && byte != 0x09 && byte != 0x23 {
            settled = byte < 0x80 && !startsKnownHeading(byte)
            break
        }
        return settled ? "" : headingKey(line)
    }

    /// A line as a heading key: lower-cased, trimmed, without leading `#` marks or a trailing
    /// colon. Every heading key is ASCII; a line that cannot give one gives "".
    static func headingKey(_ line: String) -> String {
        // Most lines are paragraphs, far longer than a heading: their byte count (at least
        // their scalar count) settles it without walking their scalars.
        let bytes = line.utf8.count
        guard bytes <= 80 || (bytes <= 320 && line.scalarCount <= 80) else { return "" }
        // No scalar from U+2200 on lower-cases to ASCII (the Kelvin sign, U+212A, does): lines
        // of vocabulary glosses and notes, in Chinese, are settled without Unicode's case
        // mapping, which took a fifth of parsing a long vocabulary.
        let text = headingText(line)
        if text.utf8.contains(where: { $0 >= 0xE2 }), text.unicodeScalars.contains(where: { $0.value >= 0x2200 }) { return "" }
        return collapseSpaces(text.lowercased())
    }

    static func headingText(_ line: String) -> String {
        var text = Substring(line.trimmingSpaces())
        while text.first == "#" { text = text.dropFirst() }
        while let last = text.last, last == ":" || last == "：" { text = text.dropLast() }
        return String(text).trimmingSpaces()
    }

    /// A standalone short line without sentence punctuation at its end reads as a heading.
    static func looksLikeHeading(_ line: String) -> Bool {
        let text = line.trimmingSpaces()
        // A paragraph of one line is far longer than a heading: more than 240 bytes are more
        // than 60 scalars, settled without walking them.
        guard !text.isEmpty, text.utf8.count <= 240, text.scalarCount <= 60, DisplayWidth.of(text) <= 60 else { return false }
        if let last = text.last, ".!?。！？…,;，；\"”’)）」".contains(last) { return false }
        return wordCount(text, stopAfter: 9) <= 8
    }

    static func wordCount(_ text: String, stopAfter limit: Int) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            if scalar == " " {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
                if count >= limit { return count }
            }
        }
        return count
    }
}

extension String {
    var isBlank: Bool { unicodeScalars.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\u{3000}" } }
}
