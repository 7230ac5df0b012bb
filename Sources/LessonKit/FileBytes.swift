#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file with plain POSIX calls, turning every failure into a message a reader
/// can act on.
public enum FileBytes {
    /// Lessons larger than this are refused rather than exhausting memory.
    public static let sizeLimit = 256 * 1024 * 1024

    public static func read(_ path: String) throws(LessonError) -> [UInt8] {
        // Non-blocking open: a named pipe with no writer would otherwise hang here for ever.
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        if fd < 0 { throw LessonError(line: 1, column: 1, message: "cannot open: \(describe(errno))") }
        defer { close(fd) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var info = stat()
        if fstat(fd, &info) == 0 {
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR {
                throw LessonError(line: 1, column: 1, message: "is a folder, not a lesson file; name a .txt lesson inside it")
            }
            if kind == S_IFCHR || kind == S_IFBLK {
                throw LessonError(line: 1, column: 1, message: "is a device, not a lesson file; name a .txt lesson")
            }
            if Int(info.st_size) > sizeLimit {
                throw LessonError(line: 1, column: 1, message: "is \(info.st_size / 1_048_576) MB; gloss reads lessons up to \(sizeLimit / 1_048_576) MB")
            }
        }
        // Read straight into the array, sized from fstat (one byte more, to see the end): through
        // a 64 KB buffer, an 8 MB lesson was zeroed and copied twice, 5 ms of its opening.
        let expected = max(0, Int(info.st_size))
        var (bytes, failure) = read(fd, count: expected + 1)
        if failure != 0 { throw LessonError(line: 1, column: 1, message: "cannot read: \(describe(failure))") }
        // All of it, unless the file grew since fstat or has no size (a pipe): the rest in chunks.
        guard bytes.count > expected else { return bytes }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw LessonError(line: 1, column: 1, message: "cannot read: \(describe(errno))")
            }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
            if bytes.count > sizeLimit {
                throw LessonError(line: 1, column: 1, message: "is larger than \(sizeLimit / 1_048_576) MB, the most gloss reads")
            }
        }
        return bytes
    }

    /// Up to `count` bytes from an open file, from where it stands or from `offset`, until the
    /// end of the file; with the `errno` of a failure (0 when none), after which the bytes read
    /// before it are kept.
    static func read(_ fd: Int32, count: Int, at offset: Int? = nil) -> (bytes: [UInt8], failure: Int32) {
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: max(0, count)) { buffer, initialized in
            var filled = 0
            while filled < buffer.count {
                let start = buffer.baseAddress! + filled, left = buffer.count - filled
                let got = offset.map { pread(fd, start, left, off_t($0 + filled)) } ?? systemRead(fd, start, left)
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if got == 0 { break }
                filled += got
            }
            initialized = filled
        }
        return (bytes, failure)
    }

    /// The C library's `read`, named through its module because `FileBytes.read` hides it, and
    /// the module differs between Linux and macOS.
    private static func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.read(fd, buffer, count)
        #else
        return Darwin.read(fd, buffer, count)
        #endif
    }

    static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file; check the path"
        case EACCES: return "permission denied; check the file's permissions"
        case EISDIR: return "is a folder, not a lesson file"
        default: return String(cString: strerror(code))
        }
    }
}
