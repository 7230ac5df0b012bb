import CNcursesw
import Testing
import LessonKit

@Suite struct DisplayWidthTests {
    @Test func everyScalarAgreesWithWcwidthUnderCUTF8() throws {
        try #require(setlocale(LC_ALL, "C.UTF-8") != nil, "the C.UTF-8 locale is needed to compare with wcwidth")
        var mismatches: [String] = []
        var checked = 0
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let expected = max(0, Int(gloss_wcwidth(wchar_t(value))))
            let actual = DisplayWidth.of(scalar)
            if actual != expected, mismatches.count < 20 {
                mismatches.append("U+\(String(value, radix: 16, uppercase: true)): \(actual), wcwidth \(expected)")
            }
            checked += 1
        }
        #expect(checked == 0x110000 - 0x800)
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test func asciiIsOneColumnAndControlsAreZero() {
        #expect(DisplayWidth.of(Unicode.Scalar("a")) == 1)
        #expect(DisplayWidth.of(Unicode.Scalar(" ")) == 1)
        #expect(DisplayWidth.of(Unicode.Scalar("~")) == 1)
        #expect(DisplayWidth.of(Unicode.Scalar(0x00)) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x1B)) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x7F)) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x9B)) == 0)
    }

    @Test func latinLettersAreOneColumn() {
        for text in ["é", "ß", "Ł", "ſ", "ɐ", "\u{A0}"] {
            #expect(DisplayWidth.of(Character(text)) == 1, "\(text)")
        }
    }

    @Test func cjkAndFullWidthFormsAreTwoColumns() {
        for text in ["中", "文", "。", "，", "「", "あ", "カ", "한", "Ａ", "！", "\u{3000}", "𠀀"] {
            #expect(DisplayWidth.of(Character(text)) == 2, "\(text)")
        }
        #expect(DisplayWidth.of(Character("ｶ")) == 1, "half-width katakana stays narrow")
    }

    @Test func combiningMarksAddNothingToTheirBase() {
        #expect(DisplayWidth.of(Unicode.Scalar(0x301)!) == 0)
        #expect(DisplayWidth.of(Character("e\u{301}")) == 1)
        #expect(DisplayWidth.of(Character("a\u{301}\u{323}\u{308}")) == 1)
        #expect(DisplayWidth.of("cafe\u{301}") == 4)
        #expect(DisplayWidth.of(Character("中\u{301}")) == 2)
    }

    @Test func zeroWidthFormatCharactersAreZero() {
        #expect(DisplayWidth.of(Unicode.Scalar(0x200B)!) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x200D)!) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0xFE0F)!) == 0)
    }

    @Test func hangulJamoSequenceIsAsWideAsItsLeadingConsonant() {
        let syllable = Character("\u{1100}\u{1161}\u{11A8}")
        #expect(syllable.unicodeScalars.count == 3)
        #expect(DisplayWidth.of(syllable) == 2)
    }

    @Test func flagsAreTwoColumnsThoughEachIndicatorIsOne() {
        #expect(DisplayWidth.of(Unicode.Scalar(0x1F1E8)!) == 1)
        #expect(DisplayWidth.of(Character("🇨🇳")) == 2)
        #expect(DisplayWidth.of("🇨🇳🇬🇧") == 4)
    }

    @Test func emojiZWJSequencesAreTwoColumns() {
        #expect(DisplayWidth.of(Character("👨‍👩‍👧")) == 2)
        #expect(DisplayWidth.of(Character("❤️‍🔥")) == 2, "narrow base joined to a wide emoji")
        #expect(DisplayWidth.of(Character("👍🏽")) == 2)
        #expect(DisplayWidth.of(Character("😀")) == 2)
    }

    @Test func narrowEmojiWithPresentationSelectorKeepsWcwidth() {
        #expect(DisplayWidth.of(Character("\u{2764}\u{FE0F}")) == 1)
        #expect(DisplayWidth.of(Character("#\u{FE0F}\u{20E3}")) == 1)
    }

    @Test func stringWidthSumsItsClusters() {
        #expect(DisplayWidth.of("") == 0)
        #expect(DisplayWidth.of("hello") == 5)
        #expect(DisplayWidth.of("hello 世界") == 10)
        #expect(DisplayWidth.of("a\tb") == 2, "a tab is a control and counts 0")
        #expect(DisplayWidth.of("👨‍👩‍👧 ok"[...]) == 5)
    }
}
