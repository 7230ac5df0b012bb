/// How well the reader knows a term. Shared across lessons by the term's normalised form
/// (`VocabularyMatcher.normalise`).
public enum TermStatus: String, Sendable, CaseIterable, Codable {
    case new, learning, known, ignored
}
