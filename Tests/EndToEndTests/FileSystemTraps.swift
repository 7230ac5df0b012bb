import Foundation

/// Ways to make a folder full or read-only under a test, where the machine allows them: a small
/// tmpfs filled to the last byte, a read-only bind mount, an immutable file (`chattr +i`, which
/// even root cannot write, unlike a file without write permission). Each needs root; `canMount`
/// and `canMakeImmutable` find out by trying once, so the tests that need them skip with a reason
/// elsewhere.
enum FileSystemTraps {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs a system tool; returns its status and what it printed on either stream.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            return (-1, "\(tool): \(error)")
        }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    static let mountTool = "/usr/bin/mount", unmountTool = "/usr/bin/umount", chattrTool = "/usr/bin/chattr"

    static let canMount: Bool = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-mount-probe-\(UUID().uuidString)").path
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil else { return false }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        guard run(mountTool, ["-t", "tmpfs", "-o", "size=16k", "tmpfs", folder]).status == 0 else { return false }
        run(unmountTool, [folder])
        return true
    }()

    static let canMakeImmutable: Bool = {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-chattr-probe-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: file, contents: Data("x".utf8)) else { return false }
        defer { try? FileManager.default.removeItem(atPath: file) }
        guard run(chattrTool, ["+i", file]).status == 0 else { return false }
        run(chattrTool, ["-i", file])
        return true
    }()

    static func mountTmpfs(at folder: String, size: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let result = run(mountTool, ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", folder])
        guard result.status == 0 else { throw Failure(description: "mount tmpfs at \(folder): \(result.output)") }
    }

    /// `source` seen read-only at `folder`.
    static func mountReadOnlyView(of source: String, at folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var result = run(mountTool, ["--bind", source, folder])
        guard result.status == 0 else { throw Failure(description: "bind mount at \(folder): \(result.output)") }
        result = run(mountTool, ["-o", "remount,bind,ro", folder])
        guard result.status == 0 else {
            unmount(folder)
            throw Failure(description: "remount read-only at \(folder): \(result.output)")
        }
    }

    static func unmount(_ folder: String) {
        // Lazily: a process that still has a file open there must not keep the mount alive.
        run(unmountTool, ["-l", folder])
    }

    static func setImmutable(_ path: String, _ immutable: Bool) throws {
        let result = run(chattrTool, [immutable ? "+i" : "-i", path])
        guard result.status == 0 else { throw Failure(description: "chattr on \(path): \(result.output)") }
    }

    /// Writes zeros to `file` until the file system says it is full; returns the bytes written.
    @discardableResult
    static func fill(_ file: String) throws -> Int {
        let descriptor = open(file, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard descriptor >= 0 else { throw Failure(description: "cannot create \(file): errno \(errno)") }
        defer { close(descriptor) }
        let chunk = [UInt8](repeating: 0, count: 4096)
        var total = 0
        // Whole chunks first, then single bytes, so not even a partial block is left free.
        for size in [4096, 1] {
            while true {
                let written = chunk.withUnsafeBytes { write(descriptor, $0.baseAddress, size) }
                if written <= 0 {
                    guard errno == ENOSPC || written == 0 else { throw Failure(description: "writing \(file): errno \(errno)") }
                    break
                }
                total += written
            }
        }
        return total
    }
}
