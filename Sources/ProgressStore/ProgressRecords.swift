#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LessonKit

/// What is remembered of one lesson.
public struct LessonRecord: Sendable, Equatable {
    /// The hash the progress is filed under: the lesson's current content once it has been
    /// opened or saved since an edit, the content before the edit until then.
    public var contentHash: String
    public var path: String
    /// Where the reader was, by sentence rather than screen row, so it survives a resize or
    /// another terminal.
    public var position: SentenceLocation?
    /// 0...100.
    public var percentRead: Int
    public var lastOpened: Date?

    public init(contentHash: String, path: String, position: SentenceLocation?, percentRead: Int,
                lastOpened: Date?) {
        self.contentHash = contentHash
        self.path = path
        self.position = position
        self.percentRead = percentRead
        self.lastOpened = lastOpened
    }
}
