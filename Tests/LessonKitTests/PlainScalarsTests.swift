import PropertyBased
import Testing
@testable import LessonKit

/// The way around Unicode's segmentation for plain text (issue 5): it must find exactly the
/// clusters that walking by Character finds.
@Suite struct PlainScalarsTests {
    private static let plainRanges: [ClosedRange<UInt32>] = [
        0x20...0x7E, 0xA0...0xAC, 0xAE...0x2FF, 0x2010...0x2027, 0x3000...0x3029, 0x4E00...0x9FFF, 0xFF01...0xFF60,
    ]

    /// Every plain scalar beside a sample of plain ones (each range's ends and middle), on
    /// either side: always two Characters, never one.
    @Test func everyPlainScalarIsAClusterOfItsOwnBesideAnyOther() {
        let partners: [Unicode.Scalar] = Self.plainRanges.flatMap { range in
            [range.lowerBound, (range.lowerBound + range.upperBound) / 2, range.upperBound].compactMap(Unicode.Scalar.init)
        }
        var pairs = 0
        for range in Self.plainRanges {
            for value in range {
                let scalar = Unicode.Scalar(value)!
                #expect(PlainScalars.isPlain(value))
                for partner in partners {
                    var left = String.UnicodeScalarView(), right = String.UnicodeScalarView()
                    left.append(scalar); left.append(partner)
                    right.append(partner); right.append(scalar)
                    guard String(left).count == 2, String(right).count == 2 else {
                        Issue.record("U+\(String(value, radix: 16)) joins U+\(String(partner.value, radix: 16))")
                        return
                    }
                    pairs += 1
                }
            }
        }
        #expect(pairs > 400_000)
    }

    /// Scalars that do join their neighbours, or are controls, are not plain: the ranges stop
    /// short of them.
    @Test func scalarsThatJoinOrControlAreNotPlain() {
        let joining: [UInt32] = [
            0x09, 0x0A, 0x0D, 0x1B, 0x7F, 0x85, 0xAD, 0x301, 0x36F, 0x600, 0x200B, 0x200C, 0x200D, 0x2028,
            0x302A, 0x302F, 0x3099, 0xFE0F, 0xFF9E, 0xFF9F, 0x1100, 0xAC00, 0x1F1E8, 0x1F600, 0xE0100,
        ]
        for value in joining { #expect(!PlainScalars.isPlain(value), "U+\(String(value, radix: 16))") }
        #expect(PlainScalars.only("The economy grew 3% — “fast”, 经济增长。（注）"))
        #expect(!PlainScalars.only("cafe\u{301}"))
        #expect(!PlainScalars.only("line\r\nbreak"))
        #expect(!PlainScalars.only("👍🏽"))
    }

    private static let token = Gen<String?>.element(of: [
        "the", "economy", "well-known", "U.S.", "don’t", "—", "“", "”", "…", "§", "é",
        "经", "济", "增", "长", "。", "，", "、", "」", "「", "（", "）", "Ａ", "！",
        " ", " ", "  ", ")", "(", ",", ".", "-",
        "e\u{301}", "\u{200B}", "😀", "\r\n", "\u{AD}", "한",
    ]).compactMap { $0 }
    private static let plainToken = Gen<String?>.element(of: [
        "the", "economy", "well-known", "U.S.", "don’t", "—", "“", "”", "…", "§", "é",
        "经", "济", "增", "长", "。", "，", "、", "」", "「", "（", "）", "Ａ", "！",
        " ", " ", "  ", ")", "(", ",", ".", "-",
    ]).compactMap { $0 }

    @Test func wrappingPlainTextByScalarIsWrappingItByCharacter() async {
        let text = Self.plainToken.array(of: 0...80).map { $0.joined() }
        await propertyCheck(count: 400, input: text, Gen.int(in: 1...40)) { text, width in
            #expect(PlainScalars.only(text))
            #expect(LineBreaker.wrap(text, width: width) == LineBreaker.wrapByCharacter(text, width: width))
        }
    }

    /// Every printable ASCII character, alone and in words: the breaker reads such text from
    /// its bytes.
    private static let asciiToken = Gen<String?>.element(of:
        (UInt8(0x20)..<0x7F).map { String(UnicodeScalar($0)) } + ["the", "economy", "well-known", "U.S.", "  ", "(a)", "x-"]
    ).compactMap { $0 }

    @Test func wrappingAsciiFromItsBytesIsWrappingItByCharacter() async {
        let text = Self.asciiToken.array(of: 0...80).map { $0.joined() }
        await propertyCheck(count: 400, input: text, Gen.int(in: 1...40)) { text, width in
            #expect(text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F })
            #expect(LineBreaker.wrap(text, width: width) == LineBreaker.wrapByCharacter(text, width: width))
        }
    }

    @Test func wrappingAnyTextGivesWhatWrappingByCharacterGives() async {
        let text = Self.token.array(of: 0...80).map { $0.joined() }
        await propertyCheck(count: 400, input: text, Gen.int(in: 1...40)) { text, width in
            #expect(LineBreaker.wrap(text, width: width) == LineBreaker.wrapByCharacter(text, width: width))
        }
    }
}

/// Shortcuts taken for the common case must give what the general way gives (issue 5).
@Suite struct CommonCaseShortcutTests {
    @Test func asciiTermsNormaliseAsCharacterByCharacter() {
        let terms = ["Stem From", "  large-scale  ", "don't", "Don’t", "A\tB\n\nC", "X\r\nY", "", " ", "AI", "U.S.",
                     "rock 'n' roll", "café", "ＡＩ", "a\u{85}b", "a\u{A0}b", "K\u{212A}", "MIXED case   Words\u{0B}here"]
        for term in terms {
            #expect(VocabularyMatcher.normalise(term) == VocabularyMatcher.normaliseByCharacter(term), "\(term.debugDescription)")
        }
    }

    /// The line breaker takes every Han ideograph for a letter two columns wide, without
    /// looking up its properties.
    @Test func everyHanIdeographIsALetterTwoColumnsWide() {
        var checked = 0
        for value in UInt32(0x4E00)...0x9FFF {
            let scalar = Unicode.Scalar(value)!
            guard scalar.properties.isAlphabetic, DisplayWidth.of(scalar) == 2, Character(scalar).isLetter else {
                Issue.record("U+\(String(value, radix: 16))")
                return
            }
            checked += 1
        }
        #expect(checked == 0x9FFF - 0x4E00 + 1)
        #expect(LineBreaker.wrap("经济增长很快", width: 4) == LineBreaker.wrapByCharacter("经济增长很快", width: 4))
    }

    /// The irregular forms are found by bisecting their rows: every base word finds its own
    /// row's forms, in a table sorted by bytes with one row per base; other words find none.
    @Test func everyIrregularBaseFindsItsRowAndNothingElseDoes() {
        let rows = Inflections.irregularRows.split(separator: "\n").map { String($0) }
        let bases = rows.map { String($0.prefix { $0 != " " }) }
        #expect(rows.count > 250)
        #expect(bases == bases.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }, "rows sorted by base word")
        #expect(Set(bases).count == bases.count, "one row for each base word")
        for (row, base) in zip(rows, bases) {
            let forms = row.dropFirst(base.utf8.count).drop { $0 == " " }
            #expect(Inflections.irregularForms(of: base).map(String.init) == (forms.isEmpty ? nil : String(forms)), "\(row)")
        }
        for word in ["", "a", "aaa", "zzzz", "wentt", "goes", "Go", "childs", "go ", "mice"] {
            #expect(Inflections.irregularForms(of: word) == nil, "\(word)")
        }
    }

    @Test func theLongestAbbreviationIsTheLongestOfTheLists() {
        #expect(SentenceSplitter.longestAbbreviation == SentenceSplitter.allAbbreviations.map(\.unicodeScalars.count).max())
    }

    @Test func stringsFromScalarSlicesKeepEveryScalar() {
        for text in ["", "plain ASCII words.", "café “quoted” 经济", "e\u{301}\u{200D}😀", "\u{0}\u{7F}\u{80}"] {
            let scalars = Array(text.unicodeScalars)
            #expect(String(scalars: scalars[...]) == text)
            if scalars.count > 2 {
                #expect(String(scalars: scalars[1..<(scalars.count - 1)]).unicodeScalars.elementsEqual(scalars[1..<(scalars.count - 1)]))
            }
        }
    }

    @Test func asciiPunctuationIsTheSetsASCIIMembers() {
        for value in UInt32(0)..<0x80 {
            #expect(BreakPunctuation.isClosing(value) == BreakPunctuation.closing.contains(value), "\(value)")
            #expect(BreakPunctuation.isOpening(value) == BreakPunctuation.opening.contains(value), "\(value)")
        }
        #expect(BreakPunctuation.isClosing(0x3002) && BreakPunctuation.isOpening(0x300C))
    }
}
