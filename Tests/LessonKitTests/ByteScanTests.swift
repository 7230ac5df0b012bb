import PropertyBased
import Testing
@testable import LessonKit

/// The eight-at-a-time scans (issue 5) against the obvious byte-at-a-time answers, on text
/// dense in the bytes they look for, at every length and alignment around a word.
@Suite struct ByteScanTests {
    /// Bytes drawn mostly from the ones that matter, with spaces, controls and lead bytes.
    static func randomBytes(count: Int, using generator: inout some RandomNumberGenerator) -> [UInt8] {
        let alphabet: [UInt8] = [0x20, 0x20, 0x20, 0x61, 0x0A, 0x09, 0x00, 0x1F, 0x21, 0x7F, 0x7E, 0x80, 0xA0,
                                 0xC2, 0xD8, 0xE2, 0xE4, 0xFF, 0x01, 0x5F]
        return (0..<count).map { _ in alphabet.randomElement(using: &generator)! }
    }

    @Test func perByteFlagsAreExactForEveryByteAndNeighbour() {
        var wrong = 0
        for byte in UInt8.min...UInt8.max {
            for neighbour: UInt8 in [0x00, 0x01, 0x1F, 0x20, 0x21, 0x7F, 0x80, 0xFF, byte &+ 1, byte &- 1] {
                // The byte at position 3 of a word whose other bytes are `neighbour`.
                var word = UInt64(neighbour) &* 0x0101_0101_0101_0101
                word = (word & ~(0xFF << 24)) | (UInt64(byte) << 24)
                for probe: UInt8 in [0x20, 0x7F, 0xC2, 0xD8, 0xE2, byte] {
                    let flags = ByteScan.equal(word, probe)
                    let expected = (0..<8).reduce(UInt64(0)) { mask, k in
                        UInt8(truncatingIfNeeded: word >> (8 * k)) == probe ? mask | (0x80 << (8 * k)) : mask
                    }
                    if flags != expected { wrong += 1 }
                }
                let below = ByteScan.below(word, 0x20)
                let expectedBelow = (0..<8).reduce(UInt64(0)) { mask, k in
                    UInt8(truncatingIfNeeded: word >> (8 * k)) < 0x20 ? mask | (0x80 << (8 * k)) : mask
                }
                if below != expectedBelow { wrong += 1 }
            }
        }
        #expect(wrong == 0)
    }

    @Test func doubleSpacesAreFoundWhereverTheyStand() {
        var generator = Xoshiro(seed: (7, 0, 0, 1))
        for count in 0..<40 {
            for _ in 0..<200 {
                let bytes = Self.randomBytes(count: count, using: &generator)
                let expected = count >= 2 && (1..<count).contains { bytes[$0] == 0x20 && bytes[$0 - 1] == 0x20 }
                let found = bytes.withUnsafeBufferPointer(ByteScan.hasDoubleSpace)
                #expect(found == expected, "\(bytes)")
            }
        }
        // Across the boundary of two words, and nowhere else.
        var pair = [UInt8](repeating: 0x61, count: 16)
        pair[7] = 0x20
        pair[8] = 0x20
        #expect(pair.withUnsafeBufferPointer(ByteScan.hasDoubleSpace))
        pair[8] = 0x61
        pair[9] = 0x20
        #expect(!pair.withUnsafeBufferPointer(ByteScan.hasDoubleSpace))
    }

    @Test func theSanitizerScanAgreesWithTheScalarRuleOnRandomText() {
        var generator = Xoshiro(seed: (11, 0, 0, 1))
        let pieces = ["a", " ", "中", "\u{1B}", "\t", "\u{7F}", "\u{85}", "\u{A0}", "\u{61C}", "\u{200E}", "\u{2028}",
                      "\u{202E}", "\u{2066}", "“", "…", "—", "\u{2069}", "é", "\u{2070}", "\u{2000}", "\n"]
        for _ in 0..<4000 {
            let count = Int.random(in: 0..<30, using: &generator)
            let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let expected = text.unicodeScalars.contains(where: Sanitizer.needsReplacement)
            #expect(Sanitizer.mayNeedReplacement(text) == expected, "\(Array(text.unicodeScalars))")
        }
    }

    @Test func scalarsAreCountedAsTheScalarViewCountsThem() {
        var generator = Xoshiro(seed: (3, 0, 0, 1))
        let pieces = ["a", " ", "中", "é", "😀", "\u{10FFFF}", "\u{80}", "\u{7FF}", "\u{800}", "\u{FFFF}", "\u{10000}"]
        for count in 0..<50 {
            for _ in 0..<40 {
                let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
                #expect(text.scalarCount == text.unicodeScalars.count, "\(text)")
            }
        }
    }
}

/// The direct UTF-8 decoding and encoding of scalars (issue 5) against the standard library's.
@Suite struct ScalarCodingTests {
    /// Scalars of every UTF-8 length, with each length's first and last scalar among them.
    static func randomText(count: Int, using generator: inout some RandomNumberGenerator) -> String {
        let ranges: [ClosedRange<UInt32>] = [0x00...0x7F, 0x80...0x7FF, 0x800...0xD7FF, 0xE000...0xFFFF, 0x10000...0x10FFFF]
        let edges: [UInt32] = [0x00, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF]
        var view = String.UnicodeScalarView()
        for _ in 0..<count {
            let value = Bool.random(using: &generator) && Bool.random(using: &generator)
                ? edges.randomElement(using: &generator)!
                : UInt32.random(in: ranges.randomElement(using: &generator)!, using: &generator)
            view.append(Unicode.Scalar(value)!)
        }
        return String(view)
    }

    @Test func scalarArrayIsTheStringsScalars() {
        var generator = Xoshiro(seed: (5, 0, 0, 1))
        for text in ["", "plain", "café “quoted” 经济", "e\u{301}\u{200D}😀", "\u{0}\u{7F}\u{80}\u{10FFFF}"] {
            #expect(text.scalarArray == Array(text.unicodeScalars))
        }
        for count in 0..<64 {
            for _ in 0..<40 {
                let text = Self.randomText(count: count, using: &generator)
                #expect(text.scalarArray == Array(text.unicodeScalars))
            }
        }
    }

    @Test func stringsFromScalarsAreTheScalarsEncoded() {
        var generator = Xoshiro(seed: (6, 0, 0, 1))
        for count in 0..<64 {
            for _ in 0..<40 {
                let text = Self.randomText(count: count, using: &generator)
                let scalars = Array(text.unicodeScalars)
                let made = String(scalars: scalars[...])
                #expect(made == text)
                #expect(Array(made.utf8) == Array(text.utf8))
                if count > 2 {
                    #expect(String(scalars: scalars[1..<(count - 1)]).unicodeScalars.elementsEqual(scalars[1..<(count - 1)]))
                }
            }
        }
    }

    @Test func plainTextIsToldTheSameFromBytesAsFromScalars() {
        var generator = Xoshiro(seed: (9, 0, 0, 1))
        let pieces = ["a", "Z", " ", "~", "\u{7F}", "\t", "\u{1F}", "é", "经", "\u{301}", "—", "😀", "\u{AD}"]
        for count in 0..<24 {
            for _ in 0..<60 {
                let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
                let expected = text.unicodeScalars.allSatisfy { PlainScalars.isPlain($0.value) }
                #expect(PlainScalars.only(text) == expected, "\(text.debugDescription)")
                let inner = text.dropFirst().dropLast()
                #expect(PlainScalars.only(inner) == inner.unicodeScalars.allSatisfy { PlainScalars.isPlain($0.value) },
                        "\(inner.debugDescription)")
            }
        }
    }
}
