import Foundation

/// A running reader seen from outside: how much of what was typed it has not read yet.
struct ReaderProcess {
    let pid: Int32

    /// Bytes waiting in the terminal for the reader to read (FIONREAD on its standard input,
    /// reached through /proc), nil once it has gone or where /proc does not exist. ncurses reads
    /// one byte at a time, so 0 means it has taken all of it.
    func unreadInput() -> Int? {
        #if os(Linux)
        let descriptor = open("/proc/\(pid)/fd/0", O_RDONLY | O_NOCTTY | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var count: Int32 = 0
        guard ioctl(descriptor, UInt(FIONREAD), &count) == 0 else { return nil }
        return Int(count)
        #else
        return nil
        #endif
    }

    var isRunning: Bool { kill(pid, 0) == 0 }

    /// Waits until the reader has read everything typed so far, and a little longer for it to
    /// act on the last key and draw. A reader that stops reading its input is hung: that throws.
    /// Where the unread input cannot be seen (no /proc), it waits a fixed, generous time instead.
    func waitUntilInputIsRead(timeout: Duration = .seconds(15), settle: TimeInterval = 0.005) throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var left = unreadInput()
        if left == nil, isRunning {
            Thread.sleep(forTimeInterval: 0.2 + settle)
            return
        }
        while let bytes = left, bytes > 0 {
            guard clock.now < deadline else {
                throw TmuxSession.Failure(description: "the reader (pid \(pid)) left \(bytes) bytes of input unread for \(timeout): hung?")
            }
            Thread.sleep(forTimeInterval: 0.002)
            left = unreadInput()
        }
        Thread.sleep(forTimeInterval: settle)
    }
}
