import NashraCore
import Testing

@Suite("Markup escaping")
struct MarkupEscapingTests {
    /// Scalar by scalar, the rule the fast path must agree with.
    static func reference(_ text: String, xml: Bool) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += xml ? "&apos;" : "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if xml, scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static let samples = [
        "", "نص عربي بلا شيء", "plain ASCII", "a & b", "<b>", "\"\u{0338} onmouseover=x", "'\u{0301}",
        "<\u{0338}script>", "tab\tline\nreturn\r", "bell\u{07}", "\u{FFFE}\u{FFFF}\u{FFFD}", "ﻋﻠﻰ — «اقتباس»",
        "emoji 👩🏽‍💻 & more",
    ]

    @Test("HTML and XML escaping agree with the scalar rule, with and without anything to escape")
    func agreesWithTheRule() {
        for sample in Self.samples {
            #expect(HTMLEscaping.escape(sample) == Self.reference(sample, xml: false), "\(sample.debugDescription)")
            #expect(XMLEscaping.escape(sample) == Self.reference(sample, xml: true), "\(sample.debugDescription)")
            #expect(HTMLEscaping.escape(sample[...]) == Self.reference(sample, xml: false))
        }
    }

    @Test("a quote or bracket followed by a combining mark is escaped")
    func combiningMarks() {
        #expect(HTMLEscaping.escape("\"\u{0338}") == "&quot;\u{0338}")
        #expect(HTMLEscaping.escape("<\u{0338}b>") == "&lt;\u{0338}b&gt;")
    }
}
