#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few path operations the store needs, on plain strings (Foundation's NSString versions
/// would link all of Foundation into gloss; FoundationEssentials has none of them).
public enum FilePath {
    /// The folder part of a path: "" for a bare name, "/" for a file at the root.
    static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        var parent = trimmed[..<slash]
        while parent.hasSuffix("/") { parent = parent.dropLast() }
        return parent.isEmpty ? "/" : String(parent)
    }

    /// Each ancestor of a path and the path itself, from the top: "/a/b" → "/", "/a", "/a/b";
    /// "a/b" → "a", "a/b".
    static func prefixes(of path: String) -> [String] {
        var result: [String] = []
        var current = path.hasPrefix("/") ? "/" : ""
        if !current.isEmpty { result.append(current) }
        for component in path.split(separator: "/") {
            current = current.isEmpty ? String(component) : (current == "/" ? "/" : current + "/") + component
            result.append(current)
        }
        return result
    }

    /// Whether something exists at `path`, and whether it is a folder (links followed).
    public static func kind(of path: String) -> (exists: Bool, isFolder: Bool) {
        var info = stat()
        guard stat(path, &info) == 0 else { return (false, false) }
        return (true, (info.st_mode & S_IFMT) == S_IFDIR)
    }

    /// The user's home folder: $HOME, else the password database's.
    public static func home(environment: [String: String]) -> String {
        home(environment["HOME"])
    }

    /// The user's home folder from $HOME's value (nil when unset).
    public static func home(_ variable: String?) -> String {
        if let variable, !variable.isEmpty { return variable }
        if let entry = getpwuid(getuid()), let folder = entry.pointee.pw_dir { return String(cString: folder) }
        return "/"
    }

    /// `path` made absolute against the working directory, with no ".", ".." or empty
    /// components and no trailing slash: what Foundation's
    /// `URL(fileURLWithPath:).standardizedFileURL.path` gives, which took 0.2 ms of every start
    /// (issue 5). Links are not followed. Nil for a path starting with "~" (Foundation expands
    /// it) or when the working directory cannot be had.
    public static func standardized(_ path: String) -> String? {
        guard !path.hasPrefix("~") else { return nil }
        var full = path
        if !path.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            guard getcwd(&buffer, buffer.count) != nil else { return nil }
            full = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) + "/" + path
        }
        var kept: [Substring] = []
        for component in full.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": _ = kept.popLast()
            default: kept.append(component)
            }
        }
        return "/" + kept.joined(separator: "/")
    }
}
