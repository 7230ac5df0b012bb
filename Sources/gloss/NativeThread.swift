#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A POSIX thread running one closure. gloss starts three kinds (the database opening, a long
/// lesson's hash, its full analysis); Foundation's Thread would link all of Foundation and ICU
/// into gloss, a millisecond more for every start (issue 5).
final class NativeThread: @unchecked Sendable {
    private final class Work {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    private var thread = pthread_t()
    /// False when the system refused a thread: `body` then ran at once, on the caller's.
    private let started: Bool
    // Touched only by the thread that started this one.
    private var joined = false

    /// Starts `body`; `stackSize` 0 takes the system's default.
    init(stackSize: Int = 0, _ body: @escaping @Sendable () -> Void) {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        if stackSize > 0 { pthread_attr_setstacksize(&attributes, stackSize) }
        let work = Unmanaged.passRetained(Work(body)).toOpaque()
        let result = pthread_create(&thread, &attributes, { raw in
            Unmanaged<Work>.fromOpaque(raw!).takeRetainedValue().body()
            return nil
        }, work)
        started = result == 0
        if !started { Unmanaged<Work>.fromOpaque(work).takeRetainedValue().body() }
    }

    /// A thread no one waited for (a lesson that failed to parse while its hash was worked out)
    /// is let go, so that the system can reclaim it when it ends.
    deinit { detach() }

    /// Waits for the thread to finish; what it wrote is then visible. Later calls return at once.
    func join() {
        guard started, !joined else { return }
        pthread_join(thread, nil)
        joined = true
    }

    /// Makes the calling thread give way to the others when they compete for a core: a nice
    /// value of 10. On Linux, process 0 names the calling thread alone; elsewhere it would be the
    /// whole process, so nothing is done there.
    static func lowerPriority() {
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }

    /// Lets the thread end on its own; it is never joined.
    func detach() {
        guard started, !joined else { return }
        pthread_detach(thread)
        joined = true
    }
}
