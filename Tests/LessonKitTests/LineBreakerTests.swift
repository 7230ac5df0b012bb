import PropertyBased
import Testing
import LessonKit

@Suite struct LineBreakerTests {
    // MARK: Examples

    @Test func englishBreaksAtSpacesAndDropsThem() {
        #expect(LineBreaker.wrapLines("The quick brown fox jumps over the lazy dog", width: 10)
            == ["The quick", "brown fox", "jumps over", "the lazy", "dog"])
    }

    @Test func runsOfSpacesAtABreakBelongToNeitherLine() {
        let lines = LineBreaker.wrap("aaa   bbb", width: 4)
        #expect(lines == [WrappedLine(start: 0, end: 3, width: 3), WrappedLine(start: 6, end: 9, width: 3)])
    }

    @Test func textThatFitsIsOneLineWithItsSpaces() {
        #expect(LineBreaker.wrap("  two  words ", width: 40) == [WrappedLine(start: 0, end: 13, width: 13)])
    }

    @Test func chineseBreaksBetweenCharacters() {
        #expect(LineBreaker.wrapLines("我们今天学习中文。", width: 6) == ["我们今", "天学习", "中文。"])
    }

    @Test func closingPunctuationPullsTheCharacterBeforeItDown() {
        #expect(LineBreaker.wrapLines("我们今天学习。", width: 6) == ["我们今", "天学", "习。"])
    }

    @Test func openingPunctuationNeverEndsALine() {
        #expect(LineBreaker.wrapLines("他说「你好」。", width: 6) == ["他说", "「你", "好」。"])
        #expect(LineBreaker.wrapLines("看(中文)", width: 4) == ["看", "(中", "文)"])
    }

    @Test func asciiClosingPunctuationStaysWithItsWord() {
        #expect(LineBreaker.wrapLines("one two three .", width: 13) == ["one two", "three ."])
        #expect(LineBreaker.wrapLines("中文中文!", width: 8) == ["中文中", "文!"])
    }

    @Test func mixedEnglishAndChineseBreakAtTheirBoundaries() {
        #expect(LineBreaker.wrapLines("我喜欢Swift语言，它很快。", width: 10)
            == ["我喜欢", "Swift语", "言，它很", "快。"])
        #expect(LineBreaker.wrapLines("The word 经济 means economy.", width: 12)
            == ["The word 经", "济 means", "economy."])
    }

    @Test func hyphenatedWordsBreakAfterTheHyphen() {
        #expect(LineBreaker.wrapLines("a well-known fact", width: 7) == ["a well-", "known", "fact"])
        #expect(LineBreaker.wrapLines("x -5 y", width: 3) == ["x", "-5", "y"], "a leading minus is not a hyphen")
    }

    @Test func wordLongerThanTheWidthIsHardBroken() {
        #expect(LineBreaker.wrapLines("internationalization is long", width: 8)
            == ["internat", "ionaliza", "tion is", "long"])
    }

    @Test func hardBreakKeepsGraphemeClustersWhole() {
        let text = "e\u{301}e\u{301}e\u{301}"
        #expect(LineBreaker.wrap(text, width: 2) == [WrappedLine(start: 0, end: 4, width: 2),
                                                     WrappedLine(start: 4, end: 6, width: 1)])
        #expect(LineBreaker.wrapLines("👨‍👩‍👧👨‍👩‍👧", width: 3) == ["👨‍👩‍👧", "👨‍👩‍👧"])
    }

    @Test func offsetsCountUnicodeScalars() {
        let lines = LineBreaker.wrap("e\u{301}e\u{301} x", width: 2)
        #expect(lines == [WrappedLine(start: 0, end: 4, width: 2), WrappedLine(start: 5, end: 6, width: 1)])
    }

    @Test func emptyTextIsOneEmptyLine() {
        #expect(LineBreaker.wrap("", width: 10) == [WrappedLine(start: 0, end: 0, width: 0)])
        #expect(LineBreaker.wrapLines("", width: 10) == [""])
    }

    @Test func widthOfZeroOrLessCountsAsOne() {
        #expect(LineBreaker.wrapLines("ab", width: 0) == ["a", "b"])
        #expect(LineBreaker.wrapLines("ab", width: -3) == ["a", "b"])
    }

    @Test func wideCharacterOnAWidthOneLineStandsAlone() {
        #expect(LineBreaker.wrap("中a文", width: 1) == [
            WrappedLine(start: 0, end: 1, width: 2),
            WrappedLine(start: 1, end: 2, width: 1),
            WrappedLine(start: 2, end: 3, width: 2),
        ])
    }

    @Test func newlineForcesABreakAndIsDropped() {
        #expect(LineBreaker.wrapLines("one\ntwo", width: 20) == ["one", "two"])
        #expect(LineBreaker.wrapLines("one\n\ntwo\n", width: 20) == ["one", "", "two", ""])
    }

    @Test(.timeLimit(.minutes(1)))
    func megabyteParagraphWrapsInLinearTime() {
        var text = ""
        let words = ["economy ", "growth, ", "经济增长", "“quoted” ", "well-known ", "。", "中文 "]
        var i = 0
        while text.utf8.count < 1_000_000 {
            text += words[i % words.count]
            i += 1
        }
        let lines = LineBreaker.wrap(text, width: 37)
        #expect(lines.count > 20_000)
        #expect(lines.allSatisfy { $0.width <= 37 })
        #expect(lines.last?.end == text.unicodeScalars.count)

        let oneWord = String(repeating: "x", count: 1_000_000)
        #expect(LineBreaker.wrap(oneWord, width: 80).count == 12_500)
        let spaces = "a" + String(repeating: " ", count: 1_000_000) + "b"
        #expect(LineBreaker.wrapLines(spaces, width: 80) == ["a", "b"])
    }

    // MARK: Properties

    private static let closing: Set<Character> = Set("。，、」』）！？；：》〉】…)]},.;:!?")
    private static let opening: Set<Character> = Set("「『（《〈【([{“‘")

    private static let token = Gen<String?>.element(of: [
        "the", "economy", "grew", "internationalization", "a", "well-known", "U.S.", "don’t",
        "经", "济", "增", "长", "我", "们", "中", "文", "カ", "한", "Ａ",
        "。", "，", "、", "」", "』", "）", "！", "？", "；", "：", "》", "〉", "】", "…",
        ")", "]", "}", ",", ".", ";", ":", "!", "?",
        "「", "『", "（", "《", "〈", "【", "(", "[", "{", "“", "‘",
        " ", " ", " ", " ", "  ", "   ",
        "e\u{301}", "n\u{303}\u{323}", "中\u{301}",
        "👨‍👩‍👧", "🇨🇳", "😀", "❤️", "👍🏽", "-",
    ]).compactMap { $0 }
    private static let text = token.array(of: 0...60).map { $0.joined() }
    private static let width = Gen.int(in: 1...30)

    /// The text's grapheme clusters with their scalar offsets.
    private static func clusters(_ text: String) -> [(start: Int, end: Int, character: Character)] {
        var result: [(start: Int, end: Int, character: Character)] = []
        var offset = 0
        for character in text {
            let count = character.unicodeScalars.count
            result.append((offset, offset + count, character))
            offset += count
        }
        return result
    }

    @Test func noLineIsWiderThanTheWidthExceptALoneWideCluster() async {
        await propertyCheck(count: 300, input: Self.text, Self.width) { text, width in
            let clusters = Self.clusters(text)
            for line in LineBreaker.wrap(text, width: width) {
                let inLine = clusters.filter { $0.start >= line.start && $0.end <= line.end }
                #expect(line.width == inLine.reduce(0) { $0 + DisplayWidth.of($1.character) })
                if line.width > width {
                    #expect(inLine.count == 1 && width == 1, "\(line) in \(text.debugDescription)")
                }
            }
        }
    }

    @Test func linesJoinedBackAreTheTextLessTheBreakSpaces() async {
        await propertyCheck(count: 300, input: Self.text, Self.width) { text, width in
            let lines = LineBreaker.wrap(text, width: width)
            let scalars = Array(text.unicodeScalars)
            #expect(lines.first?.start == 0)
            var previousEnd = 0
            for line in lines {
                #expect(line.start >= previousEnd && line.end >= line.start)
                let gap = scalars[previousEnd..<min(line.start, scalars.count)]
                #expect(gap.allSatisfy { $0 == " " }, "dropped \(String(String.UnicodeScalarView(gap)).debugDescription)")
                previousEnd = line.end
            }
            #expect(scalars[min(previousEnd, scalars.count)...].allSatisfy { $0 == " " })
        }
    }

    @Test func noLineStartsWithClosingPunctuationUnlessHardBroken() async {
        await propertyCheck(count: 300, input: Self.text, Self.width) { text, width in
            let clusters = Self.clusters(text)
            let lines = LineBreaker.wrap(text, width: width)
            for (previous, line) in zip(lines, lines.dropFirst()) {
                guard let first = clusters.first(where: { $0.start == line.start }),
                      Self.closing.contains(first.character) else { continue }
                // A closing mark may only lead a line when the line before had nowhere legal to break.
                let before = clusters.filter { $0.start >= previous.start && $0.end <= previous.end }
                    .map(\.character)
                #expect(!Self.hasBreakOpportunity(before), "\(before) | \(first.character) at width \(width)")
            }
        }
    }

    @Test func graphemeClustersStayWhole() async {
        await propertyCheck(count: 300, input: Self.text, Self.width) { text, width in
            let clusters = Self.clusters(text)
            var boundaries = Set(clusters.map(\.start))
            boundaries.insert(text.unicodeScalars.count)
            for line in LineBreaker.wrap(text, width: width) {
                #expect(boundaries.contains(line.start) && boundaries.contains(line.end), "\(line)")
            }
        }
    }

    /// Break opportunities the rules promise, looked for independently of the breaker: a space
    /// run after some content, not after opening nor before closing punctuation; or a boundary
    /// next to a double-width cluster with the same proviso.
    private static func hasBreakOpportunity(_ line: [Character]) -> Bool {
        guard line.count > 1 else { return false }
        for i in 1..<line.count {
            let left = line[i - 1], right = line[i]
            if opening.contains(left) || closing.contains(right) { continue }
            if left == " " || right == " " {
                // Only the first space of a run after content, checked against the run's far side.
                guard right == " ", left != " " else { continue }
                var j = i
                while j < line.count && line[j] == " " { j += 1 }
                if j < line.count, !closing.contains(line[j]) { return true }
            } else if DisplayWidth.of(left) == 2 || DisplayWidth.of(right) == 2 {
                return true
            }
        }
        return false
    }
}
