import LessonKit
import ReaderCore

/// The keys of the keypress benchmark: a reader's mix of scrolling, paging, jumping to either
/// end, stepping by sentence and by vocabulary word, and searching, drawn from a seed.
enum KeyScript {
    /// Exactly `count` keys. A search is typed whole (`/`, its letters, Enter) and each of those
    /// keys counts, because each one redraws the screen with the incremental search.
    static func keys(count: Int, seed: UInt64, searchWords: [String]) -> [Key] {
        var random = SplitMix64(seed: seed, stream: "keys")
        var keys: [Key] = []
        let words = searchWords.isEmpty ? ["the"] : searchWords
        while keys.count < count {
            let roll = random.below(100)
            switch roll {
            case 0..<28: keys.append(.character("j"))
            case 28..<40: keys.append(.character("k"))
            case 40..<54: keys.append(.character(" "))
            case 54..<62: keys.append(.character("b"))
            case 62..<65: keys.append(.character("G"))
            case 65..<68: keys.append(.character("g"))
            case 68..<80: keys.append(.character(")"))
            case 80..<90: keys.append(.character("]"))
            case 90..<94:
                let word = random.pick(words)
                guard keys.count + word.count + 2 <= count else { keys.append(.character("j")); continue }
                keys.append(.character("/"))
                for character in word { keys.append(.character(character)) }
                keys.append(.enter)
            default: keys.append(.character("n"))
            }
        }
        return keys
    }

    /// Words worth searching for in a lesson: the first word of a few vocabulary terms (they
    /// occur across the article) and one word that occurs once, near the end, so that some
    /// searches walk the whole lesson.
    static func searchWords(in lesson: Lesson, seed: UInt64) -> [String] {
        var random = SplitMix64(seed: seed, stream: "search")
        var words: [String] = []
        let terms = lesson.vocabulary.filter { !$0.occurrences.isEmpty }
        for _ in 0..<min(3, terms.count) {
            if let first = random.pick(terms).term.split(separator: " ").first { words.append(String(first)) }
        }
        if let section = lesson.sections.last, let paragraph = section.paragraphs.last,
           let last = paragraph.text.split(separator: " ").last {
            let word = last.filter { $0.isLetter }
            if word.count >= 3 { words.append(String(word)) }
        }
        return words
    }
}
