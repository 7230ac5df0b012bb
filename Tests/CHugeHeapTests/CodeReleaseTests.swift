import CHugeHeap
import Foundation
import Testing

/// Handing back the pages of code only the start runs (issue 5: the quit): only private,
/// read-only mappings of a file are ever touched, and what is handed back reads the same after.
@Suite struct CodeRangeCheckTests {
    private static let maps = """
        00200000-00432000 r--p 00000000 fe:00 16730254                           /usr/bin/gloss
        00432000-00fcf000 r-xp 00231000 fe:00 16730254                           /usr/bin/gloss
        00fcf000-01029000 r--p 00dcd000 fe:00 16730254                           /usr/bin/gloss
        01029000-012a0000 rw-p 00e26000 fe:00 16730254                           /usr/bin/gloss
        012a0000-01325000 rw-p 00000000 00:00 0
        7f0000000000-7f0000008000 r--s 00000000 fe:00 99                         /tmp/shared
        7f0000008000-7f0000010000 r--p 00000000 00:00 0

        """

    private func readOnly(_ from: UInt, _ to: UInt) -> Bool {
        gloss_code_range_is_read_only(Self.maps, UInt(from), UInt(to)) == 1
    }

    @Test func codeAndTheReadOnlyPartsOfTheProgramQualify() {
        #expect(readOnly(0x0050_0000, 0x0060_0000))
        #expect(readOnly(0x0043_2000, 0x00fc_f000))
        // Across two read-only mappings of the file.
        #expect(readOnly(0x0020_0000, 0x0100_0000))
    }

    @Test func anythingWritableSharedAnonymousOrUnmappedIsRefused() {
        #expect(!readOnly(0x00fc_0000, 0x0103_0000)) // runs into the writable data
        #expect(!readOnly(0x0103_0000, 0x0104_0000)) // the data
        #expect(!readOnly(0x012a_0000, 0x012b_0000)) // bss
        #expect(!readOnly(0x7f00_0000_0000, 0x7f00_0000_1000)) // shared
        #expect(!readOnly(0x7f00_0000_8000, 0x7f00_0000_9000)) // anonymous
        #expect(!readOnly(0x0010_0000, 0x0030_0000)) // starts where nothing is mapped
        #expect(!readOnly(0x0050_0000, 0x0050_0000)) // empty
        #expect(gloss_code_range_is_read_only("garbage\n", 0x1000, 0x2000) == 0)
    }
}

@Suite struct CodeReleaseTests {
    /// Whether each page of [start, start + pages × page size) is in this process's page tables.
    private static func present(_ start: UnsafeRawPointer, pages: Int) -> [Bool]? {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let descriptor = open("/proc/self/pagemap", O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var entries = [UInt64](repeating: 0, count: pages)
        let offset = off_t(UInt(bitPattern: start) / UInt(page) * 8)
        let read = entries.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, offset) }
        guard read == pages * 8 else { return nil }
        return entries.map { $0 >> 63 == 1 }
    }

    @Test func pagesOfAReadOnlyFileMappingAreHandedBackAndReadTheSameAfter() throws {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let pages = 32
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-code-\(UUID().uuidString)").path
        defer { unlink(path) }
        let bytes = (0..<(pages * page)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / page) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let descriptor = open(path, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let mapping = try #require(mmap(nil, pages * page, PROT_READ, MAP_PRIVATE, descriptor, 0))
        try #require(mapping != MAP_FAILED)
        defer { munmap(mapping, pages * page) }
        let memory = UnsafeRawPointer(mapping)
        var sum = 0
        for index in 0..<pages { sum &+= Int(memory.load(fromByteOffset: index * page, as: UInt8.self)) }
        let before = try #require(Self.present(memory, pages: pages))
        #expect(before.allSatisfy { $0 }, "touched, every page is mapped")

        // Half a page in at each end: only the whole pages between are handed back.
        let from = UInt(bitPattern: memory) + UInt(page / 2), to = UInt(bitPattern: memory) + UInt((pages - 1) * page + page / 2)
        #expect(gloss_release_code_pages(from, to) == GLOSS_CODE_RELEASED.rawValue)
        let after = try #require(Self.present(memory, pages: pages))
        #expect(after[0] && after[pages - 1], "the partial pages at the ends stay")
        #expect(after[1..<(pages - 1)].allSatisfy { !$0 }, "\(after)")
        #expect(Array(UnsafeRawBufferPointer(start: memory, count: pages * page)) == bytes)
    }

    @Test func writableMemoryIsNeverHandedBack() throws {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let mapping = try #require(mmap(nil, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
        try #require(mapping != MAP_FAILED)
        defer { munmap(mapping, 4 * page) }
        let memory = mapping.assumingMemoryBound(to: UInt8.self)
        memory.initialize(repeating: 0x5A, count: 4 * page)
        let start = UInt(bitPattern: mapping)
        #expect(gloss_release_code_pages(start, start + UInt(4 * page)) == GLOSS_CODE_REFUSED.rawValue)
        #expect(UnsafeBufferPointer(start: memory, count: 4 * page).allSatisfy { $0 == 0x5A }, "written data kept")
        #expect(gloss_release_code_pages(start, start + UInt(page / 2)) == GLOSS_CODE_NOTHING.rawValue, "no whole page")
    }

    @Test func aBuildWithoutTheStartupRangeHasNothingToHandBack() {
        // The test binary is linked without scripts/code-order.ld.
        #expect(gloss_release_startup_code() == GLOSS_CODE_NOTHING.rawValue)
    }
}
