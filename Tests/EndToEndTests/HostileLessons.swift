import Foundation

/// Lessons written to hurt a terminal reader: escape sequences that would retitle the pane, clear
/// the screen or reach the clipboard if they got through; C1 controls; bidi overrides; one
/// enormous line; a hundred thousand paragraphs. Each still follows the lesson format, so gloss
/// opens it instead of refusing it.
enum HostileLessons {
    /// A word that shows up in the pane title, or anywhere tmux keeps state, only if a sequence
    /// was passed to the terminal instead of being shown as pictures.
    static let leakMarker = "PWNED"

    /// Sequences a terminal would act on. None carries a line end, which would split the line.
    static let sequences: [String] = [
        "\u{1B}]0;\(leakMarker)-osc0\u{07}",               // OSC 0: set the title, BEL-terminated
        "\u{1B}]2;\(leakMarker)-osc2\u{1B}\\",             // OSC 2: set the title, ST-terminated
        "\u{1B}]52;c;UFdORUQ=\u{07}",                        // OSC 52: write the clipboard
        "\u{1B}]8;;http://\(leakMarker).example/\u{1B}\\link\u{1B}]8;;\u{1B}\\", // OSC 8 hyperlink
        "\u{1B}P+q544e\u{1B}\\",                             // DCS: XTGETTCAP request
        "\u{1B}Ptmux;\u{1B}\u{1B}]0;\(leakMarker)-passthrough\u{07}\u{1B}\\", // DCS tmux passthrough
        "\u{1B}k\(leakMarker)-name\u{1B}\\",                 // screen/tmux window name
        "\u{1B}[2J\u{1B}[H",                                 // CSI: clear the screen, cursor home
        "\u{1B}[31;1;5m",                                    // CSI SGR: red, bold, blinking
        "\u{1B}[8m",                                         // CSI SGR: concealed text
        "\u{1B}[?1049l\u{1B}[?25h",                          // leave the alternate screen, show the cursor
        "\u{1B}[6n",                                         // device status report (answers as input)
        "\u{1B}c",                                           // RIS: full reset
        "\u{1B}(0lqqk\u{1B}(B",                              // line-drawing character set
        "\u{9B}31m",                                         // C1 CSI
        "\u{9D}0;\(leakMarker)-c1osc\u{9C}",                 // C1 OSC … ST
        "\u{90}q\u{9C}",                                     // C1 DCS … ST
        "\u{85}\u{84}\u{8D}",                                // NEL, IND, RI
        "\u{07}\u{08}\u{0B}\u{0C}\u{7F}",                    // BEL, BS, VT, FF, DEL
        "\u{202E}desrever\u{202C}",                          // RLO … PDF
        "\u{2066}\u{2067}\u{2068}\u{2069}",                  // bidi isolates
        "\u{200F}\u{200E}\u{061C}\u{202A}\u{202B}\u{202D}",  // marks and embeddings
    ]

    /// The shipped seed lesson with sequences spliced into every line but the headings: title,
    /// paragraphs, vocabulary terms, definitions, examples, note sentences and analyses.
    static func controlHeavy(seed path: String) throws -> [UInt8] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let headings: Set<String> = ["Introduction", "Main Body", "Conclusion", "Vocabulary Learning", "Sentence Learning"]
        var counter = 0
        let lines = text.components(separatedBy: "\n").map { line -> String in
            guard !line.isEmpty, !headings.contains(line) else { return line }
            counter += 1
            let sequence = sequences[counter % sequences.count]
            if line.hasPrefix("Example:") { return "Example:" + sequence + line.dropFirst("Example:".count) }
            // A term line must stay a term line: short, without a final full stop.
            if !line.contains(" ") || line.count < 30 { return line + sequence }
            let words = line.split(separator: " ", omittingEmptySubsequences: false)
            let middle = words.count / 2
            return (words[..<middle] + [Substring(sequence)] + words[middle...]).joined(separator: " ")
        }
        return Array(lines.joined(separator: "\n").utf8)
    }

    /// A small lesson where every part carries every kind of sequence, headings included.
    static func everywhere() -> [UInt8] {
        let all = sequences.joined(separator: " ")
        var text = "Hostile \(sequences[0])Title \(sequences[19]) Of Doom\n\n"
        text += "Intro \(sequences[1]) Part\n\n"
        text += "First paragraph with \(all) and the word xylophone in it. A second sentence \(sequences[4]) ends here.\n\n"
        text += "Main \(sequences[5]) Body\n\n"
        for (i, sequence) in sequences.enumerated() {
            text += "Paragraph \(i) carries \(sequence) inside it, then a xylophone. It has two sentences.\n\n"
        }
        text += "Conclusion\n\n"
        text += "The end \(sequences[14]) of the \u{202E}hostile\u{202C} lesson, with a xylophone.\n\n"
        text += "Vocabulary Learning\n\n"
        text += "xylophone\n"
        text += "A musical instrument \(sequences[0]) with wooden bars.木琴\(sequences[15])樂器。\n"
        text += "Example:The word xylophone \(sequences[9]) appears here.\n"
        text += "paragraph\n"
        text += "A part of a text \u{202E}reversed\u{202C}.段落\u{9B}2J。\n"
        text += "Example:Paragraph \(sequences[6]) one.\n\n"
        text += "Sentence Learning\n\n"
        text += "A second sentence \(sequences[4]) ends here.\n"
        text += "A short sentence \(sequences[2]) analysed.一個\(sequences[16])短句。\n"
        return Array(text.utf8)
    }

    /// One paragraph on a single line of about `bytes` bytes, made of sentences of words.
    static func oneLongLine(bytes: Int = 1_048_576) -> [UInt8] {
        var paragraph = ""
        paragraph.reserveCapacity(bytes + 200)
        let words = ["reading", "the", "terminal", "gloss", "word", "lesson", "is", "very", "long", "indeed"]
        var i = 0
        while paragraph.utf8.count < bytes {
            paragraph += words[i % words.count]
            i += 1
            paragraph += i % 17 == 0 ? ". " : " "
        }
        paragraph += "xylophone ends it."
        return Array(lessonAround(mainBody: paragraph).utf8)
    }

    /// `count` one-sentence paragraphs in the main body.
    static func tinyParagraphs(_ count: Int = 100_000) -> [UInt8] {
        var body = ""
        body.reserveCapacity(count * 16)
        for i in 0..<count {
            body += i == count / 2 ? "Tiny xylophone \(i).\n\n" : "Tiny one \(i).\n\n"
        }
        return Array(lessonAround(mainBody: String(body.dropLast(2))).utf8)
    }

    private static func lessonAround(mainBody: String) -> String {
        """
        A Lesson Built To Be Heavy

        Introduction

        This lesson is heavy on purpose.

        Main Body

        \(mainBody)

        Conclusion

        It ends here.

        Vocabulary Learning

        xylophone
        A musical instrument with wooden bars.木琴。
        Example:xylophone ends it.

        Sentence Learning

        This lesson is heavy on purpose.
        A simple sentence.一個簡單的句子。

        """
    }
}
