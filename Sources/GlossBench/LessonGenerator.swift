/// Writes lessons in the lesson format from a seed: a title, the three sections, then the
/// vocabulary and sentence notes, shaped like `Lessons/01-…txt` but of any size.
///
/// Vocabulary terms are invented words (and some two-word phrases) placed across the whole
/// article, some inflected (-s, -ed, -ing), so matching has real work everywhere; the notes quote
/// sentences copied from the article, chosen across its whole length, so locating them does too.
struct LessonGenerator {
    struct Spec: Sendable {
        var fileName: String
        var label: String
        /// The size the whole file aims at; the result lands within a paragraph of it.
        var targetBytes: Int
        var vocabularyCount: Int
        var noteCount: Int
        /// One paragraph per section, like the seed, or as many as the size needs.
        var manyParagraphs: Bool
    }

    static let specs: [Spec] = [
        Spec(fileName: "seed-size.txt", label: "seed size", targetBytes: 11_400, vocabularyCount: 8, noteCount: 5, manyParagraphs: false),
        Spec(fileName: "1mb.txt", label: "1 MB", targetBytes: 1 << 20, vocabularyCount: 150, noteCount: 30, manyParagraphs: true),
        Spec(fileName: "8mb.txt", label: "8 MB", targetBytes: 8 << 20, vocabularyCount: 300, noteCount: 50, manyParagraphs: true),
    ]

    private struct Term {
        /// The words of the term; only the last one inflects in the article.
        var words: [String]
        var text: String { words.joined(separator: " ") }
    }

    private var random: SplitMix64
    private let spec: Spec
    private var terms: [Term] = []

    init(spec: Spec, seed: UInt64) {
        self.spec = spec
        random = SplitMix64(seed: seed, stream: spec.fileName)
    }

    mutating func generate() -> String {
        terms = makeTerms(count: spec.vocabularyCount)
        let vocabulary = vocabularySection()
        // The notes are about the size of their sentences plus an analysis; estimated before the
        // article exists because they quote it.
        let notesEstimate = spec.noteCount * 560
        let articleBudget = max(2_000, spec.targetBytes - vocabulary.utf8.count - notesEstimate - 200)

        var sentences: [String] = []
        var out = title() + "\n\n"
        let shares = [("Introduction", 8), ("Main Body", 84), ("Conclusion", 8)]
        for (heading, share) in shares {
            out += heading + "\n\n"
            let budget = articleBudget * share / 100
            var written = 0
            var first = true
            while first || (spec.manyParagraphs && written < budget) {
                let room = spec.manyParagraphs ? 1_500 : budget
                let paragraph = makeParagraph(bytes: min(room, max(200, budget - written)), into: &sentences)
                out += paragraph + "\n\n"
                written += paragraph.utf8.count + 2
                first = false
            }
        }
        out += vocabulary
        out += "\nSentence Learning\n\n"
        out += notes(from: sentences)
        return out
    }

    // MARK: - Article

    private mutating func title() -> String {
        let name = random.pick(WordLists.names)
        let noun = capitalised(random.pick(WordLists.nouns))
        let adjective = capitalised(random.pick(WordLists.adjectives))
        return "\(name) and the \(adjective) \(noun): a Generated Lesson of \(spec.label)"
    }

    /// Sentences until the paragraph holds about `bytes` bytes (at least two sentences).
    private mutating func makeParagraph(bytes: Int, into sentences: inout [String]) -> String {
        var paragraph = ""
        var count = 0
        while count < 2 || paragraph.utf8.count < bytes {
            let sentence = makeSentence()
            sentences.append(sentence)
            if !paragraph.isEmpty { paragraph += " " }
            paragraph += sentence
            count += 1
        }
        return paragraph
    }

    private mutating func makeSentence() -> String {
        var body: String
        switch random.below(10) {
        case 0:
            // Speech: a quotation, then who said it.
            body = "\"" + capitalised(clause()) + ",\" said " + person()
        case 1:
            body = "According to " + person() + ", " + clause()
        case 2:
            body = clause() + ", about \(random.inRange(2...90)).\(random.below(10)) percent of the " + plural(random.pick(WordLists.nouns))
        default:
            body = clause()
            if random.chance(45) { body += random.pick(WordLists.joiners) + " " + clause() }
        }
        let end = random.chance(6) ? "?" : "."
        return capitalised(body) + end
    }

    /// One clause: someone did something to something, with a vocabulary term now and then.
    private mutating func clause() -> String {
        var words: [String] = []
        words.append(nounPhrase(termChance: 18))
        if random.chance(20) { words.append(random.pick(WordLists.adverbs)) }
        if random.chance(12), !terms.isEmpty {
            let term = random.pick(terms)
            let ending = random.chance(50) ? "ed" : "s"
            words.append(inflected(term, ending: ending))
        } else {
            words.append(random.pick(WordLists.verbsPast))
        }
        words.append(nounPhrase(termChance: 18))
        if random.chance(55) {
            words.append(random.pick(WordLists.prepositions))
            if random.chance(10), !terms.isEmpty {
                words.append(inflected(random.pick(terms), ending: "ing"))
            }
            words.append(nounPhrase(termChance: 10))
        }
        return words.joined(separator: " ")
    }

    private mutating func nounPhrase(termChance: Int) -> String {
        let determiner = random.pick(["the", "the", "a", "their", "its", "this"])
        let adjective = random.chance(40) ? random.pick(WordLists.adjectives) + " " : ""
        if random.chance(termChance), !terms.isEmpty {
            let term = random.pick(terms)
            let ending = random.chance(35) ? "s" : ""
            return article(determiner, before: adjective + inflected(term, ending: ending))
        }
        let noun = random.pick(WordLists.nouns)
        return article(determiner, before: adjective + (random.chance(25) ? plural(noun) : noun))
    }

    /// "a" becomes "an" before a vowel, so the filler reads like English.
    private func article(_ determiner: String, before rest: String) -> String {
        if determiner == "a", let first = rest.first, "aeiou".contains(first) { return "an " + rest }
        return determiner + " " + rest
    }

    private func plural(_ noun: String) -> String {
        if noun.hasSuffix("y"), let before = noun.dropLast().last, !"aeiou".contains(before) {
            return noun.dropLast() + "ies"
        }
        return noun + "s"
    }

    private mutating func person() -> String {
        (random.chance(40) ? random.pick(WordLists.titles) + " " : "") + random.pick(WordLists.names)
    }

    private func inflected(_ term: Term, ending: String) -> String {
        var words = term.words
        words[words.count - 1] += ending
        return words.joined(separator: " ")
    }

    // MARK: - Vocabulary

    private mutating func makeTerms(count: Int) -> [Term] {
        var used = Set<String>()
        var result: [Term] = []
        while result.count < count {
            let phrase = random.chance(20)
            var words: [String] = []
            for _ in 0..<(phrase ? 2 : 1) {
                var word = inventedWord()
                while used.contains(word) { word = inventedWord() }
                used.insert(word)
                words.append(word)
            }
            result.append(Term(words: words))
        }
        return result
    }

    private mutating func inventedWord() -> String {
        random.pick(WordLists.onsets) + random.pick(WordLists.vowels) + random.pick(WordLists.middles)
            + random.pick(WordLists.vowels) + random.pick(WordLists.codas)
    }

    private mutating func vocabularySection() -> String {
        var out = "Vocabulary Learning\n\n"
        for term in terms {
            out += term.text + "\n"
            let definition: String
            if random.chance(50) {
                definition = "A \(random.pick(WordLists.adjectives)) kind of \(random.pick(WordLists.nouns)) that people \(random.pick(WordLists.verbsPast)) \(random.pick(WordLists.adverbs))."
            } else {
                definition = "To treat a \(random.pick(WordLists.nouns)) in a \(random.pick(WordLists.adjectives)) and \(random.pick(WordLists.adjectives)) way."
            }
            out += definition + chinese(characters: random.inRange(6...16)) + "\n"
            var example = clause()
            example = "The " + random.pick(WordLists.nouns) + " " + inflected(term, ending: "ed") + " " + example
            out += "Example:" + capitalised(example) + ".\n"
        }
        return out
    }

    /// Chinese made of the fixed Han characters, with a comma now and then and a full stop at the end.
    private mutating func chinese(characters: Int) -> String {
        var out = ""
        for i in 0..<characters {
            out.append(random.pick(WordLists.han))
            if i > 3, i < characters - 2, random.chance(12) { out += "，" }
        }
        return out + "。"
    }

    // MARK: - Sentence notes

    private mutating func notes(from sentences: [String]) -> String {
        guard !sentences.isEmpty else { return "" }
        var out = ""
        var chosen = Set<Int>()
        let count = min(spec.noteCount, sentences.count)
        // Spread across the article: one from each stretch, so late notes cost as much to locate as early ones.
        for k in 0..<count {
            let lo = sentences.count * k / count
            let hi = max(lo + 1, sentences.count * (k + 1) / count)
            var index = lo + random.below(hi - lo)
            while chosen.contains(index) { index = (index + 1) % sentences.count }
            chosen.insert(index)
            let sentence = sentences[index]
            let words = sentence.split(separator: " ")
            let head = words.prefix(4).joined(separator: " ")
            let tail = words.suffix(3).joined(separator: " ")
            out += sentence + "\n"
            out += "Main clause: \"\(head)\". The phrase \"\(tail)\" completes the \(random.pick(WordLists.nouns)), and the \(random.pick(WordLists.adjectives)) verb carries the meaning."
            out += chinese(characters: random.inRange(30...70)) + "\n"
        }
        return out
    }

    private func capitalised(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
