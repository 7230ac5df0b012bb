#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LessonKit

/// `gloss-bench`: generated lessons and in-process timings for `make bench` (see docs/benchmarks.md).
let usage = """
    usage: gloss-bench generate --out DIR [--seed N]
                 write seed-size.txt, 1mb.txt and 8mb.txt, the same for the same seed
           gloss-bench measure [--seed N] [--tsv] FILE|DIR...
                 time every stage and 1,000 keypresses per lesson, each lesson in a process of its own
           gloss-bench measure --one FILE [--seed N]
                 the figures of one lesson in this process, as metric<TAB>value lines
           gloss-bench report [--cores N] TSV...
                 merge lesson<TAB>metric<TAB>value files into one table with the issue's targets
    """

func printError(_ message: String) {
    let bytes = Array("gloss-bench: \(message)\n".utf8)
    _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
}

func fail(_ message: String, status: Int32 = 1) -> Never {
    printError(message)
    exit(status)
}

struct Options {
    var seed: UInt64 = 42
    var out: String?
    var one: String?
    var cores: String?
    var tsv = false
    var paths: [String] = []

    init(_ arguments: ArraySlice<String>) {
        var rest = arguments
        func value(_ name: String) -> String {
            guard let next = rest.popFirst() else { fail("\(name) needs a value\n\(usage)", status: 2) }
            return next
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--seed":
                guard let seed = UInt64(value(argument)) else { fail("--seed takes a whole number", status: 2) }
                self.seed = seed
            case "--out": out = value(argument)
            case "--one": one = value(argument)
            case "--cores": cores = value(argument)
            case "--tsv": tsv = true
            case "-h", "--help":
                print(usage)
                exit(0)
            default:
                if argument.hasPrefix("--") { fail("unknown option \(argument)\n\(usage)", status: 2) }
                paths.append(argument)
            }
        }
    }
}

let arguments = CommandLine.arguments.dropFirst()
guard let command = arguments.first else { fail(usage, status: 2) }
let options = Options(arguments.dropFirst())

switch command {
case "generate":
    guard let out = options.out else { fail("generate needs --out DIR", status: 2) }
    do {
        try Files.makeFolder(out)
        for spec in LessonGenerator.specs {
            var generator = LessonGenerator(spec: spec, seed: options.seed)
            let text = generator.generate()
            let path = out + "/" + spec.fileName
            try Files.write(text, to: path)
            print("\(path)\t\(text.utf8.count) bytes")
        }
    } catch {
        fail(error.description)
    }

case "measure":
    if let one = options.one {
        do {
            for (metric, value) in try LessonMeasurement(path: one, seed: options.seed).run() {
                print("\(metric)\t\(value)")
            }
        } catch {
            fail("\(one): \(error.message)")
        }
        exit(0)
    }
    guard !options.paths.isEmpty else { fail("measure needs lesson files or folders", status: 2) }
    let files = options.paths.flatMap { Files.isFolder($0) ? Files.lessons(in: $0) : [$0] }
    var report = BenchReport()
    for file in files {
        printError("measuring \(file)")
        do {
            let output = try ChildProcess.runSelf(["measure", "--one", file, "--seed", "\(options.seed)"])
            let lesson = Files.baseName(file)
            report.add(tsv: output.split(separator: "\n").map { "\(lesson)\t\($0)" }.joined(separator: "\n"))
        } catch {
            fail(error.description)
        }
    }
    print(options.tsv ? report.tsv() : report.render(header: "in process (\(LessonMeasurement.columns)x\(LessonMeasurement.rows))"), terminator: "")

case "report":
    var report = BenchReport()
    for path in options.paths {
        do {
            report.add(tsv: try Files.readText(path))
        } catch {
            fail(error.description)
        }
    }
    let header = options.cores.map { "gloss bench, \($0) cores" } ?? "gloss bench"
    print(report.render(header: header))
    let seed = report.lessons.first { $0.hasPrefix("01-") } ?? report.lessons.first
    let large = report.lessons.first { $0.hasPrefix("8mb") }
    print(report.targets(seed: seed, large: large), terminator: "")

default:
    fail("unknown command \(command)\n\(usage)", status: 2)
}
