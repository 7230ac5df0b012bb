/// A plain-text table with a header row, left-aligned first column and right-aligned figures,
/// so columns of numbers line up in a terminal and in Markdown code blocks alike.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    init(header: [String]) {
        self.header = header
    }

    mutating func add(_ row: [String]) {
        rows.append(row)
    }

    /// A row that names a group of the rows below it.
    mutating func section(_ title: String) {
        rows.append([title])
    }

    func render() -> String {
        let count = header.count
        var widths = header.map(\.count)
        for row in rows where row.count > 1 {
            for (i, cell) in row.enumerated() where i < count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var out = ""
            for i in 0..<count {
                let cell = i < cells.count ? cells[i] : ""
                let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
                out += i == 0 ? cell + pad : "  " + pad + cell
            }
            while out.last == " " { out.removeLast() }
            return out
        }
        var out = line(header) + "\n"
        out += widths.enumerated().map { String(repeating: "-", count: $0.element + ($0.offset == 0 ? 0 : 2)) }.joined() + "\n"
        for row in rows {
            out += (row.count == 1 ? row[0] : line(row)) + "\n"
        }
        return out
    }
}
