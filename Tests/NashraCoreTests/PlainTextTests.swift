import Testing

@testable import NashraCore

/// The text the search index and reading time get from a sanitized body.
@Suite("Plain text of HTML")
struct PlainTextTests {
    @Test func tagsGoBlockEndsBreakLinesAndOurEscapesAreDecoded() {
        let html =
            "<h2>عنوان</h2><p>قال &quot;الوزير&quot; &amp; أضاف: 5 &lt; 7&nbsp;تماماً<br>سطر</p>"
            + "<ul><li>أول</li><LI>ثان</LI></ul><blockquote><p>اقتباس</p></blockquote><figure><figcaption>صورة</figcaption></figure>"
        #expect(
            PlainText.fromHTML(html) == "عنوان\nقال \"الوزير\" & أضاف: 5 < 7 تماماً\nسطر\nأول\nثان\nاقتباس\n\nصورة")
    }

    @Test func numericEntitiesAreDecodedAndUnknownOnesKept() {
        #expect(PlainText.fromHTML("<p>&#1605;&#x0646; &#39;x&#39; &bogus; &amp</p>") == "من 'x' &bogus; &amp")
        #expect(PlainText.fromHTML("<p>a &verylongname; b</p>") == "a &verylongname; b")
    }

    @Test func aMarkRightAfterATagDoesNotHideTheTagsEnd() {
        // U+064E (fatha) after ">" forms one grapheme cluster with it.
        #expect(PlainText.fromHTML("<p>\u{064E}كتب</p><p>ثانٍ</p>") == "\u{064E}كتب\nثانٍ")
    }

    @Test func anUnclosedTagHidesTheRestAndWhitespaceIsTrimmed() {
        #expect(PlainText.fromHTML("\u{00A0} <p>نص</p>\n<p") == "نص")
        #expect(PlainText.fromHTML("   ") == "")
    }
}
