import LessonKit
import ReaderCore

/// Every in-process figure for one lesson file, taken in this process (run it in a process of
/// its own so that the peak memory is this lesson's alone).
struct LessonMeasurement {
    static let columns = 200
    static let rows = 60
    static let keyCount = 1_000

    let path: String
    let seed: UInt64

    /// Named figures in a fixed order: `(metric, value)`. Times are milliseconds.
    func run() throws(LessonError) -> [(String, String)] {
        let size = try FileBytes.read(path).count
        let runs = size < 100_000 ? 21 : size < 2_000_000 ? 7 : 5
        var figures: [(String, String)] = [("bytes", "\(size)"), ("runs", "\(runs)")]
        var sink = 0

        // The whole way to a first Screen, as `gloss FILE` goes: read, decode, parse, analyse
        // (only a preview around the start for a long lesson, whose full analysis the reader
        // runs on another thread), build the reader state, draw. Taken first, so the peak
        // memory below is the reader's.
        var totals: [Double] = []
        for _ in 0..<runs {
            let start = Stopwatch.now()
            let parsed = try Lesson.parse(bytes: try FileBytes.read(path))
            let state = LessonAnalyzer.wantsPreview(parsed)
                ? ReaderState(preview: LessonAnalyzer.preview(parsed, around: nil), columns: Self.columns, rows: Self.rows)
                : ReaderState(lesson: LessonAnalyzer.analyze(parsed), columns: Self.columns, rows: Self.rows)
            let screen = ReaderView.draw(state, theme: Theme())
            totals.append(Double(Stopwatch.now() - start) / 1_000_000)
            sink &+= screen.cells.count
        }
        figures.append(("first_screen_ms", format(Statistics.median(totals))))
        let lesson = try Lesson.read(path: path)

        // Keypress to finished Screen, over a fixed mix of keys.
        var state = ReaderState(lesson: lesson, columns: Self.columns, rows: Self.rows)
        let keys = KeyScript.keys(count: Self.keyCount, seed: seed, searchWords: KeyScript.searchWords(in: lesson, seed: seed))
        var keyTimes: [Double] = []
        var keyCPUTimes: [Double] = []
        keyTimes.reserveCapacity(keys.count)
        keyCPUTimes.reserveCapacity(keys.count)
        var slowest = (time: 0.0, key: Key.character("j"))
        for key in keys {
            let start = Stopwatch.now(), cpuStart = Stopwatch.cpuNow()
            state.update(.key(key))
            let screen = ReaderView.draw(state, theme: Theme())
            let elapsed = Double(Stopwatch.now() - start) / 1_000_000
            keyCPUTimes.append(Double(Stopwatch.cpuNow() - cpuStart) / 1_000_000)
            sink &+= screen.cells.count
            keyTimes.append(elapsed)
            if elapsed > slowest.time { slowest = (elapsed, key) }
        }
        figures.append(("key_median_ms", format(Statistics.median(keyTimes))))
        figures.append(("key_p99_ms", format(Statistics.percentile(keyTimes, 99))))
        figures.append(("key_cpu_median_ms", format(Statistics.median(keyCPUTimes))))
        figures.append(("key_cpu_p99_ms", format(Statistics.percentile(keyCPUTimes, 99))))
        figures.append(("key_max_ms", format(slowest.time)))
        figures.append(("key_slowest", KeyNotation.describe(slowest.key)))
        figures.append(("key_breakdown", breakdown(keys: keys, times: keyTimes)))
        if let peak = PeakMemory.kilobytes() { figures.append(("peak_kb", "\(peak)")) }

        // Stage by stage. Sentence splitting and vocabulary matching are timed on their own over
        // every paragraph; `analyze` does both plus locating the notes.
        var stages: [String: [Double]] = [:]
        for _ in 0..<runs {
            let (bytes, readTime) = try Stopwatch.time { () throws(LessonError) in try FileBytes.read(path) }
            let (decoded, decodeTime) = try Stopwatch.time { () throws(LessonError) in try LessonDecoder.decode(bytes) }
            let (parsed, parseTime) = Stopwatch.time { LessonParser.parse(decoded) }
            let (sentenceCount, splitTime) = Stopwatch.time {
                var count = 0
                for section in parsed.sections {
                    for paragraph in section.paragraphs { count += SentenceSplitter.split(paragraph.text).count }
                }
                return count
            }
            let (matchCount, matchTime) = Stopwatch.time {
                let matcher = VocabularyMatcher(terms: parsed.vocabulary.map(\.term))
                var count = 0
                for section in parsed.sections {
                    for paragraph in section.paragraphs { count += matcher.matches(in: paragraph.text).count }
                }
                return count
            }
            let (analysed, analyseTime) = Stopwatch.time { LessonAnalyzer.analyze(parsed) }
            let (state, stateTime) = Stopwatch.time { ReaderState(lesson: analysed, columns: Self.columns, rows: Self.rows) }
            let (screen, drawTime) = Stopwatch.time { ReaderView.draw(state, theme: Theme()) }
            sink &+= sentenceCount &+ matchCount &+ screen.cells.count
            for (name, time) in [("read_ms", readTime), ("decode_ms", decodeTime), ("parse_ms", parseTime),
                                 ("split_ms", splitTime), ("match_ms", matchTime), ("analyze_ms", analyseTime),
                                 ("state_ms", stateTime), ("draw_ms", drawTime)] {
                stages[name, default: []].append(time)
            }
        }
        for name in ["read_ms", "decode_ms", "parse_ms", "split_ms", "match_ms", "analyze_ms", "state_ms", "draw_ms"] {
            figures.append((name, format(Statistics.median(stages[name] ?? []))))
        }

        let paragraphs = lesson.sections.reduce(0) { $0 + $1.paragraphs.count }
        let sentences = lesson.sections.reduce(0) { $0 + $1.paragraphs.reduce(0) { $0 + $1.sentences.count } }
        let occurrences = lesson.vocabulary.reduce(0) { $0 + $1.occurrences.count }
        let located = lesson.sentenceNotes.filter { $0.location != nil }.count
        figures.append(("paragraphs", "\(paragraphs)"))
        figures.append(("sentences", "\(sentences)"))
        figures.append(("terms", "\(lesson.vocabulary.count)"))
        figures.append(("occurrences", "\(occurrences)"))
        figures.append(("notes_located", "\(located)/\(lesson.sentenceNotes.count)"))
        figures.append(("diagnostics", "\(lesson.diagnostics.count)"))
        // Printed so the optimiser cannot prove the work unused.
        figures.append(("checksum", "\(sink)"))
        return figures
    }

    /// Median time per kind of key, so a slow p99 can be traced to the command behind it.
    private func breakdown(keys: [Key], times: [Double]) -> String {
        var byKind: [String: [Double]] = [:]
        var inSearch = false
        for (key, time) in zip(keys, times) {
            var name = KeyNotation.describe(key)
            if key == .character("/") { inSearch = true } else if inSearch { name = key == .enter ? "<Enter>" : "typed" }
            if key == .enter { inSearch = false }
            byKind[name, default: []].append(time)
        }
        return byKind.sorted { $0.key < $1.key }
            .map { "\($0.key)=\(format(Statistics.median($0.value)))/\(format($0.value.max() ?? .nan))" }
            .joined(separator: " ")
    }
}

/// Milliseconds with three decimals: enough to tell 0.05 ms keypresses apart.
func format(_ milliseconds: Double) -> String {
    guard milliseconds.isFinite else { return "-" }
    let thousandths = Int((milliseconds * 1000).rounded())
    let whole = thousandths / 1000, fraction = thousandths % 1000
    let padded = fraction < 10 ? "00\(fraction)" : fraction < 100 ? "0\(fraction)" : "\(fraction)"
    return "\(whole).\(padded)"
}
