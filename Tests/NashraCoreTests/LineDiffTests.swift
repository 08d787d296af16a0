import NashraCore
import Testing

@Suite("LineDiff")
struct LineDiffTests {
    @Test func identicalTextsAreAllSame() {
        #expect(LineDiff.diff("a\nb\nc", "a\nb\nc") == [.same("a"), .same("b"), .same("c")])
    }

    @Test func insertion() {
        #expect(LineDiff.diff("a\nc", "a\nb\nc") == [.same("a"), .added("b"), .same("c")])
        #expect(LineDiff.diff("b\nc", "a\nb\nc") == [.added("a"), .same("b"), .same("c")])
        #expect(LineDiff.diff("a\nb", "a\nb\nc") == [.same("a"), .same("b"), .added("c")])
    }

    @Test func deletion() {
        #expect(LineDiff.diff("a\nb\nc", "a\nc") == [.same("a"), .removed("b"), .same("c")])
        #expect(LineDiff.diff("a\nb\nc", "b") == [.removed("a"), .same("b"), .removed("c")])
    }

    @Test func changeInTheMiddleIsRemovedThenAdded() {
        #expect(
            LineDiff.diff("a\nb\nc\nd", "a\nB\nC\nd")
                == [.same("a"), .removed("b"), .removed("c"), .added("B"), .added("C"), .same("d")])
    }

    @Test func alignsOnTheLongestCommonSubsequence() {
        #expect(
            LineDiff.diff("x\na\ny\nb\nz", "a\nq\nb")
                == [.removed("x"), .same("a"), .removed("y"), .added("q"), .same("b"), .removed("z")])
        // Repeated lines are matched, not all reported as changed.
        #expect(
            LineDiff.diff("-\nA\n-\nB\n-", "-\nB\n-\nA\n-")
                .filter { if case .same = $0 { true } else { false } }.count == 3)
    }

    @Test func emptySides() {
        #expect(LineDiff.diff("", "") == [])
        #expect(LineDiff.diff("", "a\nb") == [.added("a"), .added("b")])
        #expect(LineDiff.diff("a\nb", "") == [.removed("a"), .removed("b")])
    }

    @Test func blankLinesAndTrailingNewline() {
        #expect(LineDiff.diff("a\n\nb\n", "a\nb") == [.same("a"), .removed(""), .same("b")])
        #expect(LineDiff.diff("a\r\nb", "a\nb") == [.same("a"), .same("b")])
    }

    @Test func arabicLines() {
        let old = "عاجل: انعقاد القمة\nفي الرياض اليوم\nبمشاركة عشرين دولة"
        let new = "عاجل: انعقاد القمة\nفي جدة غداً\nبمشاركة عشرين دولة"
        #expect(
            LineDiff.diff(old, new)
                == [
                    .same("عاجل: انعقاد القمة"), .removed("في الرياض اليوم"), .added("في جدة غداً"),
                    .same("بمشاركة عشرين دولة"),
                ])
        // Lines differing only in diacritics are different lines.
        #expect(LineDiff.diff("محمد", "مُحَمَّد") == [.removed("محمد"), .added("مُحَمَّد")])
    }

    @Test func hugeInputsFallBackToOneChangedBlock() {
        let old = (0..<2500).map { "old \($0)" }
        let new = (0..<2500).map { "new \($0)" }
        let text = { (lines: [String]) in (["head"] + lines + ["tail"]).joined(separator: "\n") }
        let result = LineDiff.diff(text(old), text(new))
        #expect(result.count == 2 + 2500 + 2500)
        #expect(result.first == .same("head"))
        #expect(result.last == .same("tail"))
        #expect(result[1] == .removed("old 0"))
        #expect(result[2501] == .added("new 0"))
        #expect(Array(result[1...2500]) == old.map(DiffLine.removed))
        #expect(Array(result[2501...5000]) == new.map(DiffLine.added))
    }

    @Test func largeButAlignableInputsAreAligned() {
        let old = (0..<1500).map { "line \($0)" }
        var new = old
        new[700] = "changed"
        new.insert("inserted", at: 100)
        let result = LineDiff.diff(old.joined(separator: "\n"), new.joined(separator: "\n"))
        let changes = result.filter { if case .same = $0 { false } else { true } }
        #expect(changes == [.added("inserted"), .removed("line 700"), .added("changed")])
    }
}
