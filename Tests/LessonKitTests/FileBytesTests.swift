import Foundation
import Testing
@testable import LessonKit

@Suite struct FileBytesTests {
    @Test func aNamedPipeWithNoWriterIsReportedEmptyInsteadOfHanging() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-fifo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("pipe.txt").path
        #expect(mkfifo(path, 0o600) == 0)
        #expect(throws: LessonError.self) { try Lesson.read(path: path) }
        do {
            _ = try Lesson.read(path: path)
        } catch {
            #expect(error.message.contains("empty"))
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
}
