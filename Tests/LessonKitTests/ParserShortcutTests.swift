import PropertyBased
import Synchronization
import Testing
@testable import LessonKit

/// The parser's byte-level shortcuts (issue 5) against the scalar and Character walks they
/// replace, on lines dense in what they look for: the edges of the CJK ranges, the four
/// spaces that are trimmed, heading words, marks, combining and prepended scalars.
@Suite struct ParserShortcutTests {
    private static let piece = Gen<String?>.element(of: [
        "Vocabulary", "vocabulary", "Learning", "Sentence", "SENTENCE", "Main", "Body", "Introduction",
        "Conclusion", "intro", "cat", "stem", "kelulk", "Example", ":", "：", "#", "##", ".", "!", "?", ";", "a",
        " ", " ", "  ", "\t", "\u{3000}", "\u{A0}", "\u{2FFF}", "\u{3000}x", "\u{303F}", "\u{3040}", "\u{30FF}",
        "\u{3100}", "\u{312F}", "\u{3130}", "\u{31A0}", "\u{31C0}", "\u{33FF}", "\u{3400}", "\u{4DBF}", "\u{4DC0}",
        "经", "济", "。", "，", "\u{9FFF}", "\u{A000}", "\u{F8FF}", "\u{F900}", "\u{FAFF}", "\u{FB00}",
        "\u{FE2F}", "\u{FE30}", "\u{FE4F}", "\u{FE50}", "\u{FEFF}", "\u{FF00}", "Ａ", "\u{FFEF}", "\u{FFF0}",
        "\u{1F600}", "\u{1FFFF}", "\u{20000}", "\u{2A6DF}", "\u{3FFFF}", "\u{40000}", "\u{E0100}",
        "\u{212A}", "é", "e\u{301}", "\u{301}", "\u{600}", "\u{200D}", "\u{0B}", "\r", "“", "(",
    ]).compactMap { $0 }
    private static let line = piece.array(of: 0...12).map { $0.joined() }

    /// The walk `BilingualText.split` made before it scanned bytes.
    private static func splitByScalars(_ line: String) -> (String, String) {
        let scalars = line.unicodeScalars
        guard let index = scalars.firstIndex(where: BilingualText.isCJK) else { return (trimmedByScalars(line), "") }
        var english = trimmedByScalars(String(scalars[..<index]))
        if let last = english.unicodeScalars.last, last == "“" || last == "(" {
            english.unicodeScalars.removeLast()
            return (trimmedByScalars(english), String(last) + trimmedByScalars(String(scalars[index...])))
        }
        return (english, trimmedByScalars(String(scalars[index...])))
    }

    /// `trimmingSpaces` without its shortcut.
    private static func trimmedByScalars(_ text: String) -> String {
        let isSpace = { (s: Unicode.Scalar) in s == " " || s == "\u{3000}" || s == "\u{A0}" || s == "\t" }
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[first...last])
        return String(result)
    }

    @Test func splittingAtTheFirstCJKScalarFromBytesIsSplittingByScalars() async {
        await propertyCheck(count: 1000, input: Self.line) { line in
            let (english, chinese) = BilingualText.split(line)
            let expected = Self.splitByScalars(line)
            #expect(english == expected.0 && chinese == expected.1, "\(line.debugDescription)")
            #expect(BilingualText.containsCJK(line) == line.unicodeScalars.contains(where: BilingualText.isCJK))
            #expect(BilingualText.containsCJK(line.dropFirst()) == line.dropFirst().unicodeScalars.contains(where: BilingualText.isCJK))
            #expect(line.trimmingSpaces() == Self.trimmedByScalars(line))
        }
    }

    @Test func everyCJKRangeEdgeIsFoundFromItsBytes() {
        for value: UInt32 in [0x2FFF, 0x3000, 0x303F, 0x3040, 0x30FF, 0x3100, 0x312F, 0x3130, 0x319F, 0x31A0, 0x31BF,
                              0x31C0, 0x33FF, 0x3400, 0x4DBF, 0x4DC0, 0x4DFF, 0x4E00, 0x9FFF, 0xA000, 0xF8FF, 0xF900,
                              0xFAFF, 0xFB00, 0xFE2F, 0xFE30, 0xFE4F, 0xFE50, 0xFEFF, 0xFF00, 0xFFEF, 0xFFF0, 0xFFFD,
                              0x1FFFF, 0x20000, 0x2FFFF, 0x30000, 0x3FFFF, 0x40000, 0x10FFFF] {
            let scalar = Unicode.Scalar(value)!
            let line = "ab" + String(scalar) + "cd"
            let expected = BilingualText.isCJK(scalar)
            #expect(BilingualText.containsCJK(line) == expected, "U+\(String(value, radix: 16))")
            #expect(BilingualText.split(line).chinese.isEmpty == !expected, "U+\(String(value, radix: 16))")
        }
    }

    /// Lines around a known heading: marks, spaces and colons before and after, in any case.
    private static let headingLine = zip(
        Gen<String?>.element(of: ["", " ", "#", "## ", "\t", "\u{3000}", "\u{A0}", " # ", "x", "\u{212A}"]).compactMap { $0 },
        Gen<String?>.element(of: ["vocabulary learning", "sentence learning", "introduction", "main body", "conclusion",
                                  "main  body", "vocabularylearning"]).compactMap { $0 },
        Gen.bool.array(of: 0...20),
        Gen<String?>.element(of: ["", ":", "：", "  ", ":\u{3000}", ".", " 词汇"]).compactMap { $0 }
    ).map { parts in
        let (prefix, heading, upper, suffix) = parts
        let cased = heading.enumerated().map { i, c in i < upper.count && upper[i] ? c.uppercased() : String(c) }.joined()
        return prefix + cased + suffix
    }

    @Test func headingKeysAreSkippedOnlyForLinesNoKnownHeadingCanComeFrom() async {
        let known: Set<String> = Set(LessonParser.articleHeadings.keys).union([LessonParser.vocabularyHeading,
                                                                              LessonParser.sentenceHeading])
        let headingsSeen = Mutex(0)
        let check = { @Sendable (line: String) in
            let key = LessonParser.headingKey(line)
            let shortcut = LessonParser.knownHeadingKey(line)
            #expect(shortcut == key || (shortcut.isEmpty && !known.contains(key)), "\(line.debugDescription)")
            if known.contains(key) {
                #expect(shortcut == key, "\(line.debugDescription)")
                headingsSeen.withLock { $0 += 1 }
            }
        }
        await propertyCheck(count: 1000, input: Self.headingLine) { check($0) }
        await propertyCheck(count: 1000, input: Self.line) { check($0) }
        // The lines around headings give a known key often enough to check the shortcut on them.
        #expect(headingsSeen.withLock { $0 } > 200)
        for heading in ["Vocabulary Learning", "# Sentence Learning:", "\u{3000}Main Body", "\t## Introduction",
                        "CONCLUSION", " \u{A0}Conclusion"] {
            #expect(LessonParser.articleHeadings[LessonParser.knownHeadingKey(heading)] != nil
                    || known.contains(LessonParser.knownHeadingKey(heading)), "\(heading)")
        }
        #expect(LessonParser.knownHeadingKey("kelulk") == "")
        #expect(LessonParser.knownHeadingKey("To treat a market in a annual way.") == "")
    }

    @Test func theLastByteStandsForTheLastCharacterOnlyWhenItIsOne() async {
        await propertyCheck(count: 1000, input: Self.line) { line in
            if let byte = LessonParser.lastCharacterIfASCII(line) {
                #expect(line.last.map(String.init) == String(UnicodeScalar(byte)), "\(line.debugDescription)")
            }
        }
        #expect(LessonParser.lastCharacterIfASCII("stem from.") == 0x2E)
        #expect(LessonParser.lastCharacterIfASCII(".") == 0x2E)
        #expect(LessonParser.lastCharacterIfASCII("\u{600}.") == nil)
        #expect(LessonParser.lastCharacterIfASCII("a.\u{301}") == nil)
        #expect(LessonParser.lastCharacterIfASCII("") == nil)
        // A prepended scalar holds the full stop in its cluster: not the end of a sentence.
        #expect(LessonParser.looksLikeTerm("stem \u{600}."))
        #expect(!LessonParser.looksLikeTerm("stem from."))
    }

    @Test func linesEndingInCarriageReturnsOrNotDecodeToTheSameText() throws {
        let lines = ["Title", "", "Introduction", "A paragraph\u{3000}", "经济\u{A0}", "\tindented  ", "last"]
        let lf = try LessonDecoder.decode(Array(lines.joined(separator: "\n").utf8))
        let crlf = try LessonDecoder.decode(Array(lines.joined(separator: "\r\n").utf8))
        let cr = try LessonDecoder.decode(Array(lines.joined(separator: "\r").utf8))
        #expect(lf.lines == crlf.lines)
        #expect(lf.lines == cr.lines)
        #expect(lf.lines.map(\.text) == ["Title", "", "Introduction", "A paragraph", "经济", "\tindented", "last"])
        #expect(lf.lines.map(\.number) == Array(1...7))
    }
}
