/// Makes lesson text safe to hand to a terminal: a lesson file is untrusted input, and a raw
/// control character, escape sequence or bidi override in it could retitle the window, write the
/// clipboard (OSC 52), move the cursor, or make the text read differently from its bytes.
/// Nothing is dropped silently: every such scalar becomes a visible, inert symbol, so the reader
/// sees that the file holds something odd and the scalar offsets of the rest stay meaningful.
///
/// What becomes what:
/// - C0 controls (U+0000–U+001F) except newline and tab → the Control Pictures block, U+2400 +
///   code (ESC → ␛, BEL → ␇, NUL → ␀); DEL → ␡.
/// - C1 controls (U+0080–U+009F) → ␛ followed by their 7-bit form (U+009B CSI → "␛[", U+009D OSC → "␛]").
/// - Escape sequences (CSI, OSC, DCS, SOS, PM, APC) are neutralised scalar by scalar, not removed:
///   once ESC (or the C1 introducer) is a picture, no terminal can parse a sequence, so the
///   printable payload stays as it is (an OSC 0 title reads "␛]0;title␇"). Showing it tells the
///   reader what the file tried to do; the terminators inside (BEL, ESC \) become pictures too.
/// - Bidi embeddings, overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
///   U+061C) → a tag naming them, such as ⟨RLO⟩.
/// - A tab → four spaces. The parser calls this once per line and joins lines with spaces, so
///   column alignment is lost anyway; a fixed run keeps the rule simple and the output predictable.
/// - Line and paragraph separators (U+2028, U+2029) → one space, since a line is already one line.
/// - Newline stays (it is not expected inside a line, but it is not dangerous either).
public enum Sanitizer {
    public static func displaySafe(_ text: String) -> String {
        // Almost every line is clean: one scan, and the original string comes back untouched.
        guard mayNeedReplacement(text) else { return text }
        // Built as a String: appending a run of scalars to a UnicodeScalarView copies what is
        // already there, which made a long line of controls quadratic (found by the fuzzer).
        var output = ""
        output.reserveCapacity(text.utf8.count + text.utf8.count / 2)
        for scalar in text.unicodeScalars {
            if needsReplacement(scalar) {
                output += replacement(for: scalar)
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// Whether any scalar of `text` needs replacing, read from its UTF-8 bytes: the scalar
    /// walk this replaces took a tenth of the time to read an 8 MB lesson (issue 5). Exact
    /// for the scalars `needsReplacement` names: C0 controls and DEL are single bytes, C1
    /// controls are C2 80–C2 9F, U+061C is D8 9C, and the rest are E2 80 8E–8F, E2 80 A8–AE
    /// and E2 81 A6–A9.
    static func mayNeedReplacement(_ text: String) -> Bool {
        let found = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            // Eight bytes at a time; only a word holding a control, DEL or one of the three
            // lead bytes is looked at byte by byte (a continuation may run past the word).
            ByteScan.anyFlagged(bytes, leads: (0xC2, 0xD8, 0xE2)) { range in
                for i in range {
                    let byte = bytes[i]
                    if byte < 0x80 {
                        if (byte < 0x20 && byte != 0x0A) || byte == 0x7F { return true }
                    } else if byte == 0xC2 {
                        if i + 1 < bytes.count, bytes[i + 1] <= 0x9F { return true }
                    } else if byte == 0xD8 {
                        if i + 1 < bytes.count, bytes[i + 1] == 0x9C { return true }
                    } else if byte == 0xE2, i + 2 < bytes.count {
                        let second = bytes[i + 1], third = bytes[i + 2]
                        if second == 0x80, (0x8E...0x8F).contains(third) || (0xA8...0xAE).contains(third) { return true }
                        if second == 0x81, (0xA6...0xA9).contains(third) { return true }
                    }
                }
                return false
            }
        }
        return found ?? text.unicodeScalars.contains(where: needsReplacement)
    }

    static func needsReplacement(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 { return v != 0x0A }
        if v < 0x7F { return false }
        if v <= 0x9F { return true }
        if v < 0x061C { return false }
        return v == 0x061C || v == 0x200E || v == 0x200F || (0x2028...0x202E).contains(v)
            || (0x2066...0x2069).contains(v)
    }

    private static func replacement(for scalar: Unicode.Scalar) -> String {
        let v = scalar.value
        switch v {
        case 0x09: return "    "
        case 0x2028, 0x2029: return " "
        case 0x7F: return "\u{2421}"
        case 0x00..<0x20: return String(Unicode.Scalar(0x2400 + v) ?? "\u{FFFD}")
        case 0x80...0x9F: return "\u{241B}" + String(Unicode.Scalar(UInt8(v - 0x40)))
        default: return "⟨" + bidiName(v) + "⟩"
        }
    }

    private static func bidiName(_ v: UInt32) -> String {
        switch v {
        case 0x061C: return "ALM"
        case 0x200E: return "LRM"
        case 0x200F: return "RLM"
        case 0x202A: return "LRE"
        case 0x202B: return "RLE"
        case 0x202C: return "PDF"
        case 0x202D: return "LRO"
        case 0x202E: return "RLO"
        case 0x2066: return "LRI"
        case 0x2067: return "RLI"
        case 0x2068: return "FSI"
        case 0x2069: return "PDI"
        default: return "U+" + String(v, radix: 16, uppercase: true)
        }
    }
}
