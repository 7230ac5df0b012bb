/// A strict reader of RFC 4180 CSV, written apart from the exporter so that a round trip
/// through both proves the exporter's quoting rather than repeating it.
enum RFC4180 {
    struct Malformed: Error, Equatable {
        var reason: String
    }

    /// Records of fields. Records end in CRLF (the last may end at the end of the text).
    static func parse(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = String.UnicodeScalarView()
        var scalars = Array(text.unicodeScalars)[...]
        var quotedField = false

        func endField() {
            record.append(String(field))
            field = String.UnicodeScalarView()
            quotedField = false
        }

        while let c = scalars.popFirst() {
            switch c {
            case "\"" where field.isEmpty && !quotedField:
                quotedField = true
                while true {
                    guard let q = scalars.popFirst() else { throw Malformed(reason: "unterminated quote") }
                    if q == "\"" {
                        if scalars.first == "\"" {
                            scalars.removeFirst()
                            field.append("\"")
                        } else {
                            break
                        }
                    } else {
                        field.append(q)
                    }
                }
                if let next = scalars.first, next != ",", next != "\r" {
                    throw Malformed(reason: "text after a closing quote")
                }
            case "\"":
                throw Malformed(reason: "quote inside an unquoted field")
            case ",":
                endField()
            case "\r":
                guard scalars.popFirst() == "\n" else { throw Malformed(reason: "CR without LF") }
                endField()
                records.append(record)
                record = []
            case "\n":
                throw Malformed(reason: "bare LF outside quotes")
            default:
                if quotedField { throw Malformed(reason: "text after a closing quote") }
                field.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            endField()
            records.append(record)
        }
        return records
    }
}
