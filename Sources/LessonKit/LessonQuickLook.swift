#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A first look at a long lesson file without reading all of it: its beginning, cut after a
/// blank line, followed by its vocabulary (from the `Vocabulary Learning` heading to the
/// `Sentence Learning` one or the end), as the bytes of one small lesson. The sentence notes
/// are left out: a first look does not locate them anyway (`LessonAnalyzer.preview`). The reader draws its first screen from
/// that while the whole file is read, decoded and parsed on another thread (issue 5: reading,
/// decoding and parsing text that the first screen does not show was most of the 41 ms an
/// 8 MB lesson took to open).
///
/// The small lesson is meant to be the start of the whole one: the same title, the same
/// sections up to the cut (the last of them shorter), the same vocabulary. That holds when the
/// file has one `Vocabulary Learning` heading and the notes come after it; `look` checks what
/// it can cheaply, and the reader checks the rest when the whole lesson arrives
/// (`ReaderState.adoptLongerText`), starting again from the whole lesson when it does not hold.
public enum LessonQuickLook {
    /// Files shorter than this are read whole: that takes about a millisecond.
    public static let minimumFileSize = 512 << 10
    /// How much of the file's beginning is read: several screens of text at 200x60.
    public static let headSize = 32 << 10
    /// How much of the file's end is read first to find the vocabulary heading, and at most.
    static let tailSizes = [64 << 10, 256 << 10, 1 << 20]

    /// The small lesson's bytes, or nil when the file is short, is not a regular file, cannot be
    /// read, or has no blank line in its beginning or no vocabulary heading near its end (then
    /// it is read whole, which also reports any problem with it).
    public static func look(path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(info.st_size)
        guard size >= minimumFileSize, size <= FileBytes.sizeLimit else { return nil }
        guard let head = readAt(fd, offset: 0, count: headSize), let cut = cutAfterBlankLine(head) else { return nil }
        for tailSize in tailSizes {
            let offset = max(cut, size - tailSize)
            guard let tail = readAt(fd, offset: offset, count: size - offset), tail.count == size - offset else { return nil }
            // A tail that starts inside a line starts looking at the next one.
            if let start = headingStart(in: tail, from: 0, startsAtLine: offset == cut, word: "vocabulary", LessonParser.isVocabularyHeading) {
                let end = headingStart(in: tail, from: start, startsAtLine: true, word: "sentence", LessonParser.isSentenceHeading) ?? tail.count
                return Array(head[..<cut]) + tail[start..<end]
            }
            if offset == cut { return nil }
        }
        return nil
    }

    /// The end of the last blank line (nothing but spaces, tabs or a carriage return) that has a
    /// line before it, or nil.
    static func cutAfterBlankLine(_ bytes: [UInt8]) -> Int? {
        var i = bytes.count - 1
        while i >= 0 {
            guard bytes[i] == 0x0A else { i -= 1; continue }
            var j = i - 1
            while j >= 0, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0D { j -= 1 }
            if j >= 0, bytes[j] == 0x0A { return i + 1 }
            i = j
        }
        return nil
    }

    /// Where the first line at or after `from` that `isHeading` accepts starts, or nil. Only
    /// short lines whose first word (after spaces and #) starts with `word`, in any case, are
    /// given to `isHeading`. Lines are found with memchr: walking the array's slices for each
    /// newline took 1.6 million instructions over the 8 MB lesson's 64 KB tail, a tenth of the
    /// main thread's work before its first screen (issue 5).
    static func headingStart(in bytes: [UInt8], from: Int, startsAtLine: Bool, word: StaticString,
                             _ isHeading: (String) -> Bool) -> Int? {
        let prefix = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            let count = buffer.count
            // The offset of the next newline at or after `offset`, or `count`.
            func newline(from offset: Int) -> Int { ByteScan.firstIndex(of: 0x0A, in: buffer, from: offset) ?? count }
            var start = from
            if !startsAtLine {
                let first = newline(from: from)
                guard first < count else { return nil }
                start = first + 1
            }
            while start < count {
                let end = newline(from: start)
                var first = start
                while first < end, buffer[first] == 0x20 || buffer[first] == 0x09 || buffer[first] == 0x23 { first += 1 }
                // A carriage return before the newline is part of the line end.
                let lineEnd = end > start && buffer[end - 1] == 0x0D ? end - 1 : end
                if lineEnd - start <= 320, lineEnd - first >= prefix.count,
                   prefix.indices.allSatisfy({ buffer[first + $0] | 0x20 == prefix[$0] }),
                   isHeading(String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<lineEnd]), as: UTF8.self)) {
                    return start
                }
                start = end + 1
            }
            return nil
        }
    }

    private static func readAt(_ fd: Int32, offset: Int, count: Int) -> [UInt8]? {
        let (bytes, failure) = FileBytes.read(fd, count: count, at: offset)
        return failure == 0 ? bytes : nil
    }
}
