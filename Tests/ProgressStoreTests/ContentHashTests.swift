import Testing
@testable import ProgressStore

@Suite struct ContentHashTests {
    // Published FNV-1a 64-bit test vectors, so the key cannot drift between builds or machines.
    @Test(arguments: [("", "cbf29ce484222325-0"), ("a", "af63dc4c8601ec8c-1"), ("foobar", "85944171f73967e8-6")])
    func matchesTheFNV1aReferenceValues(text: String, expected: String) {
        #expect(ContentHash.of(Array(text.utf8)) == expected)
    }

    @Test func oneChangedByteGivesAnotherHash() {
        let lesson = Array("Title\n\nIntroduction\nA paragraph.\n".utf8)
        var edited = lesson
        edited[10] ^= 1
        #expect(ContentHash.of(lesson) != ContentHash.of(edited))
        #expect(ContentHash.of(lesson) == ContentHash.of(Array(lesson)))
    }
}
