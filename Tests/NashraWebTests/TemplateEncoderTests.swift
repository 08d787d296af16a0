import Foundation
import Mustache
import NashraCore
import Testing

@testable import NashraWeb

/// View models reach Mustache as dictionaries and lists made by `TemplateEncoder`; Mustache must
/// read them as it read the structs themselves.
@Suite("Template encoder")
struct TemplateEncoderTests {
    struct Card: Encodable {
        let title: String
        let views: Int
        let isBreaking: Bool
        let note: String?
        let tags: [String]
    }

    struct Page: TemplateModel {
        let t: [String: String]
        let note: String?
        let bodyHTML: SafeHTML
        let cards: [Card]
        let lead: Card?
    }

    static let page = Page(
        t: ["more": "المزيد"], note: "from the page", bodyHTML: HTMLSanitizer().sanitize("<p>نص <b>عريض</b></p>"),
        cards: [
            Card(title: "أ & ب", views: 3, isBreaking: true, note: nil, tags: ["x", "y"]),
            Card(title: "ج", views: 0, isBreaking: false, note: "own note", tags: []),
        ],
        lead: nil)

    @Test func structsBecomeDictionariesListsArraysAndNilFieldsAreLeftOut() throws {
        let value = try #require(try TemplateEncoder.value(of: Self.page) as? [String: Any])
        #expect(Set(value.keys) == ["t", "note", "bodyHTML", "cards"])
        #expect(value["t"] as? [String: String] == ["more": "المزيد"])
        #expect((value["bodyHTML"] as? SafeHTML)?.markup == Self.page.bodyHTML.markup)
        let cards = try #require(value["cards"] as? [Any])
        #expect(cards.count == 2)
        let first = try #require(cards[0] as? [String: Any])
        #expect(Set(first.keys) == ["title", "views", "isBreaking", "tags"])
        #expect(first["title"] as? String == "أ & ب")
        #expect(first["views"] as? Int == 3)
        #expect(first["isBreaking"] as? Bool == true)
        #expect((first["tags"] as? [Any])?.compactMap { $0 as? String } == ["x", "y"])
        let second = try #require(cards[1] as? [String: Any])
        #expect(second["note"] as? String == "own note")
        #expect((second["tags"] as? [Any])?.isEmpty == true)
    }

    /// The same template over the struct (read through `Mirror`) and over its encoded tree gives
    /// the same text: escaping, unescaped SafeHTML, flags, empty lists, a nil field looked up in the
    /// enclosing object, a nil section skipped, the strings table reached from inside a list.
    @Test func mustacheRendersTheTreeAsItRendersTheStruct() throws {
        let template = try MustacheTemplate(
            string: """
                {{{bodyHTML}}}|{{#lead}}LEAD{{/lead}}{{^lead}}no lead{{/lead}}|\
                {{#cards}}[{{title}} {{views}}{{#isBreaking}} !{{/isBreaking}} {{note}} \
                {{#tags}}<{{.}}>{{/tags}}{{^tags}}none{{/tags}} {{t.more}}]{{/cards}}
                """)
        let tree = TemplateTree.make(Self.page)
        #expect(tree is [String: Any])
        let fromStruct = template.render(Self.page)
        #expect(
            fromStruct
                == Self.page.bodyHTML.markup
                + "|no lead|[أ &amp; ب 3 ! from the page <x><y> المزيد][ج 0 own note none المزيد]")
        #expect(template.render(tree) == fromStruct)
    }

    @Test func aValueThatIsNotATemplateModelIsLeftAsItIs() {
        let card = Self.page.cards[0]
        #expect(TemplateTree.make(card) is Card)
    }
}
