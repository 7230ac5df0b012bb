#if FUZZING
#if canImport(Glibc)
import Glibc
#endif

/// Invariants named in GLOSS_FUZZ_TOLERATE (comma-separated, such as `screen.wide-cut`) do not
/// stop the fuzzer: a known bug that waits for its fix would otherwise be found again within
/// seconds and hide everything else. Read once; the environment does not change during a run.
let toleratedInvariants: Set<Substring> = {
    guard let value = getenv("GLOSS_FUZZ_TOLERATE") else { return [] }
    return Set(String(cString: value).split(separator: ","))
}()

/// The libFuzzer entry point: a broken invariant must stop the process, since that is the only way
/// libFuzzer learns of it and keeps the input. This code is built only with -DFUZZING.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    let problems = FuzzCase.run(bytes).filter { !toleratedInvariants.contains(FuzzCase.invariant(of: $0)) }
    if let first = problems.first {
        fatalError("invariant broken: \(first)" + (problems.count > 1 ? " (and \(problems.count - 1) more)" : ""))
    }
    return 0
}

/// SwiftPM links an executable with `main` defined as `<module>_main`, so libFuzzer's own `main`
/// never runs; this is that function, and it hands control to libFuzzer's driver instead.
@_cdecl("gloss_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzOneInput)
}

@_extern(c, "LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif
