import LessonKit
import ReaderCore

/// One fuzz input, start to end: read it as a lesson, lay it out at the width the plan asks for,
/// drive the reader with the plan's actions, draw after the last and after those the plan marks,
/// and collect every broken invariant.
/// A `LessonError` is a fine outcome (the file was refused with a message); anything that traps
/// or hangs is a finding, and so is every string this returns.
enum FuzzCase {
    static func run(_ bytes: [UInt8]) -> [String] {
        run(bytes, trace: nil)
    }

    /// The same run, telling `trace` the plan and each screen drawn, for reproducing a finding.
    ///
    /// A known trap cannot be tolerated after the fact like a broken invariant. While one waits
    /// for its fix, a long run can steer around it here: while the search prompt trapped after a
    /// resize, resizes were skipped when the prompt was open (commit 9631f4a).
    static func run(_ bytes: [UInt8], trace: ((String) -> Void)?) -> [String] {
        let lesson: Lesson
        do {
            lesson = try Lesson.read(bytes: bytes)
        } catch {
            return error.message.isEmpty ? ["lesson.error: a LessonError without a message"] : []
        }
        let plan = FuzzPlan(bytes)
        trace?("\(lesson.sections.count) sections, \(lesson.vocabulary.count) terms, \(lesson.sentenceNotes.count) notes; "
               + "terminal \(plan.columns)x\(plan.rows); \(plan.steps.count) actions")
        var problems = Invariants.check(lesson)

        for text in [lesson.title] + lesson.sections.flatMap({ [$0.heading] + $0.paragraphs.map(\.text) }) {
            problems += Invariants.check(wrapping: text, width: plan.columns, lines: LineBreaker.wrap(text, width: plan.columns))
        }

        var state: ReaderState
        if let preview = plan.preview {
            // The long-lesson path: a preview first, the full analysis swapped in later.
            var number = 0, wanted: Set<[Int]> = []
            for (s, section) in lesson.sections.enumerated() {
                for p in section.paragraphs.indices {
                    if number % 3 == preview.remainder { wanted.insert([s, p]) }
                    number += 1
                }
            }
            var parsed = lesson
            for s in parsed.sections.indices {
                for p in parsed.sections[s].paragraphs.indices { parsed.sections[s].paragraphs[p].sentences = [] }
            }
            for t in parsed.vocabulary.indices { parsed.vocabulary[t].occurrences = [] }
            for n in parsed.sentenceNotes.indices { parsed.sentenceNotes[n].location = nil }
            state = ReaderState(preview: LessonAnalyzer.preview(parsed) { wanted.contains([$0, $1]) },
                                columns: plan.columns, rows: plan.rows)
            trace?("preview: paragraphs numbered \(preview.remainder) modulo 3 analysed; adopted after \(preview.adoptAfter) actions")
        } else {
            state = ReaderState(lesson: lesson, columns: plan.columns, rows: plan.rows)
        }
        var columns = plan.columns, rows = plan.rows
        problems += Invariants.check(state)
        func adopt() {
            guard state.isPreview else { return }
            if !state.adoptAnalysis(lesson) { problems.append("preview.refused: the full analysis of the same text was refused") }
            if state.isPreview { problems.append("preview.stuck: still a preview after adopting") }
            if state.index.places.count != lesson.vocabulary.reduce(0, { $0 + $1.occurrences.count }) {
                problems.append("preview.marks: \(state.index.places.count) marks after adopting")
            }
            problems += Invariants.check(state).map { "\($0) (after adopting the analysis)" }
        }
        if plan.preview?.adoptAfter == 0 { adopt() }
        // Drawing and checking a screen of up to 300x100 cells costs more than reading the
        // lesson, so only the last state and the ones the plan marks are drawn.
        for (i, step) in plan.steps.enumerated() {
            state.update(step.action)
            if case .resize(let c, let r) = step.action { columns = c; rows = r }
            if plan.preview?.adoptAfter == i + 1 { adopt() }
            problems += Invariants.check(state).map { FuzzCase.after(step.action, $0) }
            trace?("\(i + 1). \(step.action)")
            if step.draw || i == plan.steps.count - 1 {
                let screen = ReaderView.draw(state)
                trace?(screen.text)
                problems += Invariants.check(screen, columns: columns, rows: rows)
                    .map { FuzzCase.after(step.action, $0) }
            }
        }
        if plan.steps.isEmpty {
            let screen = ReaderView.draw(state)
            trace?(screen.text)
            problems += Invariants.check(screen, columns: columns, rows: rows)
        }
        return problems
    }

    /// Puts the action that led to a problem after the problem's name.
    static func after(_ action: ReaderAction, _ problem: String) -> String {
        guard let colon = problem.firstIndex(of: ":") else { return problem }
        return "\(problem[..<colon]): after \(action)\(problem[colon...])"
    }

    /// The invariant a problem breaks: the name before its colon.
    static func invariant(of problem: String) -> Substring {
        problem.prefix { $0 != ":" }
    }
}
