/// Shrinks a disagreeing stream while the same kind of disagreement persists: first whole
/// documents, then (optionally) single lines. Each try runs the binary and kubectl again.
struct Minimizer {
    let run: OracleRun
    /// Also try removing single lines (slow: for curating regressions, not for CI).
    var lines = false
    /// Give up after this many tries.
    var budget = 40

    func minimize(_ c: OracleCase, _ verdict: Verdict) throws -> (OracleCase, Verdict) {
        guard let category = verdict.problems.first?.category else { return (c, verdict) }
        var best = (c, verdict)
        var tries = 0
        func attempt(_ stream: [UInt8]) throws -> Bool {
            guard tries < budget, stream != best.0.stream else { return false }
            tries += 1
            var candidate = best.0
            candidate.stream = stream
            let v = try run.judge(candidate)
            guard v.outcome == .disagreement, v.problems.first?.category == category else { return false }
            best = (candidate, v)
            return true
        }
        for split in [Self.documents] + (lines ? [Self.lines] : []) {
            var progress = true
            while progress && tries < budget {
                progress = false
                let parts = split(best.0.stream)
                var k = parts.count - 1
                while k >= 0 && parts.count > 1 {
                    let parts = split(best.0.stream)
                    if k < parts.count, try attempt(parts.enumerated().filter { $0.offset != k }.flatMap(\.element)) {
                        progress = true
                    }
                    k -= 1
                }
            }
        }
        return best
    }

    /// The stream cut before every `---` line (a BOM stays with the first piece).
    static func documents(_ stream: [UInt8]) -> [[UInt8]] {
        pieces(lines(stream)) { line in
            line.starts(with: Array("---".utf8)) && (line.count == 3 || [0x0A, 0x0D, 0x20].contains(line[3]))
        }
    }

    /// The stream as lines, each with its line break.
    static func lines(_ stream: [UInt8]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var start = 0
        for (i, b) in stream.enumerated() where b == 0x0A {
            out.append(Array(stream[start...i]))
            start = i + 1
        }
        if start < stream.count { out.append(Array(stream[start...])) }
        return out
    }

    private static func pieces(_ lines: [[UInt8]], startsPiece: ([UInt8]) -> Bool) -> [[UInt8]] {
        var out: [[UInt8]] = []
        for line in lines {
            if out.isEmpty || startsPiece(line) { out.append(line) } else { out[out.count - 1] += line }
        }
        return out
    }
}
