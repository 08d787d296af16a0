import Foundation
import Testing

@testable import NashraCore

/// The byte encoder gives what Foundation's `addingPercentEncoding` gave with the unreserved set,
/// which every link of the site (and its canonical-URL check) was built on.
@Suite("Percent-encoding")
struct PercentEncodingTests {
    static let unreserved = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    @Test(arguments: [
        "", "plain-slug_1.0~x", "ارتفاع-أسعار-الذهب", "a b&c=d?e#f/g%h+i", "قهوة ☕️ 👩🏽‍💻", "e\u{301}", "\u{0}\u{1F}\u{7F}",
        "١٢٣-٢٠٢٦", "https://example.com/news/خبر?x=1",
    ])
    func matchesFoundation(_ text: String) {
        #expect(PercentEncoding.encode(text) == text.addingPercentEncoding(withAllowedCharacters: Self.unreserved))
    }

    @Test func everyASCIICharacterMatchesFoundation() {
        let all = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        let encoded = PercentEncoding.encode(all)
        #expect(encoded == all.addingPercentEncoding(withAllowedCharacters: Self.unreserved))
        #expect(encoded.hasPrefix("%00%01") && encoded.contains("-.") && encoded.hasSuffix("~%7F"))
    }
}
