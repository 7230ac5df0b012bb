#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Notices SIGINT, SIGTERM and SIGHUP without any shared mutable state in Swift.
///
/// Each watched signal gets a handler that does nothing, installed with `SA_RESETHAND`: when the
/// signal arrives the kernel resets its disposition to the default before running the handler.
/// The main loop, which wakes at least every 100 ms (see `CursesTerminal.nextKey`), asks the
/// kernel which disposition has been reset, so the record of "a signal came" lives in the
/// process's signal table rather than in a Swift global. The handler is async-signal-safe by
/// being empty, and because `SA_RESTART` is not set a blocking read is interrupted at once.
///
/// A second identical signal before the loop notices gets the default action and ends the
/// process as it would without us; a user who sends SIGTERM twice means it.
///
/// `DispatchSource.makeSignalSource` was the other candidate, but on Linux it only works when
/// every thread blocks the signal (it reads a signalfd), which a library cannot guarantee.
struct TerminationSignals {
    static let watched: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    private var installed: [Int32] = []

    /// Installs the handlers. It must run before `newterm`: ncurses installs its own SIGINT and
    /// SIGTERM handlers (which call `exit` without letting us save) only where it finds the
    /// default disposition. A signal that was ignored when we started (SIGHUP under `nohup`) is
    /// left ignored.
    mutating func install() {
        for signal in Self.watched where Self.disposition(of: signal) == .standard {
            var action = sigaction()
            sigemptyset(&action.sa_mask)
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { _ in }
            action.sa_flags = Int32(bitPattern: UInt32(truncatingIfNeeded: SA_RESETHAND))
            #else
            action.__sigaction_u.__sa_handler = { _ in }
            action.sa_flags = SA_RESETHAND
            #endif
            if sigaction(signal, &action, nil) == 0 { installed.append(signal) }
        }
    }

    /// The first watched signal that has arrived since `install`, if any.
    func arrived() -> Int32? {
        installed.first { Self.disposition(of: $0) == .standard }
    }

    /// Puts back the default action for every signal we took over, so that after the terminal
    /// is restored a signal ends the process the ordinary way.
    mutating func uninstall() {
        for signal in installed where Self.disposition(of: signal) == .handled { Self.restoreDefault(signal) }
        installed = []
    }

    enum Disposition { case standard, ignored, handled }

    static func disposition(of signal: Int32) -> Disposition {
        var current = sigaction()
        guard sigaction(signal, nil, &current) == 0 else { return .handled }
        #if canImport(Glibc)
        let handler = current.__sigaction_handler.sa_handler
        #else
        let handler = current.__sigaction_u.__sa_handler
        #endif
        guard let handler else { return .standard }
        // SIG_IGN is the handler address 1 on every platform we build for; the C macro does
        // not import into Swift.
        return unsafeBitCast(handler, to: Int.self) == 1 ? .ignored : .handled
    }

    private static func restoreDefault(_ signal: Int32) {
        var action = sigaction()
        sigemptyset(&action.sa_mask)
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = nil
        #else
        action.__sigaction_u.__sa_handler = nil
        #endif
        _ = sigaction(signal, &action, nil)
    }
}
