import PropertyBased
import Testing
import LessonKit

@Suite struct SanitizerTests {
    /// True for every scalar that must never reach the terminal raw.
    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
            || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
            || v == 0x2028 || v == 0x2029
    }

    @Test func cleanTextComesBackUnchanged() {
        let text = "The city council met on Tuesday. 市议会周二开会。Café — “quoted” 👨‍👩‍👧"
        #expect(Sanitizer.displaySafe(text) == text)
        #expect(Sanitizer.displaySafe("") == "")
    }

    @Test func c0ControlsBecomeControlPictures() {
        #expect(Sanitizer.displaySafe("a\u{0}b") == "a␀b")
        #expect(Sanitizer.displaySafe("ring\u{7}") == "ring␇")
        #expect(Sanitizer.displaySafe("\u{1B}") == "␛")
        #expect(Sanitizer.displaySafe("back\u{8}space") == "back␈space")
        #expect(Sanitizer.displaySafe("cr\u{D}") == "cr␍")
        #expect(Sanitizer.displaySafe("\u{1F}") == "␟")
    }

    @Test func deleteBecomesItsPicture() {
        #expect(Sanitizer.displaySafe("x\u{7F}y") == "x␡y")
    }

    @Test func c1ControlsBecomeEscapePictureAndTheirSevenBitForm() {
        #expect(Sanitizer.displaySafe("\u{9B}31m") == "␛[31m")
        #expect(Sanitizer.displaySafe("\u{9D}0;t\u{9C}") == "␛]0;t␛\\")
        #expect(Sanitizer.displaySafe("\u{80}") == "␛@")
        #expect(Sanitizer.displaySafe("\u{85}") == "␛E")
    }

    @Test func csiSequenceIsNeutralisedButItsPayloadStaysVisible() {
        #expect(Sanitizer.displaySafe("\u{1B}[2J\u{1B}[31mred") == "␛[2J␛[31mred")
    }

    @Test func lessonLineWithOSCTitleAndClipboardSequencesIsInert() {
        let line = "Prices rose\u{1B}]0;pwned\u{7} sharply\u{1B}]52;c;cm0gLXJmIH4=\u{1B}\\ in May."
        let safe = Sanitizer.displaySafe(line)
        #expect(safe == "Prices rose␛]0;pwned␇ sharply␛]52;c;cm0gLXJmIH4=␛\\ in May.")
        #expect(!safe.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }

    @Test func dcsAndStringSequencesAreInert() {
        #expect(Sanitizer.displaySafe("\u{1B}Pq#0\u{1B}\\") == "␛Pq#0␛\\")
        #expect(Sanitizer.displaySafe("\u{1B}_apc\u{1B}\\\u{1B}^pm\u{1B}\\\u{1B}Xsos\u{1B}\\")
            == "␛_apc␛\\␛^pm␛\\␛Xsos␛\\")
        #expect(Sanitizer.displaySafe("\u{90}q\u{9C}") == "␛Pq␛\\")
    }

    @Test func bidiControlsBecomeVisibleTags() {
        #expect(Sanitizer.displaySafe("abc\u{202E}fed") == "abc⟨RLO⟩fed")
        #expect(Sanitizer.displaySafe("\u{202A}\u{202B}\u{202C}\u{202D}") == "⟨LRE⟩⟨RLE⟩⟨PDF⟩⟨LRO⟩")
        #expect(Sanitizer.displaySafe("\u{2066}\u{2067}\u{2068}\u{2069}") == "⟨LRI⟩⟨RLI⟩⟨FSI⟩⟨PDI⟩")
        #expect(Sanitizer.displaySafe("\u{200E}\u{200F}\u{061C}") == "⟨LRM⟩⟨RLM⟩⟨ALM⟩")
    }

    @Test func tabBecomesFourSpaces() {
        #expect(Sanitizer.displaySafe("a\tb") == "a    b")
        #expect(Sanitizer.displaySafe("\t\t") == "        ")
    }

    @Test func lineAndParagraphSeparatorsBecomeSpaces() {
        #expect(Sanitizer.displaySafe("one\u{2028}two\u{2029}three") == "one two three")
    }

    @Test func newlineIsKept() {
        #expect(Sanitizer.displaySafe("a\nb") == "a\nb")
        #expect(Sanitizer.displaySafe("a\n\u{7}") == "a\n␇")
    }

    @Test func outputNeverHoldsAForbiddenScalar() async {
        // Weighted towards the dangerous ranges, so most strings hold several of them.
        let scalar = Gen<UInt32>.oneOf(
            Gen<UInt32>.value(in: 0...0xA0),
            Gen<UInt32>.value(in: 0x2000...0x2070),
            Gen<UInt32>.value(in: 0x0600...0x0620),
            Gen<UInt32>.value(in: 0...0x10FFFF)
        ).compactMap { Unicode.Scalar($0) }
        let text = scalar.array(of: 0...40).map { String(String.UnicodeScalarView($0)) }
        await propertyCheck(count: 500, input: text) { text in
            let safe = Sanitizer.displaySafe(text)
            let forbidden = safe.unicodeScalars.filter(Self.isForbidden)
            #expect(forbidden.isEmpty, "\(forbidden.map { String($0.value, radix: 16) }) in \(safe.debugDescription)")
            if !text.unicodeScalars.contains(where: Self.isForbidden) {
                #expect(safe == text)
            }
        }
    }

    /// The byte scan that lets clean lines through untouched must let through exactly the
    /// scalars that are allowed, for every scalar there is, alone and between other text.
    @Test func theByteScanAgreesWithTheScalarRuleForEveryScalar() {
        var disagreements: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let expected = Self.isForbidden(scalar)
            let alone = String(scalar), inside = "a中\(scalar)b"
            if (Sanitizer.displaySafe(alone) != alone) != expected || (Sanitizer.displaySafe(inside) != inside) != expected {
                disagreements.append(value)
            }
        }
        #expect(disagreements.isEmpty, "first: \(disagreements.prefix(10).map { String($0, radix: 16) })")
    }
}
