import Testing
import LessonKit

/// Bytes to numbered lines: the stage that decides what the line and column of every later
/// diagnostic mean.
@Suite struct LessonDecoderTests {
    static func lines(_ bytes: [UInt8]) throws -> [String] {
        try LessonDecoder.decode(bytes).lines.map { "\($0.number):\($0.text)" }
    }

    static func lines(_ text: String) throws -> [String] {
        try lines(Array(text.utf8))
    }

    static func refusal(_ bytes: [UInt8]) -> LessonError? {
        do {
            _ = try LessonDecoder.decode(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func byteOrderMarkIsDroppedAndColumnsStartAfterIt() throws {
        let output = try LessonDecoder.decode([0xEF, 0xBB, 0xBF] + Array("Title\nab".utf8) + [0xFF])
        #expect(output.lines.map(\.text) == ["Title", "ab\u{FFFD}"])
        #expect(output.diagnostics.map { "\($0.line):\($0.column)" } == ["2:3"])
    }

    @Test func byteOrderMarkOnlyAtTheStartIsDropped() throws {
        // A BOM in the middle is a zero-width no-break space in the text, not a marker.
        #expect(try Self.lines([0xEF, 0xBB, 0xBF, 0x61, 0x0A, 0xEF, 0xBB, 0xBF, 0x62]) == ["1:a", "2:\u{FEFF}b"])
    }

    @Test func lineFeedCarriageReturnAndBothAreLineEndsEvenMixed() throws {
        #expect(try Self.lines("a\r\nb\rc\nd\r\n\r\ne") == ["1:a", "2:b", "3:c", "4:d", "5:", "6:e"])
        #expect(try Self.lines("a\r\rb") == ["1:a", "2:", "3:b"])
        #expect(try Self.lines("a\n\rb") == ["1:a", "2:", "3:b"])
    }

    @Test func finalLineEndDoesNotAddALineAndAMissingOneLosesNothing() throws {
        #expect(try Self.lines("a\nb\n") == ["1:a", "2:b"])
        #expect(try Self.lines("a\nb") == ["1:a", "2:b"])
        #expect(try Self.lines("a\r\nb\r\n") == ["1:a", "2:b"])
    }

    @Test func trailingSpacesAndTabsGoLeadingOnesStay() throws {
        #expect(try Self.lines("a  \t \n\t b\u{3000}\n  \n") == ["1:a", "2:\t b", "3:"])
    }

    @Test func invalidUTF8BecomesReplacementWithAWarningAtItsScalarColumn() throws {
        // é and 中 are one column each: columns count scalars, not bytes.
        let bytes = Array("héllo 中".utf8) + [0xC3] + Array(" end".utf8)
        let output = try LessonDecoder.decode(Array("Title\n".utf8) + bytes)
        #expect(output.lines.map(\.text) == ["Title", "héllo 中\u{FFFD} end"])
        try #require(output.diagnostics.count == 1)
        let warning = output.diagnostics[0]
        #expect(warning.line == 2)
        #expect(warning.column == 8)
        #expect(warning.severity == .warning)
        #expect(warning.message == "invalid UTF-8 shown as \u{FFFD}; save the file as UTF-8")
    }

    @Test func aTruncatedSequenceIsOneReplacementAndTheNextCharacterSurvives() throws {
        #expect(try LessonDecoder.decode(Array("Title\na".utf8) + [0xE6, 0xB8] + Array("b".utf8)).lines.map(\.text)
            == ["Title", "a\u{FFFD}b"])
    }

    @Test func invalidUTF8IsReportedOncePerLine() throws {
        let output = try LessonDecoder.decode(Array("Title\n".utf8) + [0x61, 0xFF, 0x62, 0xFE, 0x0A])
        #expect(output.diagnostics.map { "\($0.line):\($0.column)" } == ["2:2"])
        #expect(output.lines.last?.text == "a\u{FFFD}b\u{FFFD}")
    }

    @Test func manyInvalidLinesEndInOneSummary() throws {
        var bytes = Array("A lesson in Latin-1\n".utf8)
        for _ in 0..<25 { bytes += Array("Caf".utf8) + [0xE9] + Array(" au lait, a fine drink for the morning.\n".utf8) }
        let output = try LessonDecoder.decode(bytes)
        #expect(output.diagnostics.count == 21)
        #expect(output.diagnostics.prefix(20).map(\.line) == Array(2...21))
        #expect(output.diagnostics.prefix(20).allSatisfy { $0.column == 4 })
        #expect(output.diagnostics.last?.message == "invalid UTF-8 on 5 more lines; save the file as UTF-8")
        #expect(output.diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test(arguments: [
        ("zero bytes", [UInt8]()),
        ("spaces and line ends", Array("  \n\t\r\n \r ".utf8)),
        ("a BOM", [0xEF, 0xBB, 0xBF]),
        ("a BOM and line ends", [0xEF, 0xBB, 0xBF, 0x0D, 0x0A, 0x0A]),
    ])
    func emptyInputIsRefusedAsEmpty(_ what: String, _ bytes: [UInt8]) {
        let error = Self.refusal(bytes)
        #expect(error == LessonError(line: 1, column: 1, message: "the file is empty; a lesson starts with its title line"), "\(what)")
    }

    @Test func aSingleNulByteMakesAFileBinary() {
        let error = Self.refusal(Array("Title\n\nIntroduction\n\nText".utf8) + [0] + Array(".\n".utf8))
        #expect(error?.line == 1 && error?.column == 1)
        #expect(error?.message == "this looks like a binary file (it contains NUL bytes), not a lesson; lessons are UTF-8 text")
    }

    @Test func mostlyControlBytesMakeAFileBinary() {
        let bytes: [UInt8] = (0..<300).flatMap { _ -> [UInt8] in [0x61, 0x01, 0x02, 0x03] }
        let error = Self.refusal(bytes)
        #expect(error?.message.hasPrefix("this looks like a binary file (900 of its first 1200 bytes are control characters)") == true,
                "\(String(describing: error))")
    }

    @Test func escapesAndFormFeedsAreTextNotBinary() throws {
        // A lesson full of colour codes is hostile, not binary: it is read and later shown inert.
        let bytes: [UInt8] = (0..<100).flatMap { _ -> [UInt8] in Array("\u{1B}[31mred\u{0C}".utf8) }
        #expect(throws: Never.self) { try LessonDecoder.decode(bytes) }
    }

    @Test func mostlyNotUTF8IsBinary() {
        let bytes = (0..<2000).map { UInt8(0x80 + ($0 * 37) % 0x7F) }
        #expect(Self.refusal(bytes)?.message.contains("most of it is not UTF-8") == true)
    }

    @Test func aFewLegacyBytesInTextAreNotBinary() throws {
        let bytes = Array("Title\n\nCaf".utf8) + [0xE9] + Array(" society.\n".utf8)
        let output = try LessonDecoder.decode(bytes)
        #expect(output.lines.count == 3)
        #expect(output.diagnostics.map { "\($0.line):\($0.column)" } == ["3:4"])
    }
}
