import Foundation
import Testing
@testable import ProgressStore

@Suite struct SettingsStoreTests {
    @Test func aSettingNeverSetIsNil() throws {
        let folder = try TemporaryFolder()
        #expect(try openStore(folder.database).setting("chinese") == nil)
    }

    @Test func aSettingIsReadBackAfterReopeningAndCanBeChanged() throws {
        let folder = try TemporaryFolder()
        do {
            let store = try openStore(folder.database)
            try store.setSetting("chinese", "off")
            try store.setSetting("panes", "translation,sidebar")
            try store.setSetting("chinese", "on")
            try store.close()
        }
        let store = try openStore(folder.database)
        #expect(try store.setting("chinese") == "on")
        #expect(try store.setting("panes") == "translation,sidebar")
    }

    @Test func settingNilRemovesTheSetting() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder.database)
        try store.setSetting("chinese", "off")
        try store.setSetting("chinese", nil)
        #expect(try store.setting("chinese") == nil)
    }

    @Test func anEmptyValueIsKeptApartFromNone() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder.database)
        try store.setSetting("filter", "")
        #expect(try store.setting("filter") == "")
    }
}
