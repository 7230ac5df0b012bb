import Testing
import LessonKit

private typealias Paragraphs = [(section: Int, paragraph: Int, text: String, sentences: [Range<Int>])]

private func paragraphs(_ texts: [String]) -> Paragraphs {
    texts.enumerated().map { (section: $0.offset, paragraph: 0, text: $0.element, sentences: SentenceSplitter.split($0.element)) }
}

private let seed = paragraphs(SeedArticle.paragraphs)

private func where_(_ needle: String, in paragraphs: Paragraphs = seed) -> [Int]? {
    SentenceLocator.locate(needle, in: paragraphs).map { [$0.section, $0.paragraph, $0.sentence] }
}

@Suite struct SentenceLocatorTests {
    /// The five notes of the seed lesson, in file order, with the Main Body sentence each one is about.
    static let seedNotes: [(note: String, sentence: Int)] = [
        ("The memo was issued concurrently with a bipartisan bill in the House Foreign Affairs Committee that "
            + "would establish a process to identify foreign entities extracting key technical features from "
            + "closed-source US AI models and impose sanctions.", 3),
        ("According to the memo, these actors use tens of thousands of proxy accounts and jailbreaking techniques "
            + "to systematically extract proprietary information from US AI models, thereby exploiting American "
            + "innovation.", 1),
        ("Kyle Chan, a fellow at the Brookings Institution, noted that distinguishing unauthorized distillation "
            + "from legitimate data requests is akin to “looking for needles in an enormous haystack.”", 16),
        ("The administration indicated it would collaborate with US AI firms to identify such activities, build "
            + "defenses, and hold offenders accountable.", 2),
        ("Anthropic acknowledged its legitimate use but argued that unauthorized large-scale extraction allows "
            + "competitors to acquire powerful capabilities in a fraction of the time and cost of independent "
            + "development.", 14),
    ]

    @Test func seedNotesAreFoundAtTheirMainBodySentences() {
        let index = SentenceLocator.Index(seed)
        for (note, sentence) in Self.seedNotes {
            #expect(index.locate(note) == SentenceLocation(section: 1, paragraph: 0, sentence: sentence))
            #expect(where_(note) == [1, 0, sentence])
        }
    }

    @Test func seedNoteSentencesAreTheSplitterSentencesVerbatim() {
        let main = seed[1]
        for (note, sentence) in Self.seedNotes {
            #expect(main.text.scalarSlice(main.sentences[sentence]) == note)
        }
    }

    @Test func toleratesStraightQuotesAndApostrophes() {
        #expect(where_("Kyle Chan, a fellow at the Brookings Institution, noted that distinguishing unauthorized "
            + "distillation from legitimate data requests is akin to \"looking for needles in an enormous haystack.\"")
            == [1, 0, 16])
        #expect(where_("Representative Bill Huizenga (R-MI), the bill's sponsor, characterized model extraction "
            + "as a form of economic coercion and intellectual property theft.") == [1, 0, 4])
    }

    @Test func toleratesDashStyleSpacingAndCase() {
        #expect(where_("on april 23, michael kratsios, director of the white house office of science and technology "
            + "policy, released a memo alleging that foreign actors -- principally in China – are engaged in "
            + "deliberate,   industrial-scale\ndistillation campaigns.") == [1, 0, 0])
        #expect(where_("On April 23, Michael Kratsios, director of the White House Office of Science and Technology "
            + "Policy, released a memo alleging that foreign actors - principally in China – are engaged in "
            + "deliberate,   industrial-scale\ndistillation campaigns.") == [1, 0, 0])
        #expect(where_("CHINESE OFFICIALS responded by rejecting the allegations.") == [1, 0, 5])
    }

    @Test func toleratesTrailingPunctuationDifferences() {
        #expect(where_("Chinese officials responded by rejecting the allegations") == [1, 0, 5])
        #expect(where_("Chinese officials responded by rejecting the allegations!”") == [1, 0, 5])
        #expect(where_("Kyle Chan, a fellow at the Brookings Institution, noted that distinguishing unauthorized "
            + "distillation from legitimate data requests is akin to “looking for needles in an enormous haystack”.")
            == [1, 0, 16])
    }

    @Test func noteSpanningTwoSentencesIsFoundWhereItStarts() {
        #expect(where_("The accusations follow earlier statements by US AI companies. In February, Anthropic alleged "
            + "that Chinese firms DeepSeek, Moonshot AI, and MiniMax had illicitly extracted capabilities from its "
            + "Claude chatbot using distillation.") == [1, 0, 8])
    }

    @Test func notePartOfASentenceIsFoundInThatSentence() {
        #expect(where_("Distillation is a recognized technique") == [1, 0, 13])
        #expect(where_("leaving the trajectory of enforcement") == [2, 0, 1])
    }

    @Test func sentenceNotInTheArticleIsNotFound() {
        #expect(where_("The memo was withdrawn the next day.") == nil)
        #expect(where_("...") == nil)
        #expect(where_("") == nil)
    }

    @Test func wholeSentenceWinsOverAnEarlierSentenceThatContainsIt() {
        let article = paragraphs(["He said it rains. Then it rains, she thought.", "It rains."])
        #expect(where_("It rains.", in: article) == [1, 0, 0])
        #expect(where_("it rains, she", in: article) == [0, 0, 1])
    }

    @Test func sentenceStartWinsOverAnEarlierContainment() {
        let article = paragraphs(["We know the sky is blue today. The sky is blue today and tomorrow."])
        #expect(where_("The sky is blue today", in: article) == [0, 0, 1])
    }

    @Test func firstOfRepeatedSentencesIsFound() {
        let article = paragraphs(["One. Same sentence here.", "Same sentence here."])
        #expect(where_("Same sentence here.", in: article) == [0, 0, 1])
    }

    @Test func matchDoesNotCrossParagraphs() {
        let article = paragraphs(["The end of one paragraph.", "Start of the next."])
        #expect(where_("The end of one paragraph. Start of the next.", in: article) == nil)
    }

    @Test func shortNotesAndCJKNotesAreFound() {
        let article = paragraphs(["Yes. No way. Maybe so.", "你好。我很好！"])
        #expect(where_("No way", in: article) == [0, 0, 1])
        #expect(where_("我很好", in: article) == [1, 0, 1])
        #expect(where_("很好", in: article) == [1, 0, 1])
    }

    @Test func manyNotesInALargeArticleAreFoundQuickly() {
        let filler = String(repeating: SeedArticle.mainBody + " ", count: 8)
        var texts = (0..<40).map { "Paragraph \($0) opens here. " + filler }
        texts.append(SeedArticle.conclusion)
        let article = paragraphs(texts)
        let clock = ContinuousClock()
        var found: [SentenceLocation?] = []
        let elapsed = clock.measure {
            let index = SentenceLocator.Index(article)
            for k in 0..<50 {
                found.append(index.locate("Paragraph \(k % 40) opens here."))
            }
            found.append(index.locate("leaving the trajectory of enforcement and bilateral relations uncertain."))
        }
        #expect(found.prefix(50).enumerated().allSatisfy { $0.element == SentenceLocation(section: $0.offset % 40, paragraph: 0, sentence: 0) })
        #expect(found.last == SentenceLocation(section: 40, paragraph: 0, sentence: 1))
        #expect(elapsed < .seconds(20))
    }
}

@Suite struct SentenceLocatorBatchTests {
    /// `locateAll` shares normalised paragraphs between notes; it must answer exactly as
    /// `locate` does one note at a time, in whole sentences, sentence starts, the middle of a
    /// sentence, short notes and notes that are nowhere.
    @Test func locatingAllAtOnceAnswersAsLocatingEachAlone() {
        var needles = SentenceLocatorTests.seedNotes.map(\.note)
        needles += ["proxy accounts", "Kyle Chan", "a fellow at the Brookings Institution",
                    "This sentence is in no article at all.", "", "“looking for needles", "the memo"]
        let index = SentenceLocator.Index(seed)
        let alone = needles.map { index.locate($0) }
        #expect(index.locateAll(needles) == alone)
        #expect(alone.compactMap { $0 }.count >= SentenceLocatorTests.seedNotes.count + 3)
        #expect(alone.contains(nil))
        // And an index built for just these notes answers the same.
        #expect(SentenceLocator.Index(seed, needles: needles).locateAll(needles) == alone)
    }
}

@Suite struct SentenceLocatorKeptFormsTests {
    /// A short article's index keeps the paragraphs it normalised and locates with them; a long
    /// one normalises them again. Both must answer alike: the seed's notes, found in the seed and
    /// in the seed followed by 300 KB of other paragraphs.
    @Test func shortAndLongArticlesLocateAlike() {
        let needles = SentenceLocatorTests.seedNotes.map(\.note) + ["proxy accounts", "Kyle Chan", "nowhere in it at all"]
        let short = SentenceLocator.Index(seed).locateAll(needles)
        let filler = (0..<400).map { "Filler paragraph \($0) says nothing much. " + String(repeating: "Words follow words here. ", count: 30) }
        let long = seed + paragraphs(filler).map { (section: $0.section + 100, paragraph: 0, text: $0.text, sentences: $0.sentences) }
        #expect(long.reduce(0) { $0 + $1.text.utf8.count } > 300_000)
        #expect(SentenceLocator.Index(long).locateAll(needles) == short)
        #expect(SentenceLocator.Index(long, needles: needles).locateAll(needles) == short)
        #expect(short.prefix(5).map { $0?.sentence } == SentenceLocatorTests.seedNotes.map(\.sentence))
        #expect(short.last == .some(nil))
    }
}
