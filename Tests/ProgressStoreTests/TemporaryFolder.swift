import Foundation
@testable import ProgressStore

/// A folder of its own for each test, removed when the test lets go of it.
final class TemporaryFolder: Sendable {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "gloss-store-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    var database: String { file("gloss.sqlite") }

    /// The names in the folder, sorted.
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }
}

struct StoreDidNotOpen: Error, CustomStringConvertible {
    var notices: [String]
    var description: String { "store did not open: \(notices)" }
}

/// Opens a store that must open cleanly: without notices, writable.
func openStore(_ path: String, schema: ProgressSchema = .current) throws -> ProgressStore {
    let (store, notices) = ProgressStore.open(path: path, now: Date(), schema: schema)
    guard let store, notices.isEmpty, !store.isReadOnly else { throw StoreDidNotOpen(notices: notices) }
    return store
}
