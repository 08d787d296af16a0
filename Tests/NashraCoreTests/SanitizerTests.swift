import NashraCore
import Testing

@Suite("HTMLSanitizer: allowed markup")
struct SanitizerTests {
    let sanitizer = HTMLSanitizer(internalHosts: ["example.com"])

    func clean(_ html: String) -> String { sanitizer.sanitize(html).markup }

    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let expected: String
        var testDescription: String { input }
    }

    static let survivors: [Case] = [
        .init(input: "<p>نص الخبر</p>", expected: "<p>نص الخبر</p>"),
        .init(input: "<h2>a</h2><h3>b</h3><h4>c</h4>", expected: "<h2>a</h2><h3>b</h3><h4>c</h4>"),
        .init(
            input: "<p><strong>s</strong> <em>e</em> <code>c</code></p>",
            expected: "<p><strong>s</strong> <em>e</em> <code>c</code></p>"),
        .init(input: "<blockquote>قال المتحدث</blockquote>", expected: "<blockquote>قال المتحدث</blockquote>"),
        .init(
            input: "<ul><li>a</li><li>b</li></ul><ol><li>c</li></ol>",
            expected: "<ul><li>a</li><li>b</li></ul><ol><li>c</li></ol>"),
        .init(input: "<ul><li>a<ul><li>b</li></ul></li></ul>", expected: "<ul><li>a<ul><li>b</li></ul></li></ul>"),
        .init(
            input:
                "<figure><img src=\"https://cdn.example.org/a.jpg\" alt=\"صورة\"><figcaption>تعليق</figcaption></figure>",
            expected:
                "<figure><img src=\"https://cdn.example.org/a.jpg\" alt=\"صورة\" loading=\"lazy\"><figcaption>تعليق</figcaption></figure>"
        ),
        .init(input: "<img src=\"/media/a.png\">", expected: "<img src=\"/media/a.png\" alt=\"\" loading=\"lazy\">"),
        .init(input: "<IMG SRC=\"/a.png\" ALT=\"up\">", expected: "<img src=\"/a.png\" alt=\"up\" loading=\"lazy\">"),
        .init(
            input:
                "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td colspan=\"2\" rowspan=\"3\">d</td></tr></tbody></table>",
            expected:
                "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td colspan=\"2\" rowspan=\"3\">d</td></tr></tbody></table>"
        ),
        .init(
            input: "<table><tr><td colspan=\"999\">a</td><td colspan=\"0\">b</td><td colspan=\"x\">c</td></tr></table>",
            expected: "<table><tr><td>a</td><td>b</td><td>c</td></tr></table>"),
        .init(input: "<p>1<br>2</p><hr>", expected: "<p>1<br>2</p><hr>"),
        .init(input: "<pre><code>x &lt; y</code></pre>", expected: "<pre><code>x &lt; y</code></pre>"),
        // Disallowed attributes go, the element stays.
        .init(input: "<p class=\"x\" id=\"y\" dir=\"rtl\" title=\"t\">s</p>", expected: "<p>s</p>"),
    ]

    @Test("allowed elements survive exactly", arguments: survivors)
    func allowedElementsSurvive(_ example: Case) {
        #expect(clean(example.input) == example.expected)
    }

    static let renames: [Case] = [
        .init(input: "<b>x</b>", expected: "<strong>x</strong>"),
        .init(input: "<i>x</i>", expected: "<em>x</em>"),
        .init(input: "<h1>x</h1>", expected: "<h2>x</h2>"),
        .init(input: "<h5>x</h5><h6>y</h6>", expected: "<h4>x</h4><h4>y</h4>"),
        .init(input: "<tt>x</tt>", expected: "<code>x</code>"),
        .init(
            input: "<p>مرحبا <b>بالعالم</b> <i>x</i></p>", expected: "<p>مرحبا <strong>بالعالم</strong> <em>x</em></p>"),
    ]

    @Test("older elements are renamed", arguments: renames)
    func renamed(_ example: Case) {
        #expect(clean(example.input) == example.expected)
    }

    @Test func unknownElementsAreUnwrappedKeepingText() {
        #expect(clean("<span>sp</span><div>dv</div>") == "spdv")
        #expect(clean("<p><span lang=\"en\">x</span></p>") == "<p>x</p>")
    }

    // MARK: Links

    @Test func externalLinksAreMarked() {
        #expect(
            clean("<a href=\"https://evil.com/x\" title=\"t\">l</a>")
                == "<a href=\"https://evil.com/x\" title=\"t\" rel=\"noopener nofollow ugc\">l</a>")
        #expect(
            clean("<a href=\"http://news.example.org/\">l</a>")
                == "<a href=\"http://news.example.org/\" rel=\"noopener nofollow ugc\">l</a>")
        // A subdomain is another host; target is not an allowed attribute.
        #expect(
            clean("<a href=\"https://www.example.com/x\" target=\"_blank\">l</a>")
                == "<a href=\"https://www.example.com/x\" rel=\"noopener nofollow ugc\">l</a>")
    }

    @Test func internalAndRelativeLinksAreNotMarked() {
        #expect(clean("<a href=\"https://example.com/x\">l</a>") == "<a href=\"https://example.com/x\">l</a>")
        #expect(clean("<a href=\"https://EXAMPLE.com:8080/a\">u</a>") == "<a href=\"https://EXAMPLE.com:8080/a\">u</a>")
        #expect(clean("<a href=\"/articles/1\">l</a>") == "<a href=\"/articles/1\">l</a>")
        #expect(clean("<a href=\"#section\">f</a>") == "<a href=\"#section\">f</a>")
    }

    @Test func internalHostsAreCaseInsensitive() {
        let mixed = HTMLSanitizer(internalHosts: ["Example.COM"])
        #expect(mixed.internalHosts == ["example.com"])
        #expect(
            mixed.sanitize("<a href=\"https://example.com/\">x</a>").markup == "<a href=\"https://example.com/\">x</a>")
        // Without internal hosts, every absolute web link is external.
        #expect(
            HTMLSanitizer().sanitize("<a href=\"https://example.com/\">x</a>").markup
                == "<a href=\"https://example.com/\" rel=\"noopener nofollow ugc\">x</a>")
    }

    @Test func userinfoDoesNotMakeALinkInternal() {
        #expect(
            clean("<a href=\"https://example.com@evil.com/\">u</a>")
                == "<a href=\"https://example.com@evil.com/\" rel=\"noopener nofollow ugc\">u</a>")
    }

    @Test func mailtoIsAllowedWithoutRel() {
        #expect(
            clean("<a href=\"mailto:news@example.com?subject=مرحبا\">m</a>")
                == "<a href=\"mailto:news@example.com?subject=مرحبا\">m</a>")
    }

    @Test func linksWithoutAUsableHrefAreUnwrapped() {
        #expect(clean("<a>noh</a>") == "noh")
        #expect(clean("<a href=\"\">e</a>") == "e")
        #expect(clean("<a href=\"page.html\">r</a>") == "r")
        #expect(clean("<a href=\"https://\">nohost</a>") == "nohost")
    }

    @Test func hrefIsTrimmedAndAttributeValuesEscaped() {
        #expect(
            clean("<a href=\" https://evil.com \">sp</a>")
                == "<a href=\"https://evil.com\" rel=\"noopener nofollow ugc\">sp</a>")
        #expect(clean("<a href=\"/x\" title='say \"hi\"'>t</a>") == "<a href=\"/x\" title=\"say &quot;hi&quot;\">t</a>")
        #expect(clean("<a href=\"mailto:x@y.z\" title=\"\">m</a>") == "<a href=\"mailto:x@y.z\">m</a>")
    }

    // MARK: Text

    @Test func arabicTextSurvivesIntact() {
        let text = "<p>تحية «عربية»، وسلام؟ اتّهمت مُحَمَّد ٢٠٢٤ مـــرحبا</p>"
        #expect(clean(text) == text)
        #expect(clean("مرحبا") == "مرحبا")
    }

    @Test func textIsEscaped() {
        #expect(clean("a < b & c \"q\" 'r'") == "a &lt; b &amp; c &quot;q&quot; &#39;r&#39;")
        #expect(clean("<p>a &amp; b</p>") == "<p>a &amp; b</p>")
        #expect(clean("&lt;script&gt;") == "&lt;script&gt;")
    }

    @Test func emptyAndBlankInputGiveEmpty() {
        #expect(sanitizer.sanitize("") == .empty)
        #expect(sanitizer.sanitize("").isEmpty)
        #expect(sanitizer.sanitize("  \n ").isEmpty)
        #expect(!sanitizer.sanitize("<p>x</p>").isEmpty)
        #expect(sanitizer.sanitize("<p>x</p>").description == "<p>x</p>")
    }

    // MARK: Well-formed output

    @Test func unclosedMarkupIsBalanced() {
        #expect(clean("<p>a<b>b") == "<p>a<strong>b</strong></p>")
        #expect(clean("<p>unclosed <strong>strong <em>em") == "<p>unclosed <strong>strong <em>em</em></strong></p>")
        #expect(clean("<ol><li>one<li>two</ol>") == "<ol><li>one</li><li>two</li></ol>")
        #expect(clean("<p>one<p>two") == "<p>one</p><p>two</p>")
        #expect(clean("<p") == "<p></p>")
        #expect(clean("<") == "&lt;")
    }

    @Test func sanitizingIsIdempotent() {
        let inputs = [
            "<p>a<b>b", "<h1>t</h1><ul><li>x<li>y</ul>", "<a href=\"https://evil.com\">l</a>",
            "<figure><img src=\"/a.png\" alt=\"x\"><figcaption>c</figcaption></figure>",
        ]
        for input in inputs {
            let once = clean(input)
            #expect(clean(once) == once)
            Markup.expectWellFormedAndAllowed(once)
        }
    }
}
