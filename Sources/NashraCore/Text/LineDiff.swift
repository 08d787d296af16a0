/// One line of a ``LineDiff``.
public enum DiffLine: Sendable, Hashable {
    /// In both texts.
    case same(String)
    /// Only in the new text.
    case added(String)
    /// Only in the old text.
    case removed(String)
}

/// Line-by-line differences between two versions of a text, for showing what an edit changed.
public enum LineDiff {
    /// Above this many cells (old lines times new lines, after common leading and trailing lines
    /// are set aside) the differing middle is reported as removed then added rather than aligned.
    public static let maxCells = 4_000_000

    /// The lines of `old` and `new` as a shortest edit: a longest common subsequence of lines kept
    /// as ``DiffLine/same(_:)``, the rest ``DiffLine/removed(_:)`` or ``DiffLine/added(_:)``.
    ///
    /// Lines are split at any newline (`\n`, `\r\n`, `\r` and the Unicode line separators); one
    /// newline at the very end does not start another line, and an empty text has no lines.
    /// Within a changed stretch, removed lines come before added ones.
    public static func diff(_ old: String, _ new: String) -> [DiffLine] {
        let oldLines = lines(of: old)
        let newLines = lines(of: new)
        var prefix = 0
        while prefix < oldLines.count, prefix < newLines.count, oldLines[prefix] == newLines[prefix] {
            prefix += 1
        }
        var suffix = 0
        while suffix < oldLines.count - prefix, suffix < newLines.count - prefix,
            oldLines[oldLines.count - 1 - suffix] == newLines[newLines.count - 1 - suffix]
        {
            suffix += 1
        }
        let oldMiddle = oldLines[prefix..<(oldLines.count - suffix)]
        let newMiddle = newLines[prefix..<(newLines.count - suffix)]

        var result = oldLines[..<prefix].map(DiffLine.same)
        if oldMiddle.isEmpty || newMiddle.isEmpty || oldMiddle.count > maxCells / newMiddle.count {
            result += oldMiddle.map(DiffLine.removed)
            result += newMiddle.map(DiffLine.added)
        } else {
            result += aligned(Array(oldMiddle), Array(newMiddle))
        }
        result += oldLines[(oldLines.count - suffix)...].map(DiffLine.same)
        return result
    }

    static func lines(of text: String) -> [String] {
        if text.isEmpty { return [] }
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        if lines.count > 1, lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Classic LCS table over line numbers (equal lines share a number, so cells compare integers).
    private static func aligned(_ old: [String], _ new: [String]) -> [DiffLine] {
        var numbers: [String: Int32] = [:]
        let a = old.map { line -> Int32 in
            if let number = numbers[line] { return number }
            let number = Int32(numbers.count)
            numbers[line] = number
            return number
        }
        let b = new.map { numbers[$0] ?? -1 }
        // lcs[i * width + j]: length of the longest common subsequence of a[i...] and b[j...].
        let width = b.count + 1
        var lcs = [Int32](repeating: 0, count: (a.count + 1) * width)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i * width + j] =
                    a[i] == b[j]
                    ? lcs[(i + 1) * width + j + 1] + 1
                    : max(lcs[(i + 1) * width + j], lcs[i * width + j + 1])
            }
        }
        var result: [DiffLine] = []
        result.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                result.append(.same(old[i]))
                i += 1
                j += 1
            } else if lcs[(i + 1) * width + j] >= lcs[i * width + j + 1] {
                result.append(.removed(old[i]))
                i += 1
            } else {
                result.append(.added(new[j]))
                j += 1
            }
        }
        result += old[i...].map(DiffLine.removed)
        result += new[j...].map(DiffLine.added)
        return result
    }
}
