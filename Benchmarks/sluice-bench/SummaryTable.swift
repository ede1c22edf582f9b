/// The final table of `sluice-bench all`: one row per figure, columns padded to their widest cell.
struct SummaryTable {
    let rows: [SummaryRow]

    init(_ rows: [SummaryRow]) {
        self.rows = rows
    }

    /// The table as text, with a header line and a rule under it.
    var text: String {
        let header = ["benchmark", "measured", "baseline", "ratio", "target", "result"]
        let cells = rows.map { row in
            [row.name, row.measured, row.baseline, Format.fixed(row.ratio, 2), row.target, row.met.map { $0 ? "ok" : "MISSED" } ?? "-"]
        }
        let widths = header.indices.map { column in ([header] + cells).map { $0[column].count }.max() ?? 0 }
        func line(_ values: [String]) -> String {
            zip(values, widths).map { $0.padded(to: $1) }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + cells.map(line)).joined(separator: "\n")
    }
}

extension String {
    /// The string padded with spaces on the right to `width` characters (never truncated).
    fileprivate func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
