#if !FUZZING
import Foundation
import LessonKit

/// Outside the fuzzer build, gloss-fuzz replays inputs: files, or folders of them such as the
/// fuzzer's corpus and crash artifacts. It runs the very code the fuzzer runs, so a crash input
/// reproduces under a debugger, and it prints each broken invariant instead of stopping.
@main
struct CorpusReplayer {
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.isEmpty || arguments.contains("-h") || arguments.contains("--help") {
            print("usage: gloss-fuzz [--show] FILE|FOLDER...")
            print("Replays fuzz inputs and reports broken invariants; --show prints the terminal size,")
            print("the actions and every screen drawn. The libFuzzer build (scripts/fuzz) takes")
            print("libFuzzer's own flags instead.")
            exit(arguments.isEmpty ? 2 : 0)
        }
        let show = arguments.contains("--show")
        arguments.removeAll { $0 == "--show" }
        var inputs = 0, failed = 0
        var slowest: (path: String, duration: Duration)?
        let clock = ContinuousClock()
        for path in arguments.flatMap(files) {
            let bytes: [UInt8]
            do {
                bytes = try FileBytes.read(path)
            } catch {
                print("\(path): \(error.message)")
                failed += 1
                continue
            }
            inputs += 1
            var problems: [String] = []
            if show { FileHandle.standardOutput.write(Data("== \(path)\n".utf8)) }
            // Unbuffered, so a crash still leaves the actions that led to it on screen.
            let duration = clock.measure {
                problems = FuzzCase.run(bytes, trace: show ? { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) } : nil)
            }
            if slowest.map({ duration > $0.duration }) ?? true { slowest = (path, duration) }
            guard !problems.isEmpty else { continue }
            failed += 1
            for problem in problems { print("\(path): \(problem)") }
        }
        print("replayed \(inputs) inputs, \(failed) with problems"
              + (slowest.map { "; slowest \($0.path) in \($0.duration)" } ?? ""))
        exit(failed == 0 ? 0 : 1)
    }

    /// A file stands for itself; a folder for the files in it, sorted so runs compare.
    private static func files(_ path: String) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { (path as NSString).appendingPathComponent($0) }
            .filter { !($0 as NSString).lastPathComponent.hasPrefix(".") }
    }
}
#endif
