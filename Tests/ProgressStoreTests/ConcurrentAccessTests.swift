import Foundation
import Testing
import LessonKit
@testable import ProgressStore

/// Errors gathered from several threads.
final class ErrorLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func add(_ line: String) {
        lock.lock()
        lines.append(line)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return lines
    }
}

/// Runs each body on a thread of its own, all at once, and waits for them all.
func runOnThreads(_ bodies: [@Sendable () -> Void]) {
    let done = DispatchSemaphore(value: 0)
    let start = DispatchSemaphore(value: 0)
    for body in bodies {
        Thread {
            start.wait()
            body()
            done.signal()
        }.start()
    }
    for _ in bodies { start.signal() }
    for _ in bodies { done.wait() }
}

// Two gloss processes look to SQLite like two stores on one file: separate connections, locks
// and busy handlers. (The kill -9 in the middle of a save is exercised end to end on the binary.)
@Suite struct ConcurrentAccessTests {
    @Test func twoStoresWritingAtOnceLoseNoUpdateAndLeaveASoundDatabase() throws {
        let folder = try TemporaryFolder()
        let stores = [try openStore(folder.database), try openStore(folder.database)]
        let reader = try openStore(folder.database)
        let errors = ErrorLog()
        let updates = 1_000

        let writers: [@Sendable () -> Void] = (0..<2).map { w in
            let store = stores[w]
            return {
                for k in 0..<updates {
                    do {
                        try store.savePosition(hash: "lesson-\(w)", path: "/l/\(w).txt",
                                               position: SentenceLocation(section: 1, paragraph: k, sentence: 0),
                                               percentRead: k % 101)
                        try store.setStatus(.learning, forTerm: "word-\(w)-\(k)", at: Date())
                    } catch {
                        errors.add("writer \(w) at \(k): \(error)")
                    }
                }
            }
        }
        let readers: [@Sendable () -> Void] = [{
            for _ in 0..<200 {
                do {
                    _ = try reader.allLessons()
                    _ = try reader.termStatuses()
                } catch {
                    errors.add("reader: \(error)")
                }
            }
        }]
        runOnThreads(writers + readers)

        #expect(errors.all.isEmpty)
        let statuses = try reader.termStatuses()
        #expect(statuses.count == 2 * updates)
        for w in 0..<2 {
            #expect(try reader.lesson(hash: "lesson-\(w)", path: "/l/\(w).txt")?.position?.paragraph == updates - 1)
        }
        #expect(try reader.integrityCheck() == ["ok"])
    }

    @Test func twoProcessesOpeningANewDatabaseTogetherBothGetIt() throws {
        for _ in 0..<25 {
            let folder = try TemporaryFolder()
            let errors = ErrorLog()
            let open: @Sendable () -> Void = {
                let (store, notices) = ProgressStore.open(path: folder.database)
                if store == nil || !notices.isEmpty { errors.add("opened with \(notices)") }
                do {
                    try store?.setSetting("opened", "yes")
                } catch {
                    errors.add("write: \(error)")
                }
            }
            runOnThreads([open, open])
            #expect(errors.all.isEmpty)
            #expect(try openStore(folder.database).setting("opened") == "yes")
        }
    }
}
