import NashraCore
import Testing

@Suite("HTMLToMarkdown")
struct HTMLToMarkdownTests {
    let sanitizer = HTMLSanitizer()

    func markdown(_ html: String) -> String {
        HTMLToMarkdown.convert(sanitizer.sanitize(html))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let html: String
        let markdown: String
        var testDescription: String { html }
    }

    static let constructs: [Case] = [
        .init(html: "<p>نص الخبر</p><p>فقرة ثانية</p>", markdown: "نص الخبر\n\nفقرة ثانية"),
        .init(html: "<h2>a</h2><h3>b</h3><h4>c</h4>", markdown: "## a\n\n### b\n\n#### c"),
        .init(html: "<h1>عنوان</h1><h5>x</h5>", markdown: "## عنوان\n\n#### x"),
        .init(html: "<p><strong>s</strong> <em>e</em> <code>c</code></p>", markdown: "**s** *e* `c`"),
        .init(html: "<p><b>b</b> <i>i</i></p>", markdown: "**b** *i*"),
        .init(html: "<p><a href=\"https://example.com/x\">رابط</a></p>", markdown: "[رابط](https://example.com/x)"),
        .init(html: "<p><a href=\"/u\"><strong>bold link</strong></a></p>", markdown: "[**bold link**](/u)"),
        .init(html: "<img src=\"/media/a.png\" alt=\"صورة\">", markdown: "![صورة](/media/a.png)"),
        .init(html: "<p><a href=\"/l\"><img src=\"/i.png\" alt=\"i\"></a> نص</p>", markdown: "[![i](/i.png)](/l) نص"),
        .init(html: "<blockquote>قال المتحدث</blockquote>", markdown: "> قال المتحدث"),
        .init(html: "<blockquote><p>p1</p><p>p2</p></blockquote>", markdown: "> p1\n>\n> p2"),
        .init(html: "<p>1<br>2</p><hr>", markdown: "1\\\n2\n\n***"),
        .init(html: "<ul><li>a</li><li>b</li></ul><ol><li>c</li></ol>", markdown: "- a\n- b\n\n1. c"),
        .init(html: "<pre><code>x &lt; y\n  indented\n</code></pre>", markdown: "```\nx < y\n  indented\n```"),
        .init(html: "<pre><code>a\n```\nb</code></pre>", markdown: "````\na\n```\nb\n````"),
        .init(html: "<p>a <span>b</span> <mark>c</mark></p>", markdown: "a b c"),
    ]

    @Test("each construct", arguments: constructs)
    func construct(_ example: Case) {
        #expect(markdown(example.html) == example.markdown)
    }

    @Test func arabicText() {
        #expect(
            markdown("<p>مرحبا <a href=\"https://example.com\">بالعالم</a>، <strong>عاجل:</strong>نص</p>")
                == "مرحبا [بالعالم](https://example.com)، **عاجل:**نص")
        // Arabic-Indic digits start a list in Ink too.
        #expect(markdown("<p>١. عربي</p><p>٢٠٢٤ عام</p>") == "١\\. عربي\n\n٢٠٢٤ عام")
        #expect(markdown("<p>#عاجل</p>") == "#عاجل")
    }

    @Test func nestedLists() {
        #expect(markdown("<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>") == "- a\n  * b\n- c")
        #expect(
            markdown("<ul><li>a<ul><li>b<ul><li>c</li></ul></li><li>d</li></ul></li><li>e</li></ul>")
                == "- a\n  * b\n    + c\n  * d\n- e")
        #expect(markdown("<ol><li>a<ol><li>b</li></ol></li><li>c</li></ol>") == "1. a\n   1) b\n2. c")
        // Ink would read `2.` into the nested bullet list without the indentation.
        #expect(markdown("<ol><li>a<ul><li>b</li></ul></li><li>c</li></ol>") == " 1. a\n    * b\n 2. c")
        #expect(markdown("<ul><li><ul><li>x</li></ul></li></ul>") == "- \n  * x")
        #expect(markdown("<ul><li>c<br>d</li><li>e</li></ul>") == "- c\\\n  d\n- e")
    }

    @Test func escapingOfStarsAndOtherMarkupInText() {
        // Ink ignores `\*`, so character references keep the text literal in Ink and CommonMark.
        #expect(markdown("<p>2 * 3 * 4</p>") == "2 &#42; 3 &#42; 4")
        #expect(
            markdown("<p>snake_case and `tick` and \\ and ~~x~~ and ~</p>")
                == "snake&#95;case and &#96;tick&#96; and &#92; and &#126;&#126;x&#126;&#126; and ~")
        #expect(markdown("<p>&lt;b&gt; x &amp;amp; AT&amp;T [a] b</p>") == "&lt;b> x &amp;amp; AT&T [a\\] b")
        #expect(markdown("<p>x]: y</p>") == "x&#93;: y")
        #expect(
            markdown("<p><a href=\"/x\">link [x]</a> wow!<a href=\"/y\">y</a></p>")
                == "[link &#91;x\\]](/x) wow&#33;[y](/y)")
        #expect(markdown("<img src=\"/i.png\" alt='a \"q\" [b]'>") == "![a &quot;q&quot; &#91;b\\]](/i.png)")
    }

    @Test func textThatWouldStartABlockIsEscapedAtLineStart() {
        #expect(markdown("<p>- x</p>") == "\\- x")
        #expect(markdown("<p>+ x</p>") == "\\+ x")
        #expect(markdown("<p>1. x</p>") == "1\\. x")
        #expect(markdown("<p>12) x</p>") == "12\\) x")
        #expect(markdown("<p># x</p>") == "\\# x")
        #expect(markdown("<p>&gt; x</p>") == "\\> x")
        #expect(markdown("<p>[a]: b</p>") == "\\[a&#93;: b")
        #expect(markdown("<p>| a | b |</p>") == "\\| a | b |")
        #expect(markdown("<p>line<br>- item<br>1. x<br>===</p>") == "line\\\n\\- item\\\n1\\. x\\\n\\===")
        // Only at the start of a line, and only where it would matter.
        #expect(markdown("<p>3.5% -5 a - b 1. c</p>") == "3.5% -5 a - b 1. c")
        #expect(markdown("<p><strong>1. x</strong></p>") == "**1. x**")
    }

    @Test func headingsAreOneLineAndKeepATrailingHash() {
        #expect(markdown("<h2>a<br>b</h2>") == "## a b")
        #expect(markdown("<h2>C#</h2>") == "## C&#35;")
    }

    @Test func whitespaceCollapsesAsInHTML() {
        #expect(markdown("<p>  a \n\t b  </p>") == "a b")
        #expect(markdown("<p>x <strong> y </strong>z</p>") == "x **y** z")
        #expect(markdown("<p>a<br>b<br></p>") == "a\\\nb")
        #expect(markdown("<p>a</p>\n\n<p>b</p>") == "a\n\nb")
        #expect(markdown("<p><em>a</em><em>b</em></p>") == "*ab*")
    }

    @Test func emptyInput() {
        #expect(HTMLToMarkdown.convert(.empty) == "")
        #expect(markdown("<p>  </p><p><strong> </strong></p>") == "")
    }

    @Test func linkDestinationsAreEscaped() {
        #expect(markdown("<p><a href=\"/a?b=1&amp;c=2\">x</a></p>") == "[x](/a?b=1&amp;c=2)")
        #expect(markdown("<p><a href=\"/wiki/Foo_(bar)\">w</a></p>") == "[w](/wiki/Foo_(bar))")
        #expect(markdown("<p><a href=\"/a)b\">u</a></p>") == "[u](/a&#41;b)")
    }

    @Test func captionedFiguresAndTablesStayHTML() {
        #expect(
            markdown("<figure><img src=\"/a.jpg\" alt=\"صورة\"><figcaption>تعليق <em>مهم</em></figcaption></figure>")
                == "<figure><img src=\"/a.jpg\" alt=\"صورة\"><figcaption>تعليق <em>مهم</em></figcaption></figure>")
        #expect(markdown("<figure><img src=\"/a.jpg\" alt=\"x\"></figure>") == "![x](/a.jpg)")
        #expect(
            markdown("<table><tr><td colspan=\"2\">a &amp; b</td></tr></table>")
                == "<table>\n<tr><td colspan=\"2\">a &amp; b</td></tr>\n</table>")
    }

    @Test func quotesKeepBreaksAsLazyLines() {
        #expect(markdown("<blockquote><p>a<br>- b</p></blockquote>") == "> a\\\n\\- b")
        #expect(markdown("<blockquote><ul><li>a</li><li>b</li></ul></blockquote>") == "> - a\n> - b")
        #expect(markdown("<blockquote><blockquote>in</blockquote>out</blockquote>") == "> in\n>\n> out")
    }

    // MARK: Round trip through the Markdown renderer (Ink, then the sanitizer)

    static let roundTrips: [String] = [
        "<p>نص الخبر</p><p>فقرة ثانية</p>",
        "<h2>a</h2><h3>b</h3><h4>c</h4>",
        "<p><strong>s</strong> <em>e</em> <code>c</code></p>",
        "<blockquote><p>a<br>b</p></blockquote>",
        "<ul><li>a</li><li>b</li></ul><ol><li>c</li></ol>",
        "<ul><li>a<ul><li>b<ul><li>c</li></ul></li><li>d</li></ul></li><li>e</li></ul>",
        "<ol><li>a<ul><li>b</li></ul></li><li>c</li></ol>",
        "<ol><li>a<ol><li>b</li></ol></li><li>c</li></ol>",
        "<figure><img src=\"https://cdn.example.org/a.jpg\" alt=\"صورة\"><figcaption>تعليق</figcaption></figure>",
        "<p>1<br>2</p><hr>",
        "<pre><code>x &lt; y\n  indented\n```\n</code></pre>",
        "<p>2 * 3 * 4 and a_b_c and `tick` and \\ and ~~no~~ and &lt;b&gt; and AT&amp;T and &amp;amp;</p>",
        "<p>- a</p><p>1. b</p><p># c</p><p>&gt; d</p><p>+ e</p><p>[f]: g</p><p>| h | i |</p><p>١. ي</p>",
        "<p>line<br>- item<br>1. x<br># h</p>",
        "<p><a href=\"/x\">link [x] y</a> and <img src=\"/i.png\" alt=\"a [b] &quot;c&quot;\"> wow!<a href=\"/y\">y</a></p>",
        "<p><a href=\"/wiki/Foo_(bar)\">w</a> <a href=\"/a)b\">u</a></p>",
        "<h2>C#</h2>",
        "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td colspan=\"2\">d</td></tr></tbody></table>",
        "<p>مرحبا <a href=\"https://example.com\">بالعالم</a>، <strong>عاجل:</strong>نص</p>",
    ]

    @Test("Ink renders the Markdown back to the same HTML", arguments: roundTrips)
    func roundTrip(_ html: String) {
        let safe = sanitizer.sanitize(html)
        #expect(MarkdownRenderer(sanitizer: sanitizer).render(HTMLToMarkdown.convert(safe)) == safe)
    }
}
