import Testing
@testable import LessonKit

/// The parser's line tests, made cheap for long vocabularies (issue 5): `Example:` read byte by
/// byte and heading keys settled without case mapping for lines in Chinese. What they accept
/// must not change.
@Suite struct ParserLineTests {
    @Test func exampleLinesInAnyCaseWithEitherColon() {
        #expect(LessonParser.exampleText("Example:Boats moor at the quay.") == "Boats moor at the quay.")
        #expect(LessonParser.exampleText("EXAMPLE: Boats moor.") == "Boats moor.")
        #expect(LessonParser.exampleText("example：船停泊在码头。") == "船停泊在码头。")
        #expect(LessonParser.exampleText("ExAmPlE:x") == "x")
    }

    @Test func linesThatOnlyLookLikeAnExampleAreNot() {
        for line in ["Example", "Exampl:", "Examples: more", "Example - x", "Éxample: x", "Ｅxample: x",
                     "Example\u{301}: x", "Example:\u{301}x", " Example: x", "", "例句：Example: x"] {
            #expect(LessonParser.exampleText(line) == nil, "\(line)")
        }
    }

    @Test func headingKeysIgnoreCaseMarksAndColons() {
        #expect(LessonParser.headingKey("Vocabulary Learning") == "vocabulary learning")
        #expect(LessonParser.headingKey("## SENTENCE   LEARNING：") == "sentence learning")
        #expect(LessonParser.headingKey("Main Body:") == "main body")
        // The Kelvin sign lower-cases to an ASCII k: such a line still gets its key.
        #expect(LessonParser.headingKey("\u{212A}EY") == "key")
    }

    @Test func linesWithChineseOrSymbolsFromU2200OnAreNoHeading() {
        #expect(LessonParser.headingKey("词汇学习") == "")
        #expect(LessonParser.headingKey("Vocabulary Learning 词汇") == "")
        #expect(LessonParser.headingKey("stem from 源于") == "")
        #expect(!LessonParser.isVocabularyHeading("Vocabulary Learning（词汇）"))
        #expect(LessonParser.isVocabularyHeading("  Vocabulary Learning:  "))
    }
}
