import Foundation
import Testing

@testable import NashraCore

/// JSON for a `<script>` element: nothing in the data can end the element, and it still decodes to
/// the data.
@Suite("Safe JSON")
struct SafeJSONTests {
    struct Headline: Encodable {
        let headline: String
        let url: String
    }

    static let hostile = [
        "</script><script>alert(1)</script>", "a & b > c < d", "سطر\u{2028}فاصل\u{2029}فقرة",
        "شرطة — ويورو € واقتباس “مزدوج”", "\u{E2}", "", "بلا شيء يهرب", "<!-- تعليق -->",
        "\u{2028}", "&amp;&lt;", "https://example.com/news/خبر?a=1&b=2",
    ]

    /// What the encoder escaped before it worked over bytes: scalar by scalar.
    static func reference(_ data: Data) -> String {
        var text = ""
        for scalar in String(decoding: data, as: UTF8.self).unicodeScalars {
            switch scalar {
            case "<": text += "\\u003c"
            case ">": text += "\\u003e"
            case "&": text += "\\u0026"
            case "\u{2028}": text += "\\u2028"
            case "\u{2029}": text += "\\u2029"
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text
    }

    @Test(arguments: hostile)
    func nothingCanEndTheScriptAndTheDataComesBack(_ text: String) throws {
        let value = Headline(headline: text, url: "/news/" + text)
        let json = SafeJSON.encode(value).text
        #expect(!json.contains("<") && !json.contains(">") && !json.contains("&"))
        #expect(!json.unicodeScalars.contains("\u{2028}") && !json.unicodeScalars.contains("\u{2029}"))
        let decoded = try #require(
            try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String])
        #expect(decoded == ["headline": text, "url": "/news/" + text])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(json == Self.reference(try encoder.encode(value)))
    }

    @Test func bytesThatOnlyLookLikeASeparatorStayAsTheyAre() {
        // E2 80 A8 is U+2028; E2 80 A7 (U+2027) and a cut-off E2 80 at the end are left alone.
        #expect(SafeJSON.escaped(Data([0xE2, 0x80, 0xA7])).text == "\u{2027}")
        #expect(SafeJSON.escaped(Data([0x22, 0xE2, 0x80, 0xA8, 0x22])).text == "\"\\u2028\"")
        #expect(
            SafeJSON.escaped(Data(Array("x".utf8) + [0xE2, 0x80])).text
                == String(decoding: [0x78, 0xE2, 0x80], as: UTF8.self))
    }
}
