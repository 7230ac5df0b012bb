import Foundation
import Testing
@testable import LessonKit

@Suite struct FileBytesTests {
    /// Runs `body` with the path of a new named pipe, removed afterwards.
    private func withPipe(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-fifo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("pipe.txt").path
        #expect(mkfifo(path, 0o600) == 0)
        try body(path)
    }

    @Test func aNamedPipeWithNoWriterIsReportedEmptyInsteadOfHanging() throws {
        try withPipe { path in
            #expect(throws: LessonError.self) { try Lesson.read(path: path) }
            do {
                _ = try Lesson.read(path: path)
            } catch let error as LessonError {
                #expect(error.message.contains("empty"))
            }
        }
    }

    @Test func aDeviceIsRefusedWithAMessage() {
        do {
            _ = try FileBytes.read("/dev/null")
            Issue.record("reading /dev/null should fail")
        } catch {
            #expect(error.message.contains("device"))
        }
    }

    /// The bytes come back as they are in the file, at sizes around the read buffer's.
    @Test(arguments: [0, 1, 4095, 65_535, 65_536, 65_537, 300_001])
    func aFileIsReadWhole(size: Int) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-bytes-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 251) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try FileBytes.read(path) == bytes)
    }

    /// A pipe has no size to read up to: what its writer sends is read in chunks to the end.
    @Test func aPipeIsReadToItsEnd() throws {
        try withPipe { path in
            let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 % 253) }
            // Opened read-write, the pipe has a writer before the reader comes (and the open does
            // not wait for one); what does not fit in the pipe waits for the reader to drain it.
            let fd = open(path, O_RDWR)
            try #require(fd >= 0)
            let writer = Thread {
                bytes.withUnsafeBytes { raw in
                    var sent = 0
                    while sent < raw.count {
                        let n = write(fd, raw.baseAddress! + sent, raw.count - sent)
                        if n <= 0 { break }
                        sent += n
                    }
                }
                close(fd)
            }
            writer.start()
            let read = try FileBytes.read(path)
            #expect(read == bytes)
        }
    }
}
