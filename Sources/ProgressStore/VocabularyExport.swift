#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LessonKit

/// Vocabulary for flashcard programs: one row per entry of a lesson's vocabulary.
public enum VocabularyExport {
    public enum Format: String, CaseIterable, Sendable {
        /// For Anki: `#` header lines instead of a column-header row (Anki would make a card of it).
        case tsv
        /// RFC 4180, with a header row.
        case csv
    }

    public struct Row: Sendable, Equatable {
        public var term: String
        public var definition: String
        public var chineseDefinition: String
        public var example: String
        public var lessonTitle: String
        public var status: String

        public init(term: String, definition: String, chineseDefinition: String, example: String,
                    lessonTitle: String, status: String) {
            self.term = term
            self.definition = definition
            self.chineseDefinition = chineseDefinition
            self.example = example
            self.lessonTitle = lessonTitle
            self.status = status
        }

        var fields: [String] { [term, definition, chineseDefinition, example, lessonTitle, status] }
    }

    static let columns = ["term", "definition", "chinese_definition", "example", "lesson", "status"]

    /// The lesson's vocabulary in file order, each with its status (`new` when never marked).
    public static func rows(lesson: Lesson, statuses: [String: TermStatus]) -> [Row] {
        lesson.vocabulary.map { entry in
            let status = statuses[VocabularyMatcher.normalise(entry.term)] ?? .new
            return Row(term: entry.term, definition: entry.definition,
                       chineseDefinition: entry.chineseDefinition, example: entry.example ?? "",
                       lessonTitle: lesson.title, status: status.rawValue)
        }
    }

    public static func render(_ rows: [Row], as format: Format) -> String {
        switch format {
        case .tsv: tsv(rows)
        case .csv: csv(rows)
        }
    }

    // MARK: TSV

    private static func tsv(_ rows: [Row]) -> String {
        var lines = ["#separator:tab", "#html:false", "#columns:" + columns.joined(separator: "\t")]
        for row in rows {
            lines.append(row.fields.map(tsvField).joined(separator: "\t"))
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// A field that cannot break a TSV line. Tabs and line breaks (including CRLF, U+2028 and the
    /// like) become one space each. Anki reads TSV with a CSV reader, so a field holding a quote
    /// is quoted with quotes doubled (a leading quote would otherwise swallow the tabs after
    /// it), and so is one starting with `#` (which would otherwise read as a comment line).
    static func tsvField(_ text: String) -> String {
        let flat = String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 })
        guard flat.contains("\"") || flat.hasPrefix("#") else { return flat }
        return quoted(flat)
    }

    // MARK: CSV

    private static func csv(_ rows: [Row]) -> String {
        var lines = [columns.joined(separator: ",")]
        for row in rows {
            lines.append(row.fields.map(csvField).joined(separator: ","))
        }
        return lines.map { $0 + "\r\n" }.joined()
    }

    /// RFC 4180: a field holding a comma, quote, CR or LF is quoted, its quotes doubled.
    static func csvField(_ text: String) -> String {
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        return needsQuotes ? quoted(text) : text
    }

    private static func quoted(_ text: String) -> String {
        // Scalar by scalar: a quote with a combining mark after it is one Character, and its
        // quote must still be doubled.
        var result = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { result += "\"\"" } else { result.unicodeScalars.append(scalar) }
        }
        return result + "\""
    }
}
