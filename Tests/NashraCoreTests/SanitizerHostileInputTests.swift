import NashraCore
import Testing

@Suite("HTMLSanitizer: hostile input")
struct SanitizerHostileInputTests {
    let sanitizer = HTMLSanitizer(internalHosts: ["example.com"])

    struct Hostile: Sendable, CustomTestStringConvertible {
        let label: String
        let input: String
        /// Must not appear in the lowercased output.
        let absent: [String]
        /// Must appear in the output as written.
        let kept: [String]
        var testDescription: String { label }
    }

    static let cases: [Hostile] = [
        .init(
            label: "script element", input: "<p>قبل</p><script>alert(1)</script><p>بعد</p>",
            absent: ["<script", "alert"], kept: ["<p>قبل</p><p>بعد</p>"]),
        .init(
            label: "uppercase script with src", input: "<SCRIPT src=\"https://evil.com/x.js\"></SCRIPT>نص",
            absent: ["<script", "evil.com"], kept: ["نص"]),
        .init(
            label: "style element", input: "<style>body{background:url(javascript:alert(1))}</style><p>visible</p>",
            absent: ["<style", "background", "javascript:"], kept: ["<p>visible</p>"]),
        .init(
            label: "onerror on img", input: "<img src=\"/a.png\" onerror=\"alert(1)\" alt=\"صورة\">",
            absent: ["onerror", "alert"], kept: ["<img src=\"/a.png\" alt=\"صورة\" loading=\"lazy\">"]),
        .init(
            label: "unquoted onerror with bad src", input: "<img src=x onerror=alert(1)>بعد",
            absent: ["<img", "onerror", "alert"], kept: ["بعد"]),
        .init(
            label: "onclick on p", input: "<p onclick=\"steal()\">انقر</p>", absent: ["onclick", "steal"],
            kept: ["<p>انقر</p>"]),
        .init(
            label: "onload on body", input: "<body onload=\"alert(1)\"><p>نص</p></body>", absent: ["onload", "alert"],
            kept: ["<p>نص</p>"]),
        .init(
            label: "javascript: href", input: "<a href=\"javascript:alert(1)\">رابط</a>", absent: ["javascript", "<a"],
            kept: ["رابط"]),
        .init(
            label: "JaVaScRiPt: href", input: "<a href=\"JaVaScRiPt:alert(1)\">x</a>", absent: ["javascript", "<a"],
            kept: ["x"]),
        .init(
            label: "java<tab>script:", input: "<a href=\"java\tscript:alert(1)\">x</a>", absent: ["script:", "<a"],
            kept: ["x"]),
        .init(
            label: "java<newline>script:", input: "<a href=\"java\nscript:alert(1)\">x</a>", absent: ["script:", "<a"],
            kept: ["x"]),
        .init(
            label: "&#106;avascript:", input: "<a href=\"&#106;avascript:alert(1)\">x</a>",
            absent: ["javascript", "<a"], kept: ["x"]),
        .init(
            label: "hex entities and entity tab", input: "<a href=\"&#x6A;ava&#x09;script&#58;alert(1)\">x</a>",
            absent: ["script", "<a"], kept: ["x"]),
        .init(
            label: "leading spaces and control chars", input: "<a href=\"  \u{01}\u{1F} javascript:alert(1)\">x</a>",
            absent: ["javascript", "<a"], kept: ["x"]),
        .init(
            label: "javascript: img src", input: "<img src=\"javascript:alert(1)\" alt=\"j\">ok",
            absent: ["javascript", "<img"], kept: ["ok"]),
        .init(
            label: "data: href", input: "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
            absent: ["data:", "<a"], kept: ["x"]),
        .init(
            label: "data: img src",
            input: "<p>قبل<img src=\"data:image/svg+xml,<svg onload=alert(1)>\" alt=\"x\">بعد</p>",
            absent: ["data:", "<img", "onload"], kept: ["<p>قبلبعد</p>"]),
        .init(
            label: "vbscript: href", input: "<a href=\"vbscript:msgbox(1)\">x</a>", absent: ["vbscript", "<a"],
            kept: ["x"]),
        .init(
            label: "protocol-relative img src", input: "<img src=\"//evil.com/pixel.gif\" alt=\"p\">ok",
            absent: ["evil.com", "<img"], kept: ["ok"]),
        .init(
            label: "protocol-relative href", input: "<a href=\"//evil.com/\">x</a>", absent: ["evil.com", "<a"],
            kept: ["x"]),
        .init(
            label: "slash-backslash href", input: "<a href=\"/\\evil.com\">x</a>", absent: ["evil.com", "<a"],
            kept: ["x"]),
        .init(
            label: "svg with script", input: "<svg><script>alert(1)</script></svg><p>نص</p>",
            absent: ["<svg", "<script", "alert"], kept: ["<p>نص</p>"]),
        .init(
            label: "svg onload", input: "<svg onload=\"alert(1)\"/>after", absent: ["<svg", "onload", "alert"],
            kept: ["after"]),
        .init(
            label: "math mutation", input: "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            absent: ["<math", "<style", "<img", "onerror", "alert"], kept: []),
        .init(
            label: "iframe", input: "<iframe src=\"https://evil.com\">inside</iframe><p>after</p>",
            absent: ["<iframe", "evil.com", "inside"], kept: ["<p>after</p>"]),
        .init(
            label: "object", input: "<object data=\"evil.swf\"><param name=x value=y></object>after",
            absent: ["<object", "<param", "evil"], kept: ["after"]),
        .init(label: "embed", input: "<embed src=\"evil.swf\">", absent: ["<embed", "evil"], kept: []),
        .init(
            label: "form and input",
            input: "<form action=\"https://evil.com\"><input name=\"password\"><button>go</button></form><p>after</p>",
            absent: ["<form", "<input", "<button", "evil.com", "password"], kept: ["<p>after</p>"]),
        .init(
            label: "meta refresh", input: "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.com\"><p>ok</p>",
            absent: ["<meta", "refresh", "evil.com"], kept: ["<p>ok</p>"]),
        .init(
            label: "base href", input: "<base href=\"https://evil.com/\"><a href=\"/x\">link</a>",
            absent: ["<base", "evil.com"], kept: ["<a href=\"/x\">link</a>"]),
        .init(
            label: "link stylesheet", input: "<link rel=stylesheet href=\"https://evil.com/x.css\"><p>l</p>",
            absent: ["<link", "evil.com"], kept: ["<p>l</p>"]),
        .init(
            label: "style attribute", input: "<p style=\"background:url(javascript:alert(1))\">styled</p>",
            absent: ["style=", "background", "javascript"], kept: ["<p>styled</p>"]),
        .init(
            label: "comment with script", input: "<p>a<!-- <script>alert(1)</script> -->b</p>",
            absent: ["<!--", "<script", "alert"], kept: ["<p>ab</p>"]),
        .init(
            label: "<!--> trick", input: "<!--><script>alert(1)</script>--><p>after</p>",
            absent: ["<!--", "<script", "alert"], kept: ["<p>after</p>"]),
        .init(
            label: "--!> trick", input: "<!-- x --!><script>alert(1)</script> --><p>after</p>",
            absent: ["<!--", "<script", "alert"], kept: ["<p>after</p>"]),
        .init(
            label: "conditional comment", input: "<p>a</p><!--[if IE]><script>alert(1)</script><![endif]--><p>b</p>",
            absent: ["<!", "<script", "alert"], kept: ["<p>a</p><p>b</p>"]),
        .init(
            label: "unclosed comment", input: "<p>keep</p><!-- <script>alert(1)</script>",
            absent: ["<!--", "<script", "alert"], kept: ["<p>keep</p>"]),
        .init(
            label: "split script tag", input: "<scr<script>ipt>alert(1)</script>", absent: ["<script", "<scr"], kept: []
        ),
        .init(
            label: "unterminated img", input: "<p>x</p><img src=x onerror=alert(1)//", absent: ["<img", "onerror"],
            kept: ["<p>x</p>"]),
        .init(
            label: "bad href with onmouseover", input: "<a href=x onmouseover=alert(1)>hover</a>",
            absent: ["onmouseover", "alert", "<a"], kept: ["hover"]),
        .init(
            label: "good href with onmouseover", input: "<a href=\"/x\" onmouseover=\"alert(1)\">hover</a>",
            absent: ["onmouseover", "alert"], kept: ["<a href=\"/x\">hover</a>"]),
        .init(
            label: "attributes without spaces", input: "<a href=\"/x\"title=\"t\"onclick=\"alert(1)\">q</a>",
            absent: ["onclick", "alert"], kept: ["<a href=\"/x\" title=\"t\">q</a>"]),
        .init(
            label: "attribute breakout", input: "<a href='/x\" onclick=\"alert(1)'>q</a>", absent: ["onclick=\""],
            kept: ["q</a>"]),
        .init(
            label: "escaped script text", input: "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", absent: ["<script"],
            kept: ["<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"]),
        .init(
            label: "template, noscript, textarea",
            input:
                "<template><script>a()</script></template><noscript><img src=x onerror=b()></noscript><textarea><script>c()</script></textarea>ok",
            absent: ["<template", "<noscript", "<textarea", "<script", "onerror"], kept: ["ok"]),
    ]

    @Test("dangerous parts removed, text kept", arguments: cases)
    func hostileInput(_ example: Hostile) {
        let output = sanitizer.sanitize(example.input).markup
        let lowered = output.lowercased()
        for forbidden in example.absent {
            #expect(!lowered.contains(forbidden), "\(forbidden) in \(output)")
        }
        for text in example.kept {
            #expect(output.contains(text), "\(text) missing from \(output)")
        }
        Markup.expectWellFormedAndAllowed(output)
    }

    // MARK: Content model

    @Test func nestedAnchorsAreSplit() {
        #expect(
            sanitizer.sanitize("<a href=\"/a\">1<a href=\"/b\">2</a></a>").markup
                == "<a href=\"/a\">1</a><a href=\"/b\">2</a>")
    }

    @Test func blockElementsInsidePhrasingAreUnwrapped() {
        #expect(
            sanitizer.sanitize("<p><a href=\"/a\">x<p>inner</p></a></p>").markup == "<p><a href=\"/a\">xinner</a></p>")
        #expect(sanitizer.sanitize("<em><ul><li>x</li></ul></em>").markup == "<em>x</em>")
        #expect(sanitizer.sanitize("<strong><blockquote>q</blockquote></strong>").markup == "<strong>q</strong>")
        #expect(sanitizer.sanitize("<pre><h2>h</h2></pre>").markup == "<pre>h</pre>")
        let divInP = sanitizer.sanitize("<p>a<div>b</div>c</p>").markup
        #expect(Markup.text(of: divInP) == "abc")
        #expect(!divInP.contains("<div"))
        Markup.expectWellFormedAndAllowed(divInP)
    }

    @Test func orphanedPartsAreUnwrapped() {
        #expect(sanitizer.sanitize("<li>loose</li>").markup == "loose")
        #expect(sanitizer.sanitize("<td>cell</td>").markup == "cell")
        #expect(sanitizer.sanitize("<tr><td>x</td></tr>").markup == "x")
        #expect(sanitizer.sanitize("<figcaption>c</figcaption>").markup == "c")
    }

    @Test func strayContentInsideListsAndTablesIsDropped() {
        #expect(sanitizer.sanitize("<ul>text<li>a</li></ul>").markup == "<ul><li>a</li></ul>")
        #expect(sanitizer.sanitize("<ul><p>para</p><li>a</li></ul>").markup == "<ul><li>a</li></ul>")
        #expect(
            sanitizer.sanitize("<table><p>x</p><tr><td>y</td></tr></table>").markup
                == "<table><tr><td>y</td></tr></table>")
    }

    // MARK: Deep nesting

    /// Past the writer's own depth limit (64) the text is still written.
    @Test(arguments: ["div", "blockquote", "em"])
    func nestingPastTheWriterLimitKeepsText(_ element: String) {
        let html =
            "<p>before</p>" + String(repeating: "<\(element)>", count: 200) + "deep text"
            + String(repeating: "</\(element)>", count: 200) + "<p>after</p>"
        let output = sanitizer.sanitize(html).markup
        #expect(output.hasPrefix("<p>before</p>"))
        #expect(output.contains("deep text"))
        #expect(output.hasSuffix("<p>after</p>"))
        Markup.expectWellFormedAndAllowed(output)
    }

    /// 1000 levels: must not crash and must keep the text. Fails today: libxml2 stops parsing at
    /// depth 256 (no XML_PARSE_HUGE), so "deep text" and everything after it is silently lost.
    @Test(arguments: ["div", "blockquote", "em"])
    func thousandDeepNestingKeepsText(_ element: String) {
        let html =
            "<p>before</p>" + String(repeating: "<\(element)>", count: 1000) + "deep text"
            + String(repeating: "</\(element)>", count: 1000) + "<p>after</p>"
        let output = sanitizer.sanitize(html).markup
        #expect(output.hasPrefix("<p>before</p>"))
        #expect(output.contains("deep text"))
        #expect(output.contains("<p>after</p>"))
        Markup.expectWellFormedAndAllowed(output)
    }

    @Test func thousandUnclosedElementsStayBalanced() {
        let output = sanitizer.sanitize(String(repeating: "<em><b>", count: 1000) + "x").markup
        Markup.expectWellFormedAndAllowed(output)
        #expect(!output.isEmpty)
    }

    // MARK: Known bugs

    /// Browsers read `\` as `/` in http(s) URLs, so this link goes to evil.com, yet the sanitizer
    /// takes `example.com` (after the `@`) as the host and treats the link as internal.
    @Test func backslashBeforeUserinfoDoesNotMakeALinkInternal() {
        #expect(
            sanitizer.sanitize("<a href=\"http://evil.com\\@example.com/\">x</a>").markup
                == "<a href=\"http://evil.com\\@example.com/\" rel=\"noopener nofollow ugc\">x</a>")
    }

    /// A stray `</body>` or `</html>` in pasted markup ends libxml2's body; browsers ignore it.
    @Test func contentAfterStrayBodyEndTagIsKept() {
        #expect(sanitizer.sanitize("<p>x</p></body><p>y</p>").markup == "<p>x</p><p>y</p>")
        #expect(sanitizer.sanitize("<p>x</p></html><p>y</p>").markup == "<p>x</p><p>y</p>")
    }
}
