/// The lesson as plain text for a pipe or a file (`gloss FILE | less`): title, sections,
/// vocabulary with Chinese, notes. No escape codes; wrapped to a width.
public enum LessonPlainText {
    public static func render(_ lesson: Lesson, width: Int = 80) -> String {
        var out: [String] = []
        func wrap(_ text: String, indent: String = "") {
            for line in LineBreaker.wrapLines(text, width: max(10, width - DisplayWidth.of(indent))) {
                out.append(indent + line)
            }
        }
        wrap(lesson.title)
        out.append(String(repeating: "=", count: min(width, max(3, DisplayWidth.of(lesson.title)))))
        for section in lesson.sections {
            out.append("")
            if !section.heading.isEmpty {
                wrap(section.heading)
                out.append(String(repeating: "-", count: min(width, max(3, DisplayWidth.of(section.heading)))))
                out.append("")
            }
            for (i, paragraph) in section.paragraphs.enumerated() {
                if i > 0 { out.append("") }
                wrap(paragraph.text)
            }
        }
        if !lesson.vocabulary.isEmpty {
            out.append("")
            out.append("Vocabulary")
            out.append("----------")
            for entry in lesson.vocabulary {
                out.append("")
                let count = entry.occurrences.count
                out.append("\(entry.term) (\(count) in the text)")
                wrap(entry.definition, indent: "  ")
                if !entry.chineseDefinition.isEmpty { wrap(entry.chineseDefinition, indent: "  ") }
                if let example = entry.example { wrap("Example: " + example, indent: "  ") }
            }
        }
        if !lesson.sentenceNotes.isEmpty {
            out.append("")
            out.append("Sentence notes")
            out.append("--------------")
            for note in lesson.sentenceNotes {
                out.append("")
                wrap(note.sentence, indent: "> ")
                wrap(note.analysis, indent: "  ")
                if !note.chineseAnalysis.isEmpty { wrap(note.chineseAnalysis, indent: "  ") }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
