/// The analysed lesson as JSON, written by hand so that the field order follows the documented
/// shape and `null` appears where a value is absent.
public enum LessonJSON {
    public static func encode(_ lesson: Lesson) -> String {
        var out = "{\n"
        out += "  \"title\": \(quote(lesson.title)),\n"
        out += "  \"sections\": ["
        out += lesson.sections.map { section in
            var s = "\n    {\"heading\": \(quote(section.heading)), \"line\": \(section.line), \"paragraphs\": ["
            s += section.paragraphs.map { paragraph in
                // One array of scalars per paragraph: slicing the String for each sentence walked
                // it from the start every time (quadratic in a paragraph of many sentences).
                let scalars = Array(paragraph.text.unicodeScalars)
                let sentences = paragraph.sentences.map { range -> String in
                    let lo = min(max(0, range.lowerBound), scalars.count), hi = min(max(lo, range.upperBound), scalars.count)
                    return quote(String(scalars: scalars[lo..<hi]))
                }.joined(separator: ", ")
                let ranges = paragraph.sentences.map { "[\($0.lowerBound), \($0.upperBound)]" }.joined(separator: ", ")
                return "\n      {\"text\": \(quote(paragraph.text)), \"line\": \(paragraph.line), \"sentences\": [\(sentences)], \"sentenceRanges\": [\(ranges)]}"
            }.joined(separator: ",")
            s += "\n    ]}"
            return s
        }.joined(separator: ",")
        out += "\n  ],\n"
        out += "  \"vocabulary\": ["
        out += lesson.vocabulary.map { entry in
            var s = "\n    {\"term\": \(quote(entry.term)), \"definition\": \(quote(entry.definition)), "
            s += "\"chineseDefinition\": \(quote(entry.chineseDefinition)), "
            s += "\"example\": \(entry.example.map(quote) ?? "null"), \"line\": \(entry.line), \"occurrences\": ["
            s += entry.occurrences.map { o in
                "\n      {\"section\": \(o.section), \"paragraph\": \(o.paragraph), \"start\": \(o.start), \"end\": \(o.end), \"text\": \(quote(o.text))}"
            }.joined(separator: ",")
            s += entry.occurrences.isEmpty ? "]}" : "\n    ]}"
            return s
        }.joined(separator: ",")
        out += "\n  ],\n"
        out += "  \"sentenceNotes\": ["
        out += lesson.sentenceNotes.map { note in
            let location = note.location.map {
                "{\"section\": \($0.section), \"paragraph\": \($0.paragraph), \"sentence\": \($0.sentence)}"
            } ?? "null"
            return "\n    {\"sentence\": \(quote(note.sentence)), \"analysis\": \(quote(note.analysis)), "
                + "\"chineseAnalysis\": \(quote(note.chineseAnalysis)), \"line\": \(note.line), \"location\": \(location)}"
        }.joined(separator: ",")
        out += "\n  ],\n"
        out += "  \"diagnostics\": ["
        out += lesson.diagnostics.map { d in
            "\n    {\"line\": \(d.line), \"column\": \(d.column), \"severity\": \"\(d.severity.rawValue)\", \"message\": \(quote(d.message))}"
        }.joined(separator: ",")
        out += "\n  ]\n}"
        return out
    }

    /// A JSON string literal. Everything below U+0020 is escaped; the rest is UTF-8 as is.
    static func quote(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }
}
