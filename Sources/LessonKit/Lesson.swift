/// A lesson after decoding, parsing and analysis: everything the reader needs to show it,
/// nothing about screens. Offsets inside a paragraph (`start`, `end`, sentence ranges) count
/// Unicode scalars of the paragraph's `text`; lines and columns are 1-based, as in the file.
public struct Lesson: Sendable, Equatable {
    public var title: String
    public var sections: [Section]
    public var vocabulary: [VocabularyEntry]
    public var sentenceNotes: [SentenceNote]
    public var diagnostics: [Diagnostic]

    public init(title: String, sections: [Section], vocabulary: [VocabularyEntry],
                sentenceNotes: [SentenceNote], diagnostics: [Diagnostic]) {
        self.title = title
        self.sections = sections
        self.vocabulary = vocabulary
        self.sentenceNotes = sentenceNotes
        self.diagnostics = diagnostics
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

public struct Section: Sendable, Equatable {
    public var heading: String
    /// Line of the heading in the file (or of the first paragraph when the section has no heading line).
    public var line: Int
    public var paragraphs: [Paragraph]

    public init(heading: String, line: Int, paragraphs: [Paragraph]) {
        self.heading = heading
        self.line = line
        self.paragraphs = paragraphs
    }
}

public struct Paragraph: Sendable, Equatable {
    /// Display-safe text: lines of the paragraph joined by single spaces.
    public var text: String
    /// First line of the paragraph in the file.
    public var line: Int
    /// Sentences as scalar-offset ranges into `text`, in order, without surrounding spaces.
    public var sentences: [Range<Int>]

    public init(text: String, line: Int, sentences: [Range<Int>] = []) {
        self.text = text
        self.line = line
        self.sentences = sentences
    }
}

public struct VocabularyEntry: Sendable, Equatable {
    public var term: String
    public var definition: String
    public var chineseDefinition: String
    public var example: String?
    /// Line of the term in the file.
    public var line: Int
    public var occurrences: [Occurrence]

    public init(term: String, definition: String, chineseDefinition: String, example: String?,
                line: Int, occurrences: [Occurrence] = []) {
        self.term = term
        self.definition = definition
        self.chineseDefinition = chineseDefinition
        self.example = example
        self.line = line
        self.occurrences = occurrences
    }
}

/// One place in the article where a vocabulary term stands.
public struct Occurrence: Sendable, Equatable, Hashable {
    public var section: Int
    public var paragraph: Int
    public var start: Int
    public var end: Int
    public var text: String

    public init(section: Int, paragraph: Int, start: Int, end: Int, text: String) {
        self.section = section
        self.paragraph = paragraph
        self.start = start
        self.end = end
        self.text = text
    }
}

public struct SentenceLocation: Sendable, Equatable, Hashable, Comparable {
    public var section: Int
    public var paragraph: Int
    public var sentence: Int

    public init(section: Int, paragraph: Int, sentence: Int) {
        self.section = section
        self.paragraph = paragraph
        self.sentence = sentence
    }

    public static func < (a: SentenceLocation, b: SentenceLocation) -> Bool {
        (a.section, a.paragraph, a.sentence) < (b.section, b.paragraph, b.sentence)
    }
}

public struct SentenceNote: Sendable, Equatable {
    public var sentence: String
    public var analysis: String
    public var chineseAnalysis: String
    public var line: Int
    public var location: SentenceLocation?

    public init(sentence: String, analysis: String, chineseAnalysis: String, line: Int,
                location: SentenceLocation? = nil) {
        self.sentence = sentence
        self.analysis = analysis
        self.chineseAnalysis = chineseAnalysis
        self.line = line
        self.location = location
    }
}

public enum Severity: String, Sendable, Equatable, Codable {
    case error
    case warning
}

public struct Diagnostic: Sendable, Equatable {
    public var line: Int
    public var column: Int
    public var severity: Severity
    public var message: String

    public init(line: Int, column: Int, severity: Severity, message: String) {
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }
}

extension String {
    /// A string of the given scalars, encoded to UTF-8 here: appending scalars to a string
    /// view goes through the standard library's unspecialised generic code, which cost a tenth
    /// of the seed lesson's analysis when it ran for the first time (issue 5).
    init(scalars: ArraySlice<Unicode.Scalar>) {
        var length = 0
        for scalar in scalars { length += UTF8.width(scalar) }
        self = String(unsafeUninitializedCapacity: length) { buffer in
            var n = 0
            for scalar in scalars {
                UTF8.encode(scalar) { byte in
                    buffer[n] = byte
                    n += 1
                }
            }
            return n
        }
    }

    /// The substring between two Unicode-scalar offsets, clamped to the string.
    public func scalarSlice(_ range: Range<Int>) -> String {
        let scalars = unicodeScalars
        let count = range.lowerBound
        guard let lo = scalars.index(scalars.startIndex, offsetBy: max(0, count), limitedBy: scalars.endIndex) else {
            return ""
        }
        let hi = scalars.index(lo, offsetBy: max(0, range.count), limitedBy: scalars.endIndex) ?? scalars.endIndex
        return String(scalars[lo..<hi])
    }
}
