#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder the database lives in, made when missing.
enum StateFolder {
    /// Nil when `folder` exists (or was made) and can be written; else why not, then the folder.
    static func prepare(_ folder: String) -> String? {
        let files = FileManager.default
        var isFolder = false
        if files.fileExists(atPath: folder, isDirectory: &isFolder) {
            if !isFolder { return "not a folder: \(Self.tilde(folder))" }
        } else {
            // Name the culprit when something on the way is a file: "cannot create folder" alone
            // leaves the reader guessing which part of a long path is wrong.
            if let blocker = firstFileAlong(folder) {
                return "a file is in the way of the folder: \(Self.tilde(blocker))"
            }
            do {
                try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                return "cannot create the folder \(Self.tilde(folder))"
            }
        }
        guard files.isWritableFile(atPath: folder) else { return "the folder is not writable: \(Self.tilde(folder))" }
        return nil
    }

    /// A path as a status bar can show it: the reason comes first in every message, and the home
    /// folder is written `~` so the path's end stays in view.
    static func tilde(_ path: String) -> String {
        guard let home = ProcessInfo.processInfo.environment["HOME"], home.count > 1, path.hasPrefix(home + "/") else { return path }
        return "~" + path.dropFirst(home.count)
    }

    /// Whether the file system holding `folder` has no room left for an ordinary user.
    static func isFull(_ folder: String) -> Bool {
        var info = statvfs()
        guard statvfs(folder, &info) == 0 else { return false }
        return info.f_bavail == 0
    }

    /// The first existing ancestor of `folder` that is not a folder, if any.
    private static func firstFileAlong(_ folder: String) -> String? {
        for path in FilePath.prefixes(of: folder) {
            let kind = FilePath.kind(of: path)
            guard kind.exists else { return nil }
            if !kind.isFolder { return path }
        }
        return nil
    }
}
