import Foundation
import GRDB

/// A row of `lesson`, as GRDB reads and writes it.
struct LessonRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "lesson"

    var contentHash: String
    var path: String
    var section: Int?
    var paragraph: Int?
    var sentence: Int?
    var percentRead: Int
    var lastOpened: Date?

    var record: LessonRecord {
        var position: ReadingPosition?
        if let section, let paragraph, let sentence {
            position = ReadingPosition(section: section, paragraph: paragraph, sentence: sentence)
        }
        return LessonRecord(contentHash: contentHash, path: path, position: position,
                            percentRead: percentRead, lastOpened: lastOpened)
    }
}

/// A row of `term`: a term the reader has marked anything but new.
struct TermRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "term"

    var term: String
    var status: String
    var changedAt: Date
}

/// A row of `setting`.
struct SettingRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "setting"

    var key: String
    var value: String
}
