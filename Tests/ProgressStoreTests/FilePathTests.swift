import Foundation
import Testing
@testable import ProgressStore

/// The path operations that replace NSString's in the store, against NSString itself.
@Suite struct FilePathTests {
    @Test(arguments: ["gloss.sqlite", "/a/b/c.sqlite", "/c", "a/b/", "/", "a//b", "/a/b//", ""])
    func theParentIsNSStringsLastPathComponentRemoved(path: String) {
        #expect(FilePath.parent(of: path) == (path as NSString).deletingLastPathComponent)
    }

    @Test func prefixesRunFromTheTop() {
        #expect(FilePath.prefixes(of: "/a/b") == ["/", "/a", "/a/b"])
        #expect(FilePath.prefixes(of: "a/b") == ["a", "a/b"])
        #expect(FilePath.prefixes(of: "/a//b/") == ["/", "/a", "/a/b"])
        #expect(FilePath.prefixes(of: "/") == ["/"])
    }

    @Test func kindTellsFilesFromFolders() throws {
        let folder = try TemporaryFolder()
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder.file("f")))
        #expect(FilePath.kind(of: folder.path) == (true, true))
        #expect(FilePath.kind(of: folder.file("f")) == (true, false))
        #expect(FilePath.kind(of: folder.file("missing")) == (false, false))
    }
}
