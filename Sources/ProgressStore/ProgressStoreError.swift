/// Why a call to the store failed, worded for the status bar.
public enum ProgressStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database was written by a newer gloss and opened read-only.
    case readOnly(path: String)
    /// SQLite refused: the disk is full, the file vanished, another program holds a lock too long.
    case database(String)

    public var description: String {
        switch self {
        case .readOnly(let path):
            "progress is not saved: \(path) was written by a newer gloss and is open read-only"
        case .database(let message):
            "progress is not saved: \(message)"
        }
    }
}
