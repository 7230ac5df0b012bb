import LessonKit

/// The article as a flat list of blocks (title, headings, paragraphs, blank spacers), laid out
/// lazily: a block is wrapped only when it is looked at, and the result is cached per width.
/// Scrolling positions are (block, line) pairs, so nothing ever needs the whole article wrapped.
public struct ArticleBlock: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case title
        case heading(section: Int)
        case paragraph(section: Int, paragraph: Int)
        case spacer
    }
    public var kind: Kind
}

/// One wrapped line of a block: scalar offsets into the block's text plus the matching string
/// indices, found once when the block is laid out so drawing never walks the text from its start.
public struct LaidOutLine: Sendable {
    public var start: Int
    public var end: Int
    public var startIndex: String.Index
    public var endIndex: String.Index
}

/// A place in the article as the top of a view: a block and a line inside it.
public struct RowPosition: Sendable, Hashable, Comparable {
    public var block: Int
    public var line: Int

    public init(block: Int, line: Int) {
        self.block = block
        self.line = line
    }

    public static func < (a: RowPosition, b: RowPosition) -> Bool { (a.block, a.line) < (b.block, b.line) }
}

/// Wrapped lines of blocks for one width. A value: the width belongs to it, while the wrapped
/// lines live in a shared cache keyed by width, which memoises a pure function and so changes
/// no result when copies of the state share it.
public struct ArticleLayout {
    public let lesson: Lesson
    public let blocks: [ArticleBlock]
    /// Index of each paragraph's block: paragraphBlock[section][paragraph].
    public let paragraphBlock: [[Int]]
    public private(set) var width: Int
    private let cache = LineCache()

    final class LineCache {
        var width = -1
        var lines: [Int: [LaidOutLine]] = [:]
    }

    public init(lesson: Lesson, width: Int) {
        self.lesson = lesson
        self.width = max(1, width)
        var blocks: [ArticleBlock] = [ArticleBlock(kind: .title)]
        var paragraphBlock: [[Int]] = []
        for (s, section) in lesson.sections.enumerated() {
            blocks.append(ArticleBlock(kind: .spacer))
            if !section.heading.isEmpty {
                blocks.append(ArticleBlock(kind: .heading(section: s)))
                blocks.append(ArticleBlock(kind: .spacer))
            }
            var indices: [Int] = []
            for p in section.paragraphs.indices {
                if p > 0 { blocks.append(ArticleBlock(kind: .spacer)) }
                indices.append(blocks.count)
                blocks.append(ArticleBlock(kind: .paragraph(section: s, paragraph: p)))
            }
            paragraphBlock.append(indices)
        }
        self.blocks = blocks
        self.paragraphBlock = paragraphBlock
    }

    public mutating func setWidth(_ newWidth: Int) {
        width = max(1, newWidth)
    }

    public func text(of block: Int) -> String {
        guard blocks.indices.contains(block) else { return "" }
        switch blocks[block].kind {
        case .title: return lesson.title
        case .heading(let s): return lesson.sections[s].heading
        case .paragraph(let s, let p): return lesson.sections[s].paragraphs[p].text
        case .spacer: return ""
        }
    }

    public func lines(of block: Int) -> [LaidOutLine] {
        if cache.width != width {
            // One width at a time: a resize lays out again only what is looked at.
            cache.width = width
            cache.lines.removeAll(keepingCapacity: true)
        }
        if let cached = cache.lines[block] { return cached }
        let text = self.text(of: block)
        let wrapped = LineBreaker.wrap(text, width: width)
        // Walk the scalars once, turning offsets into indices.
        var result: [LaidOutLine] = []
        result.reserveCapacity(wrapped.count)
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var offset = 0
        func advance(to target: Int) -> String.Index {
            while offset < target, index < scalars.endIndex {
                index = scalars.index(after: index)
                offset += 1
            }
            return index
        }
        for line in wrapped {
            let start = advance(to: line.start)
            let end = advance(to: line.end)
            result.append(LaidOutLine(start: line.start, end: line.end, startIndex: start, endIndex: end))
        }
        if result.isEmpty {
            result = [LaidOutLine(start: 0, end: 0, startIndex: text.startIndex, endIndex: text.startIndex)]
        }
        cache.lines[block] = result
        return result
    }

    public func lineCount(of block: Int) -> Int { lines(of: block).count }

    public var firstRow: RowPosition { RowPosition(block: 0, line: 0) }

    public var lastRow: RowPosition {
        let last = blocks.count - 1
        return RowPosition(block: last, line: lineCount(of: last) - 1)
    }

    /// The row `count` rows after (or before, when negative) `row`, stopping at the ends.
    public func row(_ row: RowPosition, movedBy count: Int) -> RowPosition {
        var position = clamp(row)
        var remaining = count
        while remaining > 0 {
            let lines = lineCount(of: position.block)
            let available = lines - 1 - position.line
            if remaining <= available {
                position.line += remaining
                return position
            }
            if position.block + 1 >= blocks.count {
                position.line = lines - 1
                return position
            }
            remaining -= available + 1
            position = RowPosition(block: position.block + 1, line: 0)
        }
        while remaining < 0 {
            if -remaining <= position.line {
                position.line += remaining
                return position
            }
            if position.block == 0 {
                position.line = 0
                return position
            }
            remaining += position.line + 1
            position = RowPosition(block: position.block - 1, line: lineCount(of: position.block - 1) - 1)
        }
        return position
    }

    /// Rows from `top`, at most `count` of them.
    public func rows(from top: RowPosition, count: Int) -> [RowPosition] {
        guard count > 0 else { return [] }
        var result: [RowPosition] = []
        result.reserveCapacity(count)
        var position = clamp(top)
        while result.count < count {
            result.append(position)
            let lines = lineCount(of: position.block)
            if position.line + 1 < lines {
                position.line += 1
            } else if position.block + 1 < blocks.count {
                position = RowPosition(block: position.block + 1, line: 0)
            } else {
                break
            }
        }
        return result
    }

    /// The number of rows from `a` to `b` (positive when b is after a), counting at most `limit`.
    public func distance(from a: RowPosition, to b: RowPosition, limit: Int) -> Int? {
        if a == b { return 0 }
        let forward = a < b
        var position = a
        var steps = 0
        while steps <= limit {
            let next = row(position, movedBy: forward ? 1 : -1)
            if next == position { return nil }
            position = next
            steps += 1
            if position == b { return forward ? steps : -steps }
        }
        return nil
    }

    public func clamp(_ row: RowPosition) -> RowPosition {
        guard !blocks.isEmpty else { return RowPosition(block: 0, line: 0) }
        let block = min(max(0, row.block), blocks.count - 1)
        let line = min(max(0, row.line), lineCount(of: block) - 1)
        return RowPosition(block: block, line: line)
    }

    /// The row of a paragraph that shows the scalar `offset`.
    public func row(section: Int, paragraph: Int, offset: Int) -> RowPosition? {
        guard paragraphBlock.indices.contains(section), paragraphBlock[section].indices.contains(paragraph) else { return nil }
        let block = paragraphBlock[section][paragraph]
        let lines = lines(of: block)
        // Binary search for the last line starting at or before the offset.
        var lo = 0, hi = lines.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lines[mid].start <= offset { lo = mid } else { hi = mid - 1 }
        }
        return RowPosition(block: block, line: lo)
    }

    /// The block of the first paragraph at or after `block` (or before it, looking backwards).
    public func paragraph(at block: Int) -> (section: Int, paragraph: Int)? {
        guard blocks.indices.contains(block), case .paragraph(let s, let p) = blocks[block].kind else { return nil }
        return (s, p)
    }
}
