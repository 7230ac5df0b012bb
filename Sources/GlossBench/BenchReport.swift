/// The one table `make bench` prints: figures per lesson from `gloss-bench measure` and from
/// `scripts/bench-pty.py`, merged by lesson, then the targets marked met or missed.
struct BenchReport {
    /// figures[lesson][metric], lessons in the order they were first seen.
    private(set) var lessons: [String] = []
    private(set) var figures: [String: [String: String]] = [:]

    /// Reads `lesson<TAB>metric<TAB>value` lines; anything else is ignored.
    mutating func add(tsv: String) {
        for line in tsv.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3 else { continue }
            if figures[parts[0]] == nil {
                lessons.append(parts[0])
                figures[parts[0]] = [:]
            }
            figures[parts[0]]?[parts[1]] = parts[2]
        }
    }

    mutating func add(lesson: String, _ metrics: [(String, String)]) {
        add(tsv: metrics.map { "\(lesson)\t\($0.0)\t\($0.1)" }.joined(separator: "\n"))
    }

    func tsv() -> String {
        var out = ""
        for lesson in lessons {
            for (metric, value) in (figures[lesson] ?? [:]).sorted(by: { $0.key < $1.key }) {
                out += "\(lesson)\t\(metric)\t\(value)\n"
            }
        }
        return out
    }

    private func number(_ lesson: String, _ metric: String) -> Double? {
        figures[lesson]?[metric].flatMap(Double.init)
    }

    private enum Shown { case milliseconds, megabytes, count, text, bytes }

    private struct Row {
        var label: String
        var value: (BenchReport, String) -> String?
    }

    private static func plain(_ metric: String, _ shown: Shown) -> (BenchReport, String) -> String? {
        { report, lesson in
            guard let raw = report.figures[lesson]?[metric] else { return nil }
            guard let value = Double(raw) else { return raw }
            switch shown {
            case .milliseconds: return milliseconds(value)
            case .megabytes: return oneDecimal(value / 1024) + " MB"
            case .count, .text: return raw
            case .bytes: return value >= 10_240 ? oneDecimal(value / 1024) + " KB" : raw + " B"
            }
        }
    }

    private static func ratio(_ numerator: String, _ denominator: String) -> (BenchReport, String) -> String? {
        { report, lesson in
            guard let a = report.number(lesson, numerator), let b = report.number(lesson, denominator), b > 0 else { return nil }
            return twoDecimals(a / b) + "x"
        }
    }

    private static var rows: [(String, [Row])] { [
        ("The lesson", [
            Row(label: "size", value: plain("bytes", .bytes)),
            Row(label: "paragraphs / sentences", value: { r, l in
                guard let p = r.figures[l]?["paragraphs"], let s = r.figures[l]?["sentences"] else { return nil }
                return "\(p) / \(s)"
            }),
            Row(label: "terms / occurrences", value: { r, l in
                guard let t = r.figures[l]?["terms"], let o = r.figures[l]?["occurrences"] else { return nil }
                return "\(t) / \(o)"
            }),
            Row(label: "notes located", value: plain("notes_located", .text)),
        ]),
        ("In process, release build, median of runs (ms)", [
            Row(label: "runs", value: plain("runs", .count)),
            Row(label: "read file", value: plain("read_ms", .milliseconds)),
            Row(label: "decode", value: plain("decode_ms", .milliseconds)),
            Row(label: "parse", value: plain("parse_ms", .milliseconds)),
            Row(label: "sentence split (alone)", value: plain("split_ms", .milliseconds)),
            Row(label: "vocabulary matching (alone)", value: plain("match_ms", .milliseconds)),
            Row(label: "analyse (split+match+notes)", value: plain("analyze_ms", .milliseconds)),
            Row(label: "reader state (index, layout)", value: plain("state_ms", .milliseconds)),
            Row(label: "first frame draw 200x60", value: plain("draw_ms", .milliseconds)),
            Row(label: "total to first Screen", value: plain("first_screen_ms", .milliseconds)),
        ]),
        ("Keypress to finished Screen, 1,000 keys, 200x60 (ms)", [
            Row(label: "median", value: plain("key_median_ms", .milliseconds)),
            Row(label: "p99", value: plain("key_p99_ms", .milliseconds)),
            Row(label: "median, CPU time only", value: plain("key_cpu_median_ms", .milliseconds)),
            Row(label: "p99, CPU time only", value: plain("key_cpu_p99_ms", .milliseconds)),
            Row(label: "slowest (key)", value: { r, l in
                guard let t = r.number(l, "key_max_ms"), let k = r.figures[l]?["key_slowest"] else { return nil }
                return milliseconds(t) + " (" + k + ")"
            }),
            Row(label: "peak memory (VmHWM)", value: plain("peak_kb", .megabytes)),
        ]),
        ("gloss beside less in a pty at 200x60 (ms, median)", [
            Row(label: "runs of each", value: plain("pty_runs", .count)),
            Row(label: "open to first screen: gloss", value: plain("pty_open_gloss_ms", .milliseconds)),
            Row(label: "open to first screen: less", value: plain("pty_open_less_ms", .milliseconds)),
            Row(label: "open ratio gloss/less", value: ratio("pty_open_gloss_ms", "pty_open_less_ms")),
            Row(label: "G to last screen: gloss", value: plain("pty_G_gloss_ms", .milliseconds)),
            Row(label: "G to last screen: less", value: plain("pty_G_less_ms", .milliseconds)),
            Row(label: "G ratio gloss/less", value: ratio("pty_G_gloss_ms", "pty_G_less_ms")),
            Row(label: "q to exit: gloss", value: plain("pty_q_gloss_ms", .milliseconds)),
            Row(label: "q to exit: less", value: plain("pty_q_less_ms", .milliseconds)),
            Row(label: "q ratio gloss/less", value: ratio("pty_q_gloss_ms", "pty_q_less_ms")),
            Row(label: "open+G+q: gloss", value: plain("pty_all_gloss_ms", .milliseconds)),
            Row(label: "open+G+q: less", value: plain("pty_all_less_ms", .milliseconds)),
            Row(label: "open+G+q ratio", value: ratio("pty_all_gloss_ms", "pty_all_less_ms")),
            Row(label: "CPU time of it all: gloss", value: plain("pty_cpu_gloss_ms", .milliseconds)),
            Row(label: "CPU time of it all: less", value: plain("pty_cpu_less_ms", .milliseconds)),
            Row(label: "CPU time ratio", value: ratio("pty_cpu_gloss_ms", "pty_cpu_less_ms")),
            Row(label: "peak memory: gloss", value: plain("pty_peak_gloss_kb", .megabytes)),
            Row(label: "peak memory: less", value: plain("pty_peak_less_kb", .megabytes)),
        ]),
        ("Bytes written to the terminal by gloss", [
            Row(label: "first screen", value: plain("bytes_first", .bytes)),
            Row(label: "one j", value: plain("bytes_j", .bytes)),
            Row(label: "one page (Space)", value: plain("bytes_space", .bytes)),
            Row(label: "full repaint (ctrl-l)", value: plain("bytes_full", .bytes)),
            Row(label: "one j, sidebar off (v)", value: plain("bytes_j_no_sidebar", .bytes)),
            Row(label: "j / full repaint", value: ratio("bytes_j", "bytes_full")),
            Row(label: "Space / full repaint", value: ratio("bytes_space", "bytes_full")),
        ]),
    ] }

    /// Lesson file names cut short enough for a column: the shipped seed's is a sentence long.
    static func columnName(_ lesson: String) -> String {
        let name = lesson.hasSuffix(".txt") ? String(lesson.dropLast(4)) : lesson
        return name.count > 14 ? String(name.prefix(13)) + "…" : name
    }

    func render(header: String) -> String {
        var table = TextTable(header: [header] + lessons.map(Self.columnName))
        for (title, group) in Self.rows {
            let filled = group.map { row in (row.label, lessons.map { row.value(self, $0) }) }
                .filter { $0.1.contains { $0 != nil } }
            guard !filled.isEmpty else { continue }
            table.section(title)
            for (label, values) in filled { table.add(["  " + label] + values.map { $0 ?? "-" }) }
        }
        return table.render()
    }

    // MARK: - Targets

    /// The targets, each with the figure it is judged on and whether it was met.
    /// `seed` is the shipped lesson's column, `large` the 8 MB one's.
    func targets(seed: String?, large: String?) -> String {
        var table = TextTable(header: ["target (issue 5)", "measured", "verdict"])
        func judge(_ label: String, _ value: Double?, _ shown: (Double) -> String, _ pass: (Double) -> Bool) {
            guard let value else { table.add([label, "-", "not measured"]); return }
            table.add([label, shown(value), pass(value) ? "met" : "MISSED"])
        }
        func ratio(_ lesson: String?, _ a: String, _ b: String) -> Double? {
            guard let lesson, let x = number(lesson, a), let y = number(lesson, b), y > 0 else { return nil }
            return x / y
        }
        let times = { (v: Double) in Self.twoDecimals(v) + "x" }
        judge("seed: open to first screen within 1.5x less", ratio(seed, "pty_open_gloss_ms", "pty_open_less_ms"), times) { $0 <= 1.5 }
        judge("seed: quit within 1.5x less", ratio(seed, "pty_q_gloss_ms", "pty_q_less_ms"), times) { $0 <= 1.5 }
        judge("8 MB: open within 2x less", ratio(large, "pty_open_gloss_ms", "pty_open_less_ms"), times) { $0 <= 2 }
        judge("8 MB: G to the end within 2x less", ratio(large, "pty_G_gloss_ms", "pty_G_less_ms"), times) { $0 <= 2 }
        judge("8 MB: quit within 2x less", ratio(large, "pty_q_gloss_ms", "pty_q_less_ms"), times) { $0 <= 2 }
        let ms = { (v: Double) in Self.milliseconds(v) + " ms" }
        judge("8 MB: first screen under 250 ms (pty)", large.flatMap { number($0, "pty_open_gloss_ms") }, ms) { $0 < 250 }
        judge("8 MB: G under 100 ms (pty)", large.flatMap { number($0, "pty_G_gloss_ms") }, ms) { $0 < 100 }
        judge("8 MB: keypress p99 under 4 ms", large.flatMap { number($0, "key_p99_ms") }, ms) { $0 < 4 }
        // On a shared machine the wall-clock p99 is mostly time slices given to other processes.
        judge("  (the same, CPU time only)", large.flatMap { number($0, "key_cpu_p99_ms") }, ms) { $0 < 4 }
        let mb = { (v: Double) in Self.oneDecimal(v / 1024) + " MB" }
        judge("8 MB: peak memory under 80 MB (gloss process)", large.flatMap { number($0, "pty_peak_gloss_kb") }, mb) { $0 < 80 * 1024 }
        // Judged where j scrolls: the shipped seed fits on one 200x60 screen, so its j only shows a message.
        judge("8 MB: one j well under 1/4 of a full repaint", ratio(large, "bytes_j", "bytes_full"), times) { $0 < 0.25 }
        return table.render()
    }

    // MARK: - Numbers

    static func milliseconds(_ value: Double) -> String {
        value >= 100 ? String(Int(value.rounded())) : value >= 1 ? oneDecimal(value) : twoDecimals(value)
    }

    static func oneDecimal(_ value: Double) -> String { fixed(value, places: 1) }
    static func twoDecimals(_ value: Double) -> String { fixed(value, places: 2) }

    private static func fixed(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((abs(value) * scale).rounded())
        let whole = scaled / Int(scale), fraction = scaled % Int(scale)
        var digits = String(fraction)
        while digits.count < places { digits = "0" + digits }
        return (value < 0 && scaled > 0 ? "-" : "") + "\(whole).\(digits)"
    }
}
