import Testing
import LessonKit

private func found(_ terms: [String], in text: String) -> [String] {
    VocabularyMatcher(terms: terms).matches(in: text).map { text.scalarSlice($0.start..<$0.end) }
}

@Suite struct VocabularyMatcherTests {
    @Test func seedTermsOccurAsOftenAsTheArticleSaysThem() {
        let terms = ["coercion", "distillation", "illicitly", "jailbreaking", "trajectory"]
        let matcher = VocabularyMatcher(terms: terms)
        var texts = [[String]](repeating: [], count: terms.count)
        for paragraph in SeedArticle.paragraphs {
            for match in matcher.matches(in: paragraph) {
                texts[match.term].append(paragraph.scalarSlice(match.start..<match.end))
            }
        }
        #expect(texts[0] == ["coercion", "coercion"])
        // "distilled" is a form of "distill", not of "distillation".
        #expect(texts[1] == ["distillation", "distillation", "Distillation", "distillation"])
        #expect(texts[2] == ["illicitly"])
        #expect(texts[3] == ["jailbreaking"])
        #expect(texts[4] == ["trajectory"])
    }

    @Test func seedMatchesPointAtTheWordsInTheParagraph() {
        let matcher = VocabularyMatcher(terms: ["trajectory"])
        let matches = matcher.matches(in: SeedArticle.conclusion)
        let start = Array(SeedArticle.conclusion.unicodeScalars).count - "trajectory of enforcement and bilateral relations uncertain.".unicodeScalars.count
        #expect(matches == [VocabularyMatch(term: 0, start: start, end: start + 10)])
    }

    @Test func matchesAreCaseInsensitiveWholeWords() {
        #expect(found(["art"], in: "Start the art class. ART matters; smart art-lovers.") == ["art", "ART", "art"])
    }

    @Test func derivedWordIsNotAnOccurrenceButInflectionsAre() {
        #expect(found(["distill"], in: "Distillation distills; they distilled and were distilling.")
            == ["distills", "distilled", "distilling"])
    }

    @Test func inflectedFormsOfATermAreFound() {
        #expect(found(["stop"], in: "He stops, stopped, is stopping; a stoppage.") == ["stops", "stopped", "stopping"])
        #expect(found(["child"], in: "One child, two children.") == ["child", "children"])
        #expect(found(["bring"], in: "They brought it.") == ["brought"])
        #expect(found(["good"], in: "Good, better, best.") == ["Good", "better", "best"])
    }

    @Test func multiWordTermMatchesInflectedHeadAndLooseSpacing() {
        #expect(found(["stem from"], in: "Problems stemming from this; it stems  from that;\nit stemmed\nfrom there.")
            == ["stemming from", "stems  from", "stemmed\nfrom"])
    }

    @Test func functionWordOfAMultiWordTermIsMatchedAsWritten() {
        #expect(found(["sign up"], in: "She signed up, signs up and is signing up; signed ups.")
            == ["signed up", "signs up", "signing up"])
    }

    @Test func multiWordTermNeedsItsWordsAdjacent() {
        #expect(found(["stem from"], in: "The stem, from which it grows. A stem of roses from Kenya.").isEmpty)
        #expect(found(["in the wake of"], in: "In the wake of the storm, in the  wake\nof it, inning the wake of.")
            == ["In the wake of", "in the  wake\nof"])
    }

    @Test func hyphenSeparatesWordsOfACompound() {
        #expect(found(["scale"], in: "industrial-scale distillation at scale") == ["scale", "scale"])
        #expect(found(["large-scale"], in: "large-scale, large scale and largescale") == ["large-scale", "large scale"])
        #expect(found(["stem from"], in: "stem-from").isEmpty)
    }

    @Test func possessiveStaysOutsideTheMatch() {
        #expect(found(["China"], in: "China’s embassy and China's firms, not Chinatown") == ["China", "China"])
        let matches = VocabularyMatcher(terms: ["China"]).matches(in: "China’s")
        #expect(matches == [VocabularyMatch(term: 0, start: 0, end: 5)])
    }

    @Test func alreadyInflectedTermMatchesItself() {
        #expect(found(["jailbreaking"], in: "jailbreaking, Jailbreaking") == ["jailbreaking", "Jailbreaking"])
    }

    @Test func longerTermWinsOverlappingMatch() {
        let matcher = VocabularyMatcher(terms: ["wake", "in the wake of", "the wake"])
        let text = "in the wake of it; the wake; wake up"
        #expect(matcher.matches(in: text) == [
            VocabularyMatch(term: 1, start: 0, end: 14),
            VocabularyMatch(term: 2, start: 19, end: 27),
            VocabularyMatch(term: 0, start: 29, end: 33),
        ])
    }

    @Test func earlierTermWinsAnEqualOverlap() {
        let matcher = VocabularyMatcher(terms: ["data", "Data", "data set"])
        #expect(matcher.matches(in: "Data here") == [VocabularyMatch(term: 0, start: 0, end: 4)])
    }

    @Test func matchesAreSortedByStart() {
        let matches = VocabularyMatcher(terms: ["zeta", "alpha", "beta"]).matches(in: "beta alpha zeta alpha")
        #expect(matches.map(\.start) == [0, 5, 11, 16])
        #expect(matches.map(\.term) == [2, 1, 0, 1])
    }

    @Test func offsetsCountUnicodeScalars() {
        let matches = VocabularyMatcher(terms: ["coercion"]).matches(in: "👍🏽 é coercion")
        #expect(matches == [VocabularyMatch(term: 0, start: 5, end: 13)])
    }

    @Test func emptyOrPunctuationOnlyTermsMatchNothing() {
        let matcher = VocabularyMatcher(terms: ["", "—", "word"])
        #expect(matcher.matches(in: "— word —").map(\.term) == [2])
    }

    @Test func normaliseLowercasesAndSingleSpaces() {
        #expect(VocabularyMatcher.normalise("  Stem \n  From ") == "stem from")
        #expect(VocabularyMatcher.normalise("China’s") == "china's")
    }

    @Test func megabyteTextWithManyTermsMatchesQuickly() {
        let terms = (0..<300).map { "term\($0) word" } + ["coercion", "stem from"]
        let matcher = VocabularyMatcher(terms: terms)
        let chunk = "Economic coercion stemming from trade; term7 words and term12 word here. "
        let text = String(repeating: chunk, count: 1_000_000 / chunk.utf8.count)
        let clock = ContinuousClock()
        var count = 0
        let elapsed = clock.measure { count = matcher.matches(in: text).count }
        #expect(count == 4 * (1_000_000 / chunk.utf8.count))
        #expect(elapsed < .seconds(15))
    }
}
