import Foundation
import GRDB
import Testing
@testable import ProgressStore

/// Dates written by hand (issue 5: without DateFormatter's ICU set-up) must be what GRDB itself
/// would write, so databases written before and after read the same.
@Suite struct StoredDateTests {
    static let dates: [Date] = [
        Date(timeIntervalSince1970: 0),
        Date(timeIntervalSince1970: 1_796_000_952.345),   // 2026-11-29
        Date(timeIntervalSince1970: 1_796_000_952.9996),  // just under a whole second
        Date(timeIntervalSince1970: 951_782_400.5),       // 2000-02-29, a leap day
        Date(timeIntervalSince1970: 4_102_444_799.999),   // 2099-12-31 23:59:59.999
        Date(timeIntervalSince1970: -1.25),               // before 1970
        Date(timeIntervalSince1970: 1_000_000_000.0004),
    ]

    @Test(arguments: dates) func sameTextAsGRDB(date: Date) throws {
        let grdb = try #require(String.fromDatabaseValue(date.databaseValue))
        #expect(StoredDate.text(date) == grdb)
    }

    @Test(arguments: dates) func readsBackToTheSameMillisecond(date: Date) throws {
        let text = StoredDate.text(date)
        let read = try #require(StoredDate.date(text))
        #expect(abs(read.timeIntervalSince1970 - date.timeIntervalSince1970) <= 0.0005)
        // The same date GRDB reads from the same text.
        #expect(read == Date.fromDatabaseValue(text.databaseValue))
    }

    /// Text in GRDB's format without milliseconds reads as GRDB read it; any other text (which
    /// gloss never wrote) reads as no date rather than a wrong one.
    @Test(arguments: ["2026-11-29 08:49:12", "1999-12-31 23:59:59.5", "2026-13-01 00:00:00", "2026-11-29T08:49:12",
                      "2026-11-29", "", "2026-11-29 08:49:12.34x", "1.5"])
    func otherTextReadsAsNoDate(text: String) {
        let mine = StoredDate.date(text)
        if text.count == 19, text.contains(" "), !text.contains("-13-") {
            #expect(mine != nil)
            #expect(mine == Date.fromDatabaseValue(text.databaseValue))
        } else {
            #expect(mine == nil)
        }
    }

    @Test func aReopenedLessonKeepsWhenItWasOpened() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder.database)
        let opened = Date(timeIntervalSince1970: 1_796_000_952.345)
        try store.recordOpened(hash: "h1", path: "/l/a.txt", at: opened)
        let record = try #require(try store.lesson(hash: "h1", path: "/l/a.txt"))
        #expect(record.lastOpened == opened)
    }
}
