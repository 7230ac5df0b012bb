import CHugeHeap
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The 2 MB pages asked for the heap of the thread that analyses a long lesson (issue 5): only a
/// glibc thread heap is ever changed, and once changed it is writable whole and advised.
@Suite struct ThreadHeapBoundsTests {
    private static let heap = "7f3a40000000-7f3a40021000 rw-p 00000000 00:00 0 \n7f3a40021000-7f3a44000000 ---p 00000000 00:00 0 \n"

    private func bounds(_ maps: String, _ address: UInt) -> gloss_heap_bounds? {
        var found = gloss_heap_bounds()
        return gloss_thread_heap_bounds(maps, address, &found) == 1 ? found : nil
    }

    @Test func aGrowingThreadHeapIsItsWritablePartAndItsReserve() throws {
        let maps = "00400000-011f4000 r-xp 00000000 fe:00 5563110 /usr/bin/gloss\n" + Self.heap
            + "7ffd1000-7ffd2000 rw-p 00000000 00:00 0 [stack]\n"
        let found = try #require(bounds(maps, 0x7f3a_4000_0900))
        #expect(found.start == 0x7f3a_4000_0000)
        #expect(found.writable_end == 0x7f3a_4002_1000)
        #expect(found.reserve_end == 0x7f3a_4400_0000)
    }

    @Test func aHeapAlreadyWritableWholeHasNoReserveLeft() throws {
        let maps = "7f3a40000000-7f3a44000000 rw-p 00000000 00:00 0 \n7f3a44000000-7f3a44001000 ---p 00000000 00:00 0 \n"
        let found = try #require(bounds(maps, 0x7f3a_4300_0000))
        #expect(found.writable_end == 0x7f3a_4400_0000)
        #expect(found.reserve_end == 0x7f3a_4400_0000)
    }

    @Test func theMainHeapIsNotAThreadHeap() {
        #expect(bounds("55d0c0a1b000-55d0c0a3c000 rw-p 00000000 00:00 0 [heap]\n", 0x55d0_c0a1_c000) == nil)
    }

    @Test func aWritableMappingFollowedByAnotherThreadsGuardIsLeftAlone() {
        // Aligned, but the inaccessible page after it does not complete a 64 MB reservation.
        let maps = "7f3a40000000-7f3a40800000 rw-p 00000000 00:00 0 \n7f3a40800000-7f3a40801000 ---p 00000000 00:00 0 \n"
        #expect(bounds(maps, 0x7f3a_4000_1000) == nil)
    }

    @Test func aReserveThatIsNotAdjacentDoesNotCount() {
        let maps = "7f3a40000000-7f3a40021000 rw-p 00000000 00:00 0 \n7f3a40022000-7f3a44000000 ---p 00000000 00:00 0 \n"
        #expect(bounds(maps, 0x7f3a_4000_1000) == nil)
    }

    @Test func anAddressOutsideAnyWritablePrivateMappingIsNoHeap() {
        #expect(bounds(Self.heap, 0x7f3a_4100_0000) == nil) // in the reserve
        #expect(bounds(Self.heap, 0x7f3a_3000_0000) == nil) // nowhere
        #expect(bounds("7f3a40000000-7f3a44000000 r-xp 00000000 fe:00 1 /lib/x\n", 0x7f3a_4000_1000) == nil)
        #expect(bounds("7f3a40000000-7f3a44000000 rw-s 00000000 00:05 1 /dev/shm/x\n", 0x7f3a_4000_1000) == nil)
        #expect(bounds("", 0x7f3a_4000_1000) == nil)
        #expect(bounds("garbage\nmore garbage", 0x7f3a_4000_1000) == nil)
    }
}

@Suite struct HugeHeapOnAThreadTests {
    /// The kernel's own answer to whether it offers this process transparent huge pages.
    private static func hugePagesOffered() -> Bool {
        guard let setting = contents(of: "/sys/kernel/mm/transparent_hugepage/enabled") else { return false }
        let status = contents(of: "/proc/self/status") ?? ""
        return !setting.contains("[never]") && !status.contains("THP_enabled:\t0")
    }

    /// A file read to its end, line by line (files in /proc and /sys have no size to read by).
    private static func contents(of path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var text = ""
        var line = [CChar](repeating: 0, count: 4096)
        while fgets(&line, 4096, file) != nil {
            text += String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return text
    }

    /// The /proc/self/smaps entry of the mapping holding `address`.
    private static func smapsEntry(holding address: UInt) -> String? {
        guard let smaps = contents(of: "/proc/self/smaps") else { return nil }
        var entry: String?
        for line in smaps.split(separator: "\n") {
            let range = line.prefix { !$0.isWhitespace }.split(separator: "-")
            if range.count == 2, let from = UInt(range[0], radix: 16), let to = UInt(range[1], radix: 16) {
                if entry != nil { break }
                if from <= address && address < to { entry = line + "\n" }
            } else if entry != nil {
                entry! += line + "\n"
            }
        }
        return entry
    }

    private struct Outcome {
        var started = false
        var result: Int32 = 0
        /// The heap's smaps entry right after the request, before the thread allocates more.
        var atOnce: String?
        var entry: String?
        var contentsKept = false
    }

    /// The kilobytes a smaps entry gives for `field` (such as "Rss" or "AnonHugePages").
    private static func kilobytes(_ field: String, in entry: String) -> Int? {
        guard let line = entry.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }) else { return nil }
        return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }

    private final class Box: @unchecked Sendable {
        var outcome = Outcome()
    }

    /// The request, then 16 MB allocated in 64 KB blocks, written and read back.
    private static func work(_ box: Box) {
        box.outcome.result = gloss_huge_heap_for_this_thread()
        let probe = malloc(64)!
        box.outcome.atOnce = smapsEntry(holding: UInt(bitPattern: probe))
        free(probe)
        var blocks: [UnsafeMutablePointer<UInt8>] = []
        for index in 0..<256 {
            let block = malloc(64 << 10)!.assumingMemoryBound(to: UInt8.self)
            block.initialize(repeating: UInt8(truncatingIfNeeded: index), count: 64 << 10)
            blocks.append(block)
        }
        box.outcome.entry = smapsEntry(holding: UInt(bitPattern: blocks[0]))
        box.outcome.contentsKept = blocks.enumerated().allSatisfy { index, block in
            block[0] == UInt8(truncatingIfNeeded: index) && block[(64 << 10) - 1] == UInt8(truncatingIfNeeded: index)
        }
        blocks.forEach { free($0) }
    }

    /// `work` on a new thread, which glibc gives a heap of its own unless it has run out of them.
    private static func onNewThread() -> Outcome {
        let box = Box()
        box.outcome.started = PosixThread.run { work(box) }
        return box.outcome
    }

    @Test func aThreadHeapBecomesWritableWholeAndAdvisedWhenTheKernelOffersHugePages() throws {
        let outcome = Self.onNewThread()
        #expect(outcome.started)
        #expect(outcome.contentsKept)
        let entry = try #require(outcome.entry)
        switch outcome.result {
        case GLOSS_HUGE_HEAP_DONE.rawValue, GLOSS_HUGE_HEAP_ADVISED.rawValue:
            #expect(Self.hugePagesOffered())
            let atOnce = try #require(outcome.atOnce)
            if outcome.result == GLOSS_HUGE_HEAP_DONE.rawValue {
                // The 4 KB pages glibc's header had were folded into one 2 MB page at once:
                // without that, the heap held only small pages until the thread wrote more.
                #expect(Self.kilobytes("AnonHugePages", in: atOnce) == 2048, "\(atOnce)")
            } else {
                print("the kernel could not fold the heap's first 2 MB into one page (MADV_COLLAPSE); advised only")
            }
            // The heap is one writable 64 MB mapping, advised for huge pages ("hg").
            let range = entry.prefix { !$0.isWhitespace }.split(separator: "-").compactMap { UInt($0, radix: 16) }
            #expect(range.count == 2 && range[1] - range[0] == 64 << 20)
            #expect(entry.contains("rw-p"))
            let flags = entry.split(separator: "\n").first { $0.hasPrefix("VmFlags:") } ?? ""
            #expect(flags.split(separator: " ").contains("hg"))
        case GLOSS_HUGE_HEAP_UNAVAILABLE.rawValue:
            #expect(!Self.hugePagesOffered())
        case GLOSS_HUGE_HEAP_OTHER_LAYOUT.rawValue:
            // With more threads than glibc makes arenas, a thread may share the main heap.
            #expect(entry.contains("[heap]"))
        default:
            Issue.record("the kernel refused: \(outcome.result)")
        }
    }
}

/// A POSIX thread running one closure, joined at once.
private enum PosixThread {
    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    /// False when the system refused a thread (and `body` did not run).
    static func run(_ body: @escaping @Sendable () -> Void) -> Bool {
        var thread = pthread_t()
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        let created = pthread_create(&thread, nil, { raw in
            Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue().run()
            return nil
        }, context)
        guard created == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            return false
        }
        pthread_join(thread, nil)
        return true
    }
}
