import LessonKit

extension ReaderState {
    /// Puts a saved reading position back: the sentence is focused and shown near the top.
    /// A position that no longer exists (the lesson was edited) falls back to the nearest one.
    public mutating func resume(at location: SentenceLocation) {
        guard !index.sentences.isEmpty else { return }
        var lo = 0, hi = index.sentences.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if index.sentences[mid] < location { lo = mid + 1 } else { hi = mid }
        }
        let target = index.sentences[min(lo, index.sentences.count - 1)]
        focus = target
        followFocusWithTerm()
        if let (first, _) = rows(of: target) {
            top = layout.row(first, movedBy: -min(2, pageHeight / 4))
            clampTop()
        }
    }
}
