import Testing
import LessonKit

private func sentences(_ text: String) -> [String] {
    SentenceSplitter.split(text).map { text.scalarSlice($0) }
}

@Suite struct SentenceSplitterTests {
    @Test func seedParagraphsAreCopiedWhole() {
        #expect(SeedArticle.paragraphs.map { $0.unicodeScalars.count } == SeedArticle.scalarCounts)
    }

    @Test func seedMainBodyHasNineteenSentences() {
        let parts = sentences(SeedArticle.mainBody)
        #expect(parts.count == 19)
        #expect(parts.first == "On April 23, Michael Kratsios, director of the White House Office of Science and "
            + "Technology Policy, released a memo alleging that foreign actors—principally in China—are engaged "
            + "in deliberate, industrial-scale distillation campaigns.")
        #expect(parts[5] == "Chinese officials responded by rejecting the allegations.")
        #expect(parts.last?.hasPrefix("Chan also observed that the timing of the memo—ahead") == true)
        #expect(parts.last?.hasSuffix("before the meeting.") == true)
    }

    @Test func seedIntroductionAndConclusionHaveTwoSentencesEach() {
        #expect(sentences(SeedArticle.introduction).count == 2)
        #expect(sentences(SeedArticle.conclusion).count == 2)
    }

    @Test func closingCurlyQuoteStaysWithItsSentence() {
        let parts = sentences(SeedArticle.mainBody)
        #expect(parts[16] == "Kyle Chan, a fellow at the Brookings Institution, noted that distinguishing "
            + "unauthorized distillation from legitimate data requests is akin to “looking for needles in an "
            + "enormous haystack.”")
        #expect(parts[17].hasPrefix("He suggested"))
    }

    @Test func parenthesisedPartyAndStateDoNotSplit() {
        let parts = sentences(SeedArticle.mainBody)
        #expect(parts[4] == "Representative Bill Huizenga (R-MI), the bill’s sponsor, characterized model "
            + "extraction as a form of economic coercion and intellectual property theft.")
    }

    @Test func splitsAtPeriodQuestionAndExclamationMarks() {
        #expect(sentences("It rained. Did it stop? No! It did not.")
            == ["It rained.", "Did it stop?", "No!", "It did not."])
    }

    @Test func rangesAreTrimmedOfSurroundingWhitespace() {
        let text = "  First one.   Second one.\n "
        #expect(SentenceSplitter.split(text) == [2..<12, 15..<26])
    }

    @Test func emptyOrBlankTextHasNoSentences() {
        #expect(SentenceSplitter.split("").isEmpty)
        #expect(SentenceSplitter.split("  \n ").isEmpty)
    }

    @Test func textWithoutTerminalPunctuationIsOneSentence() {
        #expect(sentences("a heading without a stop ") == ["a heading without a stop"])
    }

    @Test func doesNotSplitAfterTitlesAndCommonAbbreviations() {
        #expect(sentences("Mr. Smith met Dr. Jones and Prof. Lee at St. Paul's. They talked.").count == 2)
        #expect(sentences("Acme Inc. Signed a deal with Foo Ltd. Today. Then it rained.").count == 2)
        #expect(sentences("Sen. Warren and Rep. Jordan spoke vs. Gov. Moore. It went badly.").count == 2)
        #expect(sentences("It began on Jan. 5 and ended on Feb. 9. Nobody noticed.").count == 2)
        #expect(sentences("He lives at No. 10 Downing St. London. Really.").count == 2)
    }

    @Test func splitsAfterNoThatIsAnAnswer() {
        #expect(sentences("The answer was no. Then we left.").count == 2)
        #expect(sentences("Read p. 3 and pp. 10-12 of it. Then stop.").count == 2)
    }

    @Test func etceteraEndsASentenceOnlyBeforeACapital() {
        #expect(sentences("Apples, pears, etc. are fruit.").count == 1)
        #expect(sentences("I bought apples, pears, etc. Then I went home.").count == 2)
    }

    @Test func doesNotSplitAfterDottedAbbreviations() {
        #expect(sentences("The U.S. Senate and the U.K. Parliament met at 9 a.m. Monday. Fine.").count == 2)
        #expect(sentences("Some fruit, e.g. Apples, and some nuts, i.e. Almonds. Done.").count == 2)
    }

    @Test func doesNotSplitAfterInitials() {
        #expect(sentences("John F. Kennedy met J. R. R. Tolkien. Both smiled.")
            == ["John F. Kennedy met J. R. R. Tolkien.", "Both smiled."])
    }

    @Test func doesNotSplitInsideDecimalsAndVersions() {
        #expect(sentences("Pi is about 3.14 today. Version v2.0.1 shipped. It cost $1.5 billion.")
            == ["Pi is about 3.14 today.", "Version v2.0.1 shipped.", "It cost $1.5 billion."])
    }

    @Test func sentenceEndingInANumberOrVersionStillSplits() {
        #expect(sentences("Sales rose in 2024. Costs fell. We shipped v2.0. Users cheered.").count == 4)
    }

    @Test func doesNotSplitInsideURLsAndEmailAddresses() {
        #expect(sentences("See https://example.com/a.B?Q=1!X for more. Write to J.Doe@Mail.Example.org now.")
            == ["See https://example.com/a.B?Q=1!X for more.", "Write to J.Doe@Mail.Example.org now."])
        #expect(sentences("Visit www.example.com. Then rest.").count == 2)
    }

    @Test func ellipsisBeforeALowerCaseWordContinuesTheSentence() {
        #expect(sentences("He paused... and went on. She waited… and then left.").count == 2)
    }

    @Test func ellipsisBeforeACapitalEndsTheSentence() {
        #expect(sentences("He paused... Then he left. Well… Maybe.") == ["He paused...", "Then he left.", "Well…", "Maybe."])
    }

    @Test func closingQuotesAndBracketsBelongToTheSentence() {
        #expect(sentences("He said, “Stop.” Next came silence.") == ["He said, “Stop.”", "Next came silence."])
        #expect(sentences("(See above.) Next one.") == ["(See above.)", "Next one."])
        #expect(sentences("She asked \"Why?\" Nobody knew.") == ["She asked \"Why?\"", "Nobody knew."])
    }

    @Test func questionInsideQuoteBeforeLowerCaseDoesNotSplit() {
        #expect(sentences("\"Why?\" he asked. \"Because,\" she said.").count == 2)
    }

    @Test func openingQuoteOrDigitStartsANewSentence() {
        #expect(sentences("He left. “Who is there?” she asked. 42 people came.").count == 3)
    }

    @Test func splitsAtCJKFullStopsWithoutSpaces() {
        #expect(sentences("你好。我很好！你呢？好的") == ["你好。", "我很好！", "你呢？", "好的"])
        #expect(sentences("他說：「走吧。」我們走了。") == ["他說：「走吧。」", "我們走了。"])
    }

    @Test func offsetsCountUnicodeScalars() {
        let text = "Café 👍🏽 works. Next."
        let ranges = SentenceSplitter.split(text)
        // 14, not 13: the thumbs-up with its skin tone is one Character but two scalars.
        #expect(ranges == [0..<14, 15..<20])
    }

    @Test func sentencesCoverAllNonSpaceTextInOrder() {
        var generator = SplitterTextGenerator(seed: 7)
        for _ in 0..<300 {
            let text = generator.paragraph()
            let scalars = Array(text.unicodeScalars)
            let ranges = SentenceSplitter.split(text)
            var covered = [Bool](repeating: false, count: scalars.count)
            var previousEnd = 0
            for range in ranges {
                #expect(range.lowerBound >= previousEnd && !range.isEmpty, "\(text)")
                #expect(!scalars[range.lowerBound].properties.isWhitespace, "\(text)")
                #expect(!scalars[range.upperBound - 1].properties.isWhitespace, "\(text)")
                for k in range { covered[k] = true }
                previousEnd = range.upperBound
            }
            for (k, c) in scalars.enumerated() where !c.properties.isWhitespace {
                #expect(covered[k], "scalar \(k) of \(text) is in no sentence")
            }
        }
    }

    @Test func megabyteParagraphSplitsInLinearTime() {
        let sentence = "The committee met on Jan. 5 with Mr. Smith and approved $1.5 billion (see p. 3). "
        let text = String(repeating: sentence, count: 1_000_000 / sentence.utf8.count + 1)
        let clock = ContinuousClock()
        var count = 0
        let elapsed = clock.measure { count = SentenceSplitter.split(text).count }
        #expect(count == 1_000_000 / sentence.utf8.count + 1)
        #expect(elapsed < .seconds(10))
    }

    @Test func megabyteWithoutSpacesOrWithOnlyDotsStaysFast() {
        let clock = ContinuousClock()
        let dots = String(repeating: "a.", count: 500_000)
        let spacedDots = String(repeating: "A. ", count: 350_000)
        var counts: [Int] = []
        let elapsed = clock.measure {
            counts = [SentenceSplitter.split(dots).count, SentenceSplitter.split(spacedDots).count]
        }
        #expect(counts == [1, 1])
        #expect(elapsed < .seconds(10))
    }
}

/// Deterministic paragraphs made of words, abbreviations, quotes, numbers and odd spacing,
/// for the coverage property.
private struct SplitterTextGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    private static let pieces = [
        "word", "Word", "Mr.", "U.S.", "3.14", "end.", "end?", "end!", "end…", "end...", "“Quote.”",
        "(aside.)", "\"hi.\"", "e.g.", "J.", "日本。", "好！", "'x'", "—", "-", ".", "?", "…", "A.",
        "x@y.z", "http://a.b/c.", "Ünï.", "👍🏽.", "42.", "etc.", ")", "(", "”",
    ]
    private static let gaps = [" ", " ", " ", "  ", "\n", "", " \u{A0}"]

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }

    mutating func paragraph() -> String {
        var text = Self.gaps[next(Self.gaps.count)]
        for _ in 0..<next(25) {
            text += Self.pieces[next(Self.pieces.count)] + Self.gaps[next(Self.gaps.count)]
        }
        return text
    }
}
/// The seed lesson's article: its three paragraphs, copied verbatim from the seed lesson
/// 000_f5ea0693685dfbec.txt (each a single line there; the trailing backslashes join the lines
/// back with the single space that ends each one). Shared by the tests of the splitter, the
/// matcher and the locator. Section numbers follow the file: 0 Introduction, 1 Main Body,
/// 2 Conclusion.
enum SeedArticle {
    static let introduction = """
        The White House has issued a memorandum accusing foreign entities, primarily based in China, \
        of conducting large-scale campaigns to extract capabilities from US frontier artificial \
        intelligence systems. The administration stated it will share intelligence with American AI \
        companies, develop defensive best practices, and explore punitive measures.
        """

    static let mainBody = """
        On April 23, Michael Kratsios, director of the White House Office of Science and Technology \
        Policy, released a memo alleging that foreign actors—principally in China—are engaged in \
        deliberate, industrial-scale distillation campaigns. According to the memo, these actors use \
        tens of thousands of proxy accounts and jailbreaking techniques to systematically extract \
        proprietary information from US AI models, thereby exploiting American innovation. The \
        administration indicated it would collaborate with US AI firms to identify such activities, \
        build defenses, and hold offenders accountable. The memo was issued concurrently with a \
        bipartisan bill in the House Foreign Affairs Committee that would establish a process to \
        identify foreign entities extracting key technical features from closed-source US AI models \
        and impose sanctions. Representative Bill Huizenga (R-MI), the bill’s sponsor, characterized \
        model extraction as a form of economic coercion and intellectual property theft. Chinese \
        officials responded by rejecting the allegations. Liu Pengyu, a spokesperson for China’s \
        embassy in Washington, stated that China opposes unjustified suppression of its companies \
        and emphasized its commitment to intellectual property protection through cooperation and \
        healthy competition. Foreign Ministry spokesman Guo Jiakun described the US claims as \
        baseless slander and accused Washington of technological coercion, urging an end to \
        suppression and a focus on mutual technological exchange. The accusations follow earlier \
        statements by US AI companies. In February, Anthropic alleged that Chinese firms DeepSeek, \
        Moonshot AI, and MiniMax had illicitly extracted capabilities from its Claude chatbot using \
        distillation. OpenAI, in a letter to lawmakers, accused DeepSeek of free-riding on its \
        models. David Sacks, then serving as President Trump’s AI and crypto adviser, also claimed \
        that DeepSeek had distilled knowledge from OpenAI’s models. Last year, DeepSeek released a \
        large language model that competed with US counterparts at significantly lower cost, \
        unsettling markets. Distillation is a recognized technique for training smaller, cheaper \
        models from larger ones. Anthropic acknowledged its legitimate use but argued that \
        unauthorized large-scale extraction allows competitors to acquire powerful capabilities in a \
        fraction of the time and cost of independent development. The practice is not one-sided: San \
        Francisco-based startup Anysphere recently stated that its latest product was based on an \
        open-source model from Chinese company Moonshot AI. Kyle Chan, a fellow at the Brookings \
        Institution, noted that distinguishing unauthorized distillation from legitimate data \
        requests is akin to “looking for needles in an enormous haystack.” He suggested that \
        information sharing and coordination among US AI labs could help, and that the federal \
        government could facilitate such efforts. Chan also observed that the timing of the \
        memo—ahead of a planned mid-May state visit by President Trump to Beijing for a summit with \
        President Xi Jinping—may influence the administration’s approach, as Trump might avoid \
        escalating tensions before the meeting.
        """

    static let conclusion = """
        The US administration has formally accused Chinese entities of systematic AI model theft and \
        announced plans to counter such activities, while China has denied the allegations and \
        called for cooperation. The situation unfolds against a backdrop of narrowing US-China AI \
        performance gaps and a forthcoming high-level diplomatic meeting, leaving the trajectory of \
        enforcement and bilateral relations uncertain.
        """

    static let paragraphs = [introduction, mainBody, conclusion]

    /// Scalar counts of the three paragraphs in the seed file, to prove the copies are whole.
    static let scalarCounts = [348, 3156, 408]
}
