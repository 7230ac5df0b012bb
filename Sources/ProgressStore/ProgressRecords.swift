#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where the reader was, by sentence rather than screen row, so it survives a resize or
/// another terminal.
public struct ReadingPosition: Sendable, Equatable, Codable {
    public var section: Int
    public var paragraph: Int
    public var sentence: Int

    public init(section: Int, paragraph: Int, sentence: Int) {
        self.section = section
        self.paragraph = paragraph
        self.sentence = sentence
    }
}

/// What is remembered of one lesson.
public struct LessonRecord: Sendable, Equatable {
    /// The hash the progress is filed under: the lesson's current content once it has been
    /// opened or saved since an edit, the content before the edit until then.
    public var contentHash: String
    public var path: String
    public var position: ReadingPosition?
    /// 0...100.
    public var percentRead: Int
    public var lastOpened: Date?

    public init(contentHash: String, path: String, position: ReadingPosition?, percentRead: Int,
                lastOpened: Date?) {
        self.contentHash = contentHash
        self.path = path
        self.position = position
        self.percentRead = percentRead
        self.lastOpened = lastOpened
    }
}
