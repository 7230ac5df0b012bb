import Testing
import LessonKit
@testable import ProgressStore

@Suite struct VocabularyExportTests {
    static let lesson = Lesson(
        title: "Embassy Talks Resume",
        sections: [],
        vocabulary: [
            VocabularyEntry(term: "Embassy", definition: "the official residence of an ambassador",
                            chineseDefinition: "大使馆", example: "The embassy issued a statement.", line: 10),
            VocabularyEntry(term: "take  off", definition: "to leave the ground",
                            chineseDefinition: "起飞", example: nil, line: 13),
            VocabularyEntry(term: "resume", definition: "to begin again", chineseDefinition: "恢复",
                            example: "Talks will resume on Monday.", line: 16),
        ],
        sentenceNotes: [], diagnostics: [])

    static let tricky = VocabularyExport.Row(
        term: "\"quoted\" term", definition: "one, two\tthree", chineseDefinition: "第一行\n第二行",
        example: "line one\r\nline two\rthree", lessonTitle: "#1 lesson", status: "known")

    // MARK: Rows

    @Test func oneRowPerVocabularyEntryInFileOrderWithItsLessonAndStatus() {
        let rows = VocabularyExport.rows(lesson: Self.lesson,
                                         statuses: ["embassy": .known, VocabularyMatcher.normalise("Take off"): .learning])
        #expect(rows == [
            VocabularyExport.Row(term: "Embassy", definition: "the official residence of an ambassador",
                                 chineseDefinition: "大使馆", example: "The embassy issued a statement.",
                                 lessonTitle: "Embassy Talks Resume", status: "known"),
            VocabularyExport.Row(term: "take  off", definition: "to leave the ground", chineseDefinition: "起飞",
                                 example: "", lessonTitle: "Embassy Talks Resume", status: "learning"),
            VocabularyExport.Row(term: "resume", definition: "to begin again", chineseDefinition: "恢复",
                                 example: "Talks will resume on Monday.", lessonTitle: "Embassy Talks Resume",
                                 status: "new"),
        ])
    }

    // MARK: TSV

    @Test func tsvStartsWithAnkiHeaderLinesAndHasNoColumnHeaderRow() {
        let rows = VocabularyExport.rows(lesson: Self.lesson, statuses: [:])
        let lines = VocabularyExport.render(rows, as: .tsv).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "#separator:tab")
        #expect(lines[1] == "#html:false")
        #expect(lines[2] == "#columns:term\tdefinition\tchinese_definition\texample\tlesson\tstatus")
        #expect(lines[3] == "Embassy\tthe official residence of an ambassador\t大使馆\tThe embassy issued a statement.\tEmbassy Talks Resume\tnew")
        #expect(lines.count == 3 + rows.count + 1)
        #expect(lines.last == "")
        #expect(!lines.dropFirst(3).contains { $0.hasPrefix("term\t") })
    }

    @Test func tsvTurnsTabsAndLineBreaksInsideFieldsIntoSpaces() {
        let row = VocabularyExport.Row(term: "a\tb", definition: "c\nd", chineseDefinition: "第\r\n二",
                                       example: "e\rf\u{2028}g", lessonTitle: "t", status: "new")
        let text = VocabularyExport.render([row], as: .tsv)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 5)
        #expect(lines[3].split(separator: "\t", omittingEmptySubsequences: false)
                == ["a b", "c d", "第 二", "e f g", "t", "new"])
        #expect(!text.unicodeScalars.contains("\r"))
    }

    @Test func tsvQuotesAFieldHoldingAQuoteOrStartingWithAHash() {
        let text = VocabularyExport.render([Self.tricky], as: .tsv)
        let line = text.split(separator: "\n")[3]
        #expect(line == "\"\"\"quoted\"\" term\"\tone, two three\t第一行 第二行\tline one line two three\t\"#1 lesson\"\tknown")
    }

    @Test func anEmptyExportIsOnlyTheHeaderLines() {
        #expect(VocabularyExport.render([], as: .tsv) == "#separator:tab\n#html:false\n#columns:term\tdefinition\tchinese_definition\texample\tlesson\tstatus\n")
        #expect(VocabularyExport.render([], as: .csv) == "term,definition,chinese_definition,example,lesson,status\r\n")
    }

    // MARK: CSV

    @Test func csvHasAHeaderRowAndCRLFLineEnds() {
        let rows = VocabularyExport.rows(lesson: Self.lesson, statuses: [:])
        let text = VocabularyExport.render(rows, as: .csv)
        #expect(text.hasPrefix("term,definition,chinese_definition,example,lesson,status\r\n"))
        #expect(text.hasSuffix("\r\n"))
        #expect(text.contains("resume,to begin again,恢复,Talks will resume on Monday.,Embassy Talks Resume,new\r\n"))
    }

    @Test func csvQuotesOnlyFieldsThatNeedIt() {
        let text = VocabularyExport.render([Self.tricky], as: .csv)
        let record = text.split(separator: "\r\n", maxSplits: 1)[1]
        #expect(record.hasPrefix("\"\"\"quoted\"\" term\",\"one, two\tthree\",\"第一行\n第二行\",\"line one\r\nline two\rthree\",#1 lesson,known"))
    }

    @Test func csvParsesBackToTheSameFields() throws {
        let samples = ["plain", "", "a,b", "say \"hi\"", "\"", "\"\"", ",", "line\nbreak", "cr\ronly", "crlf\r\nend",
                       "trailing\n", " spaced ", "大使馆, 领事馆", "「引号」“中文”", "tab\there", "#hash", "emoji 🇨🇳"]
        var rows: [VocabularyExport.Row] = []
        for (i, s) in samples.enumerated() {
            let t = samples[(i + 1) % samples.count], u = samples[(i + 5) % samples.count]
            rows.append(VocabularyExport.Row(term: s, definition: t, chineseDefinition: u, example: s + t,
                                             lessonTitle: u + s, status: "new"))
        }
        rows.append(Self.tricky)

        let records = try RFC4180.parse(VocabularyExport.render(rows, as: .csv))
        #expect(records.first == ["term", "definition", "chinese_definition", "example", "lesson", "status"])
        #expect(Array(records.dropFirst()) == rows.map {
            [$0.term, $0.definition, $0.chineseDefinition, $0.example, $0.lessonTitle, $0.status]
        })
    }

    @Test func theTestParserRejectsMalformedCSV() throws {
        #expect(throws: RFC4180.Malformed.self) { try RFC4180.parse("a,\"b\r\n") }
        #expect(throws: RFC4180.Malformed.self) { try RFC4180.parse("a,b\"c\r\n") }
        #expect(throws: RFC4180.Malformed.self) { try RFC4180.parse("a\nb\r\n") }
        #expect(try RFC4180.parse("a,\"b,\"\"c\"\"\"\r\n,\r\n") == [["a", "b,\"c\""], ["", ""]])
    }

    /// A quote with a combining mark after it is one Character; its quote is doubled all the same.
    @Test func aQuoteUnderACombiningMarkIsStillDoubled() {
        #expect(VocabularyExport.csvField("a\"\u{301}b") == "\"a\"\"\u{301}b\"")
        #expect(VocabularyExport.csvField("plain") == "plain")
    }
}
