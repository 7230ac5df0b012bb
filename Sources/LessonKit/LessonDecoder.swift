#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The first stage of reading a lesson: bytes to lines of text.
///
/// Strips a UTF-8 BOM, accepts LF, CRLF and CR line ends, replaces invalid UTF-8 by U+FFFD (with a
/// warning at its line and column) and refuses input that is not a text file at all.
public enum LessonDecoder {
    public struct Line: Sendable, Equatable {
        /// 1-based line number in the file.
        public var number: Int
        /// The line without its end-of-line characters, trailing spaces and tabs removed.
        public var text: String
    }

    public struct Output: Sendable {
        public var lines: [Line]
        public var diagnostics: [Diagnostic]
    }

    /// Invalid UTF-8 is reported once per line, and at most this many lines, so that a file of
    /// garbage does not drown the reader in messages.
    static let invalidUTF8ReportLimit = 20

    public static func decode(_ bytes: [UInt8]) throws(LessonError) -> Output {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw LessonError(line: 1, column: 1, message: "the file is empty; a lesson starts with its title line")
        }
        if let reason = binaryReason(body) {
            throw LessonError(line: 1, column: 1, message: "this looks like a binary file (\(reason)), not a lesson; lessons are UTF-8 text")
        }

        var lines: [Line] = []
        var diagnostics: [Diagnostic] = []
        var invalidLinesReported = 0
        var invalidLinesSuppressed = 0
        var number = 1
        var start = body.startIndex
        var index = start

        func finishLine(_ end: Int) {
            let raw = body[start..<end]
            var text: String
            if let valid = String(validating: raw, as: UTF8.self) {
                text = valid
            } else {
                let (repaired, column) = repair(raw)
                text = repaired
                if invalidLinesReported < invalidUTF8ReportLimit {
                    invalidLinesReported += 1
                    diagnostics.append(Diagnostic(
                        line: number, column: column, severity: .warning,
                        message: "invalid UTF-8 shown as \u{FFFD}; save the file as UTF-8"))
                } else {
                    invalidLinesSuppressed += 1
                }
            }
            lines.append(Line(number: number, text: trimTrailingSpace(text)))
            number += 1
        }

        let end = body.endIndex
        // Most files end their lines in LF alone: then memchr finds each line end, where a loop
        // over the bytes cost 8 instructions a byte (issue 5).
        let hasCR = body.withUnsafeBufferPointer { ByteScan.firstIndex(of: 0x0D, in: $0) != nil }
        while index < end {
            // The next line end, found over the raw bytes: indexing the slice byte by byte took
            // most of the time to decode an 8 MB lesson.
            index = body.withUnsafeBufferPointer { bytes in
                var i = index - body.startIndex
                if !hasCR { return ByteScan.firstIndex(of: 0x0A, in: bytes, from: i).map { $0 + body.startIndex } ?? end }
                while i < bytes.count, bytes[i] != 0x0A, bytes[i] != 0x0D { i += 1 }
                return i + body.startIndex
            }
            guard index < end else { break }
            if body[index] == 0x0A {
                finishLine(index)
                index += 1
                start = index
            } else {
                finishLine(index)
                index += 1
                if index < end, body[index] == 0x0A { index += 1 }
                start = index
            }
        }
        if start < body.endIndex { finishLine(body.endIndex) }
        if invalidLinesSuppressed > 0 {
            diagnostics.append(Diagnostic(
                line: lines.last?.number ?? 1, column: 1, severity: .warning,
                message: "invalid UTF-8 on \(invalidLinesSuppressed) more lines; save the file as UTF-8"))
        }
        return Output(lines: lines, diagnostics: diagnostics)
    }

    /// NUL bytes, or a start that is mostly control bytes, mean the file is not text.
    private static func binaryReason(_ bytes: ArraySlice<UInt8>) -> String? {
        let hasNUL = bytes.withUnsafeBufferPointer { ByteScan.firstIndex(of: 0, in: $0) != nil }
        if hasNUL { return "it contains NUL bytes" }
        let sample = bytes.prefix(8192)
        var controls = 0
        for byte in sample where byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x1B && byte != 0x0C {
            controls += 1
        }
        if controls * 10 > sample.count * 3 { return "\(controls) of its first \(sample.count) bytes are control characters" }
        if String(validating: sample.prefix(sample.count >= 4 ? sample.count - 3 : sample.count), as: UTF8.self) == nil {
            // Text in a legacy encoding is still text; only give up when most of it is undecodable.
            let decoded = String(decoding: sample, as: UTF8.self)
            let replaced = decoded.unicodeScalars.lazy.filter { $0 == "\u{FFFD}" }.count
            if replaced * 2 > decoded.unicodeScalars.count { return "most of it is not UTF-8" }
        }
        return nil
    }

    /// Decodes a line that holds invalid UTF-8, replacing each bad sequence by U+FFFD, and returns
    /// the 1-based column (in scalars) of the first replacement.
    private static func repair(_ raw: ArraySlice<UInt8>) -> (String, Int) {
        var scalars = String.UnicodeScalarView()
        var column = 0
        var firstBad = 0
        var decoder = UTF8()
        var iterator = raw.makeIterator()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                scalars.append(scalar)
                column += 1
            case .error:
                scalars.append("\u{FFFD}")
                column += 1
                if firstBad == 0 { firstBad = column }
            case .emptyInput:
                break decoding
            }
        }
        return (String(scalars), max(1, firstBad))
    }

    private static func trimTrailingSpace(_ text: String) -> String {
        // Most lines end in a letter or a mark: kept as they are without walking their scalars.
        guard let last = text.utf8.last, String.canEndTrimmedSpace(last) else { return text }
        var end = text.unicodeScalars.endIndex
        let scalars = text.unicodeScalars
        while end > scalars.startIndex {
            let before = scalars.index(before: end)
            let scalar = scalars[before]
            if String.isTrimmedSpace(scalar) { end = before } else { break }
        }
        return end == scalars.endIndex ? text : String(scalars[..<end])
    }
}

/// A lesson that cannot be read at all: the file is missing, unreadable, empty or binary.
public struct LessonError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { message }
}
