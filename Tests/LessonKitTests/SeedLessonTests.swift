import Testing
import LessonKit

/// The seed lesson defines the format, so it is pinned down field by field: any change in how the
/// engine reads it shows up here first.
@Suite struct SeedLessonTests {
    static let lesson: Lesson? = try? Lesson.read(path: ShippedLessons.seedPath)

    struct ExpectedTerm: Sendable {
        var term: String
        var line: Int
        var english: String
        var chinese: String
        var example: String
        /// Scalar ranges in the Main Body paragraph (section 1), or in the Conclusion (section 2).
        var occurrences: [(section: Int, start: Int, end: Int, text: String)]
    }

    static let terms: [ExpectedTerm] = [
        ExpectedTerm(
            term: "coercion", line: 17,
            english: "The practice of persuading someone to do something by using force, threats, or undue pressure.",
            chinese: "通過使用武力、威脅或不當壓力說服某人做某事的行为。",
            example: "Representative Huizenga characterized model extraction as a form of economic coercion.",
            occurrences: [(1, 944, 952, "coercion"), (1, 1406, 1414, "coercion")]),
        ExpectedTerm(
            term: "distillation", line: 20,
            english: "The process of extracting knowledge or capabilities from a larger AI model to train a smaller, more efficient model.",
            chinese: "從大型AI模型中提取知識或能力以訓練更小、更高效模型的過程。",
            example: "The memo alleged that foreign actors are engaged in deliberate, industrial-scale distillation campaigns.",
            occurrences: [(1, 210, 222, "distillation"), (1, 1705, 1717, "distillation"),
                          (1, 2079, 2091, "Distillation"), (1, 2648, 2660, "distillation")]),
        ExpectedTerm(
            term: "illicitly", line: 23,
            english: "In a manner that is illegal or not permitted; unlawfully.",
            chinese: "以非法或未經允許的方式;違法地。",
            example: "Anthropic alleged that Chinese firms had illicitly extracted capabilities from its Claude chatbot.",
            occurrences: [(1, 1642, 1651, "illicitly")]),
        ExpectedTerm(
            term: "jailbreaking", line: 26,
            english: "Techniques used to bypass restrictions or safeguards in AI systems to gain unauthorized access or capabilities.",
            chinese: "用於繞過AI系統限制或安全措施以獲取未經授權的訪問或能力的技术。",
            example: "These actors use tens of thousands of proxy accounts and jailbreaking techniques to systematically extract proprietary information.",
            occurrences: [(1, 314, 326, "jailbreaking")]),
        ExpectedTerm(
            term: "trajectory", line: 29,
            english: "The path or course of development over time; a trend or direction.",
            chinese: "隨時間發展的路徑或過程;趨勢或方向。",
            example: "The situation unfolds against a backdrop of narrowing US-China AI performance gaps, leaving the trajectory of enforcement uncertain.",
            occurrences: [(2, 348, 358, "trajectory")]),
    ]

    /// Each note: its line, the start of its sentence, the Main Body sentence it is about, and how
    /// its English and Chinese analyses begin.
    static let notes: [(line: Int, sentencePrefix: String, sentence: Int, english: String, chinese: String)] = [
        (35, "The memo was issued concurrently with a bipartisan bill", 3,
         "Main clause: \"The memo was issued concurrently", "主要子句:「The memo was issued"),
        (37, "According to the memo, these actors use tens of thousands", 1,
         "Adverbial phrase \"According to the memo\"", "副詞短語「According to the memo」"),
        (39, "Kyle Chan, a fellow at the Brookings Institution, noted", 16,
         "Appositive noun phrase \"a fellow at the Brookings Institution\"", "同位名詞短語「a fellow at the Brookings Institution」"),
        (41, "The administration indicated it would collaborate with US AI firms", 2,
         "Main clause: \"The administration indicated", "主要子句:「The administration indicated"),
        (43, "Anthropic acknowledged its legitimate use but argued", 14,
         "Main clause: \"Anthropic acknowledged its legitimate use", "主要子句:「Anthropic acknowledged"),
    ]

    @Test func readsWithoutAnyDiagnostic() throws {
        let lesson = try #require(Self.lesson)
        #expect(lesson.diagnostics == [])
    }

    @Test func titleIsTheFirstLine() throws {
        let lesson = try #require(Self.lesson)
        #expect(lesson.title == "US Administration Accuses Chinese Entities of Industrial-Scale AI Model Distillation, Announces Countermeasures")
    }

    @Test func articleHasThreeSectionsOfOneParagraphEach() throws {
        let lesson = try #require(Self.lesson)
        #expect(lesson.sections.map(\.heading) == ["Introduction", "Main Body", "Conclusion"])
        #expect(lesson.sections.map(\.line) == [3, 7, 11])
        #expect(lesson.sections.map(\.paragraphs.count) == [1, 1, 1])
        #expect(lesson.sections.flatMap(\.paragraphs).map(\.line) == [5, 9, 13])
        #expect(lesson.sections.first?.paragraphs.first?.text.hasPrefix("The White House has issued a memorandum accusing foreign entities") == true)
        #expect(lesson.sections.last?.paragraphs.last?.text.hasSuffix("leaving the trajectory of enforcement and bilateral relations uncertain.") == true)
    }

    @Test func paragraphsAreSplitIntoSentences() throws {
        let lesson = try #require(Self.lesson)
        #expect(lesson.sections.map { $0.paragraphs[0].sentences.count } == [2, 19, 2])
        let intro = try #require(lesson.sections.first?.paragraphs.first)
        #expect(intro.text.scalarSlice(intro.sentences[1])
            == "The administration stated it will share intelligence with American AI companies, develop defensive best practices, and explore punitive measures.")
    }

    @Test func vocabularyHasTheFiveTermsWithTheirDefinitionsAndExamples() throws {
        let lesson = try #require(Self.lesson)
        #expect(lesson.vocabulary.map(\.term) == Self.terms.map(\.term))
        for (entry, expected) in zip(lesson.vocabulary, Self.terms) {
            #expect(entry.line == expected.line, "\(expected.term)")
            #expect(entry.definition == expected.english, "\(expected.term)")
            #expect(entry.chineseDefinition == expected.chinese, "\(expected.term)")
            #expect(entry.example == expected.example, "\(expected.term)")
        }
    }

    @Test func everyOccurrenceOfEveryTermIsFoundWithItsExactText() throws {
        let lesson = try #require(Self.lesson)
        #expect(lesson.vocabulary.map(\.occurrences.count) == [2, 4, 1, 1, 1])
        for (entry, expected) in zip(lesson.vocabulary, Self.terms) {
            let found = entry.occurrences.map { "\($0.section)/\($0.paragraph) \($0.start)..<\($0.end) \($0.text)" }
            let wanted = expected.occurrences.map { "\($0.section)/0 \($0.start)..<\($0.end) \($0.text)" }
            #expect(found == wanted, "\(expected.term)")
            for occurrence in entry.occurrences {
                let paragraph = lesson.sections[occurrence.section].paragraphs[occurrence.paragraph]
                #expect(paragraph.text.scalarSlice(occurrence.start..<occurrence.end) == occurrence.text)
            }
        }
    }

    @Test func allFiveNotesAreLocatedAtTheirSentences() throws {
        let lesson = try #require(Self.lesson)
        #expect(lesson.sentenceNotes.count == 5)
        for (note, expected) in zip(lesson.sentenceNotes, Self.notes) {
            #expect(note.line == expected.line)
            #expect(note.sentence.hasPrefix(expected.sentencePrefix))
            #expect(note.location == SentenceLocation(section: 1, paragraph: 0, sentence: expected.sentence),
                    "note at line \(expected.line)")
            #expect(note.analysis.hasPrefix(expected.english))
            #expect(note.chineseAnalysis.hasPrefix(expected.chinese))
            #expect(!BilingualText.containsCJK(note.analysis), "the English analysis stops at the first CJK character")
            #expect(note.chineseAnalysis.hasSuffix("。"))
            let location = try #require(note.location)
            let paragraph = lesson.sections[location.section].paragraphs[location.paragraph]
            #expect(paragraph.text.scalarSlice(paragraph.sentences[location.sentence]) == note.sentence)
        }
    }

    @Test func analysesSplitAtTheFirstCJKCharacterAndLoseNothing() throws {
        let lesson = try #require(Self.lesson)
        let fileLines = try ShippedLessons.lines(of: ShippedLessons.seedPath)
        for note in lesson.sentenceNotes {
            // The analysis line follows its sentence line directly in the seed.
            #expect(note.analysis + note.chineseAnalysis == fileLines[note.line], "note at line \(note.line)")
            #expect(note.chineseAnalysis.unicodeScalars.first.map(BilingualText.isCJK) == true)
        }
        let last = try #require(lesson.sentenceNotes.last)
        #expect(last.chineseAnalysis.contains("「Anthropic acknowledged its legitimate use"))
    }
}
