import Foundation

/// The folder the database lives in, made when missing.
enum StateFolder {
    /// Nil when `folder` exists (or was made) and can be written; else why not, naming the folder.
    static func prepare(_ folder: String) -> String? {
        let files = FileManager.default
        var isFolder: ObjCBool = false
        if files.fileExists(atPath: folder, isDirectory: &isFolder) {
            if !isFolder.boolValue { return "\(folder) is not a folder" }
        } else {
            // Name the culprit when something on the way is a file: "cannot create folder" alone
            // leaves the reader guessing which part of a long path is wrong.
            if let blocker = firstFileAlong(folder) {
                return "cannot create folder \(folder): \(blocker) is a file"
            }
            do {
                try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                return "cannot create folder \(folder)"
            }
        }
        guard files.isWritableFile(atPath: folder) else { return "folder \(folder) is not writable" }
        return nil
    }

    /// The first existing ancestor of `folder` that is not a folder, if any.
    private static func firstFileAlong(_ folder: String) -> String? {
        var path = ""
        for component in (folder as NSString).pathComponents {
            path = path.isEmpty ? component : (path as NSString).appendingPathComponent(component)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return nil }
            if !isFolder.boolValue { return path }
        }
        return nil
    }
}
