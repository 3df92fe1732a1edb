/// A minimal line diff (longest common subsequence) for asserting exact edits.
enum LineDiff {
    /// The changed lines of `before` → `after`: `-line` for removed, `+line` for added, each hunk's
    /// removals before its additions. Line breaks are kept out of the lines; a changed line break
    /// (LF vs CRLF) shows as a change because `\r` stays part of the line.
    static func changes(_ before: String, _ after: String) -> [String] {
        let a = lines(before)
        let b = lines(after)
        var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var result: [String] = []
        var removed: [String] = []
        var added: [String] = []
        func flush() {
            result += removed + added
            removed = []
            added = []
        }
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count && j < b.count && a[i] == b[j] {
                flush()
                i += 1
                j += 1
            } else if j < b.count && (i == a.count || lcs[i][j + 1] >= lcs[i + 1][j]) {
                added.append("+" + b[j])
                j += 1
            } else {
                removed.append("-" + a[i])
                i += 1
            }
        }
        flush()
        return result
    }

    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
