import Foundation
import Testing

@testable import NashraCore

/// Yoast's and Rank Math's title and description become the article's SEO fields.
@Suite("WordPress SEO fields")
struct WordPressSEOTests {
    static func post(meta: [(String, String)], excerpt: String = "ملخص الخبر") -> WXRItem {
        var item = WXRItem()
        item.type = "post"
        item.status = "publish"
        item.postID = 7
        item.title = "افتتاح المكتبة"
        item.excerpt = excerpt
        item.dateGMT = "2026-03-01 08:00:00"
        item.content = "<p>نص.</p>"
        item.meta = meta.map { (key: $0.0, value: $0.1) }
        return item
    }

    static func seo(_ meta: [(String, String)], excerpt: String = "ملخص الخبر") throws -> SEOFields {
        try #require(WordPressMapping(site: WordPressSite()).convert(post(meta: meta, excerpt: excerpt)).post).seo
    }

    @Test func yoastTextIsKeptAndItsVariablesFilledOrLeftOut() throws {
        #expect(
            try Self.seo([
                ("_yoast_wpseo_title", "%%title%% %%sep%% مكتبة الحي %%sep%% %%sitename%%"),
                ("_yoast_wpseo_metadesc", "%%excerpt%% – صور وأرقام"),
            ]) == SEOFields(title: "افتتاح المكتبة مكتبة الحي", description: "ملخص الخبر – صور وأرقام"))
        // A title that is only the headline and the site's name is no override.
        #expect(try Self.seo([("_yoast_wpseo_title", "%%title%% %%page%% %%sep%% %%sitename%%")]) == SEOFields())
    }

    @Test func rankMathIsReadWhenYoastIsAbsentAndPercentSignsInTextStay() throws {
        #expect(
            try Self.seo([
                ("_yoast_wpseo_title", "  "), ("rank_math_title", "خصم 50% على الكتب %sep% %sitename%"),
                ("rank_math_description", "وصف <b>قصير</b> &amp; واضح"),
            ]) == SEOFields(title: "خصم 50% على الكتب", description: "وصف قصير & واضح"))
    }

    @Test func quotationMarksAtTheEndsAreText() throws {
        #expect(
            try Self.seo([
                ("_yoast_wpseo_title", "«شهادات» من المكتبة %%sep%% %%sitename%%"),
                ("_yoast_wpseo_metadesc", "قال المدير: «افتحوا الأبواب»"),
            ]) == SEOFields(title: "«شهادات» من المكتبة", description: "قال المدير: «افتحوا الأبواب»"))
    }

    @Test func overlongFieldsAreCutToTheLimits() throws {
        let seo = try Self.seo([
            ("_yoast_wpseo_title", String(repeating: "ع", count: 500)),
            ("_yoast_wpseo_metadesc", String(repeating: "و", count: 900)),
        ])
        #expect(seo.title.count == SEOFields.maxTitle && seo.description.count == SEOFields.maxDescription)
        #expect(throws: Never.self) { try seo.validated() }
    }
}
