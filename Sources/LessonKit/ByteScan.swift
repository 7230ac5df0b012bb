#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Scans of UTF-8 bytes eight at a time, for the checks that run over every line of a lesson
/// before its first screen (issue 5: a byte at a time they were a third of the time to parse an
/// 8 MB lesson). Each word of eight bytes gets an exact flag per byte, bit 7 of the byte:
/// adding 0x7F to the low seven bits of a byte never carries into the next byte.
enum ByteScan {
    private static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let high: UInt64 = 0x8080_8080_8080_8080

    /// Bit 7 of each byte of `word` that equals `byte`.
    @inline(__always)
    static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
        return ~(((x & low7) &+ low7) | x) & high
    }

    /// Bit 7 of each byte of `word` below `limit` (at most 0x80).
    @inline(__always)
    static func below(_ word: UInt64, _ limit: UInt8) -> UInt64 {
        let add = UInt64(0x80 - limit) &* 0x0101_0101_0101_0101
        return ~(((word & low7) &+ add) | word) & high
    }

    @inline(__always)
    static func load(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: UInt64.self))
    }

    /// Whether two spaces stand side by side anywhere in `bytes`.
    static func hasDoubleSpace(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var i = 0
        var previousEndsInSpace = false
        while i + 8 <= count {
            let spaces = equal(load(bytes, i), 0x20)
            // In memory order, byte k+1 is the next higher byte of the little-endian word.
            if spaces & (spaces >> 8) != 0 || (previousEndsInSpace && spaces & 0x80 != 0) { return true }
            previousEndsInSpace = spaces >> 63 != 0
            i += 8
        }
        while i < count {
            if bytes[i] == 0x20, i > 0, bytes[i - 1] == 0x20 { return true }
            i += 1
        }
        return false
    }

    /// Calls `check`, in order, with the offsets of each word of eight bytes (and of the shorter
    /// tail) that holds a byte worth a closer look: below 0x20, DEL, or one of the three
    /// `leads`. True as soon as `check` returns true; false when no call did.
    static func anyFlagged(_ bytes: UnsafeBufferPointer<UInt8>, leads: (UInt8, UInt8, UInt8),
                           check: (Range<Int>) -> Bool) -> Bool {
        let count = bytes.count
        var i = 0
        while i + 8 <= count {
            let word = load(bytes, i)
            let flagged = below(word, 0x20) | equal(word, 0x7F) | equal(word, leads.0) | equal(word, leads.1)
                | equal(word, leads.2)
            if flagged != 0, check(i..<(i + 8)) { return true }
            i += 8
        }
        return i < count && check(i..<count)
    }

    /// The bytes that are not UTF-8 continuation bytes (10xxxxxx): in valid UTF-8, the number
    /// of scalars.
    static func leadByteCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let count = bytes.count
        var continuations = 0
        var i = 0
        while i + 8 <= count {
            let word = load(bytes, i)
            // Bit 7 set and bit 6 clear.
            continuations += (word & ~(word << 1) & high).nonzeroBitCount
            i += 8
        }
        while i < count {
            if bytes[i] & 0xC0 == 0x80 { continuations += 1 }
            i += 1
        }
        return count - continuations
    }

    /// The offset of the first `byte` at or after `offset`, or nil: memchr, which a loop over
    /// the bytes, at several instructions each, is many times slower than.
    static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from offset: Int = 0) -> Int? {
        guard offset < bytes.count, let base = bytes.baseAddress,
              let found = memchr(base + offset, Int32(byte), bytes.count - offset) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// The scalar value whose lead byte is at `i` in valid UTF-8, and how many bytes it takes.
    @inline(__always)
    static func scalar(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (value: UInt32, length: Int) {
        let lead = UInt32(bytes[i])
        var value = lead
        var length = 1
        if lead >= 0xF0 {
            value = lead & 0x07
            length = 4
        } else if lead >= 0xE0 {
            value = lead & 0x0F
            length = 3
        } else if lead >= 0xC0 {
            value = lead & 0x1F
            length = 2
        }
        var k = 1
        while k < length && i + k < bytes.count {
            value = value << 6 | UInt32(bytes[i + k] & 0x3F)
            k += 1
        }
        return (value, length)
    }

    /// The scalars of valid UTF-8 (a String's own bytes), decoded without checking it again.
    static func scalars(_ bytes: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar] {
        let count = leadByteCount(bytes)
        return [Unicode.Scalar](unsafeUninitializedCapacity: count) { buffer, initialized in
            var i = 0, n = 0
            let end = bytes.count
            while i < end && n < count {
                let (value, length) = scalar(at: i, in: bytes)
                buffer.initializeElement(at: n, to: Unicode.Scalar(value) ?? "\u{FFFD}")
                n += 1
                i += length
            }
            initialized = n
        }
    }
}
