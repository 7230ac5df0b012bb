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

    /// Lesson paths are stored standardised; gloss does it without Foundation's URL, and must
    /// store what URL stored (issue 5).
    @Test func standardisedPathsAreWhatFoundationsURLGives() throws {
        let paths = ["/tmp/a.txt", "a.txt", "./a.txt", "../a.txt", "../../../../../../../../a.txt", "/tmp//a.txt",
                     "/tmp/./a.txt", "/tmp/x/../a.txt", "/tmp/a.txt/", ".", "..", "/", "/..", "/../a", "a//b/./c/../d",
                     "/tmp/a b/c d.txt", "/tmp/经济.txt", "dir/", "/tmp/..a/b", "/tmp/a../b", "/tmp/.../b", "x/..",
                     "x/../..", "/a/b/c/../../d", "./", "//", "///a", "a/b/c/..", "/tmp/a.txt/.", "/tmp/a.txt/..", "",
                     "Lessons/01-us-accuses.txt", "café/../naïve.txt"]
        // In the working directory the tests run in: changing it would disturb the tests that
        // run beside this one.
        for path in paths {
            #expect(FilePath.standardized(path) == URL(fileURLWithPath: path).standardizedFileURL.path, "\(path)")
        }
        #expect(FilePath.standardized("~/a.txt") == nil, "a tilde is left to Foundation")
    }
}
