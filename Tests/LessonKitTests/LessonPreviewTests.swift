import Foundation
import Testing
@testable import LessonKit

/// The reader's first look at a long lesson (`LessonAnalyzer.preview`) and the stand-in
/// sentence it gives paragraphs it has not split (`SentenceSplitter.wholeText`).
@Suite struct LessonPreviewTests {
    /// What `wholeText` must return, written the slow and obvious way.
    static func expectedWholeText(_ text: String) -> [Range<Int>] {
        let scalars = Array(text.unicodeScalars)
        let isSpace = { (c: Unicode.Scalar) in c.properties.isWhitespace || c == "\u{200B}" || c == "\u{FEFF}" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return [] }
        return [first..<(last + 1)]
    }

    @Test(arguments: [
        "", " ", "\u{3000}\u{200B} \t", "word", "  two words  ", "中文句子。", "\u{3000}中文\u{3000}",
        "e\u{301}t\u{E9}", "🇨🇳 flags 😀 ", "\u{FEFF}mark\u{200B}", "tab\tinside\u{A0}", "\u{85}next line\u{2028}",
    ])
    func wholeTextIsTheTextWithoutItsOuterSpaces(_ text: String) {
        #expect(SentenceSplitter.wholeText(text) == Self.expectedWholeText(text))
    }

    /// Every text of up to four pieces drawn from spaces of several kinds and text of several
    /// widths and lengths in UTF-8: 4,681 texts.
    @Test func wholeTextAgreesOnEveryShortMix() {
        let pieces = [" ", "a", "中", "\u{3000}", "\u{200B}", "e\u{301}", "😀", "\u{A0}"]
        var texts = [""]
        var previous = [""]
        for _ in 1...4 {
            previous = previous.flatMap { text in pieces.map { text + $0 } }
            texts += previous
        }
        #expect(texts.count == 4_681)
        for text in texts {
            #expect(SentenceSplitter.wholeText(text) == Self.expectedWholeText(text), "text: \(text.debugDescription)")
        }
    }

    @Test func previewAnalysesOnlyTheChosenParagraphs() throws {
        let parsed = try Lesson.parse(bytes: Array(Data(contentsOf: URL(fileURLWithPath: ShippedLessons.seedPath))))
        let full = LessonAnalyzer.analyze(parsed)
        let chosen: Set<[Int]> = [[0, 0], [2, 0]]
        let preview = LessonAnalyzer.preview(parsed) { chosen.contains([$0, $1]) }

        #expect(preview.sections.map { $0.paragraphs.map(\.text) } == full.sections.map { $0.paragraphs.map(\.text) })
        for (s, section) in preview.sections.enumerated() {
            for (p, paragraph) in section.paragraphs.enumerated() {
                let expected = chosen.contains([s, p]) ? full.sections[s].paragraphs[p].sentences
                                                       : SentenceSplitter.wholeText(paragraph.text)
                #expect(paragraph.sentences == expected, "paragraph \(s).\(p)")
            }
        }
        // Occurrences: exactly the full analysis's, in the chosen paragraphs only.
        let wanted = full.vocabulary.map { $0.occurrences.filter { chosen.contains([$0.section, $0.paragraph]) } }
        #expect(preview.vocabulary.map(\.occurrences) == wanted)
        #expect(wanted.contains { !$0.isEmpty }, "the seed's chosen paragraphs hold vocabulary, so this test shows something")
        #expect(full.vocabulary.flatMap(\.occurrences).count > wanted.flatMap { $0 }.count)
        // Notes wait for the full analysis.
        #expect(preview.sentenceNotes.allSatisfy { $0.location == nil })
        #expect(full.sentenceNotes.contains { $0.location != nil })
    }

    @Test func previewOfEveryParagraphIsTheFullAnalysisBarTheNotes() throws {
        let parsed = try Lesson.parse(bytes: Array(Data(contentsOf: URL(fileURLWithPath: ShippedLessons.seedPath))))
        let full = LessonAnalyzer.analyze(parsed)
        let preview = LessonAnalyzer.preview(parsed) { _, _ in true }
        #expect(preview.sections == full.sections)
        #expect(preview.vocabulary == full.vocabulary)
    }
}

/// A long lesson's analyses share one matcher when their terms are the same (issue 5).
@Suite struct PreparedVocabularyTests {
    @Test func aPreparedVocabularyServesOnlyTheTermsItWasMadeFor() throws {
        let parsed = try Lesson.parse(bytes: Array(Data(contentsOf: URL(fileURLWithPath: ShippedLessons.seedPath))))
        let terms = parsed.vocabulary.map(\.term)
        let plain = LessonAnalyzer.analyze(parsed)
        #expect(plain.vocabulary.contains { !$0.occurrences.isEmpty })
        let same = PreparedVocabulary(terms: terms)
        #expect(same.matcher(for: terms) != nil)
        #expect(LessonAnalyzer.analyze(parsed, vocabulary: same).vocabulary == plain.vocabulary)
        #expect(LessonAnalyzer.preview(parsed, around: nil, vocabulary: same).vocabulary
                == LessonAnalyzer.preview(parsed, around: nil).vocabulary)
        // Made for the same terms in another order, its matches would land on the wrong entries.
        let other = PreparedVocabulary(terms: terms.reversed())
        #expect(other.matcher(for: terms) == nil)
        #expect(LessonAnalyzer.analyze(parsed, vocabulary: other).vocabulary == plain.vocabulary)
        #expect(LessonAnalyzer.preview(parsed, firstParagraphs: 3, vocabulary: other).vocabulary
                == LessonAnalyzer.preview(parsed, firstParagraphs: 3).vocabulary)
    }
}

@Suite struct PreviewPolicyTests {
    /// A parsed lesson of `count` paragraphs in the Main Body, each about `size` bytes.
    static func parsed(paragraphs count: Int, size: Int) throws -> Lesson {
        var text = "Title\n\nIntroduction\n\nThe start. It is short.\n\nMain Body\n\n"
        let filler = String(repeating: "Words go on. ", count: max(1, size / 13))
        for n in 0..<count { text += "Paragraph \(n) opens. \(filler)\n\n" }
        text += "Conclusion\n\nThe end.\n\nVocabulary Learning\n\nwords\nMore than one word.单词。\nExample:Words go on.\n\nSentence Learning\n\n"
        return try Lesson.parse(bytes: Array(text.utf8))
    }

    @Test func onlyLongLessonsOpenOnAPreview() throws {
        #expect(!LessonAnalyzer.wantsPreview(try Self.parsed(paragraphs: 20, size: 1_000)))
        #expect(LessonAnalyzer.wantsPreview(try Self.parsed(paragraphs: 300, size: 1_000)))
    }

    /// The article's size is told exactly at the limit: the bytes of every paragraph's text.
    @Test func theArticlesSizeIsToldAtItsLimit() throws {
        let parsed = try Self.parsed(paragraphs: 30, size: 500)
        let bytes = parsed.sections.flatMap(\.paragraphs).reduce(0) { $0 + $1.text.utf8.count }
        #expect(bytes > 15_000)
        #expect(LessonAnalyzer.articleHolds(parsed, moreThan: bytes - 1))
        #expect(!LessonAnalyzer.articleHolds(parsed, moreThan: bytes))
        #expect(LessonAnalyzer.articleHolds(parsed, moreThan: 0))
    }

    @Test func thePreviewIsAnalysedAroundThePlace() throws {
        let parsed = try Self.parsed(paragraphs: 200, size: 300)
        let full = LessonAnalyzer.analyze(parsed)
        let place = SentenceLocation(section: 1, paragraph: 120, sentence: 2)
        let preview = LessonAnalyzer.preview(parsed, around: place)
        let body = 1  // the Main Body; the Introduction's one paragraph comes first in reading order
        for (p, paragraph) in preview.sections[body].paragraphs.enumerated() {
            let near = abs(p - 120) <= LessonAnalyzer.previewRadius
            #expect(paragraph.sentences == (near ? full.sections[body].paragraphs[p].sentences : SentenceSplitter.wholeText(paragraph.text)),
                    "paragraph \(p)")
            #expect(near == (paragraph.sentences.count > 1), "paragraph \(p): split only near the place")
        }
        // Without a place, the start: the Introduction and the first paragraphs of the body.
        let atStart = LessonAnalyzer.preview(parsed, around: nil)
        #expect(atStart.sections[0].paragraphs[0].sentences == full.sections[0].paragraphs[0].sentences)
        #expect(atStart.sections[body].paragraphs[LessonAnalyzer.previewRadius - 1].sentences.count > 1)
        #expect(atStart.sections[body].paragraphs[LessonAnalyzer.previewRadius].sentences.count == 1)
    }

    @Test(arguments: ["", "abc", "中文", "e\u{301}", "😀 x", "\u{FEFF}a\u{200B}"])
    func scalarCountAgreesWithTheStandardLibrary(_ text: String) {
        #expect(text.scalarCount == text.unicodeScalars.count)
    }
}
