import NashraCore
import NashraTestSupport
import Testing

/// WordPress bodies on their way in: what readers saw on the old site, in markup our sanitizer keeps.
@Suite("WordPress bodies")
struct WordPressBodyTests {
    static func converted(_ content: String, body: WordPressBody = WordPressBody()) -> (HTMLDocument, [String: Int]) {
        let result = body.convert(content, postID: 7)
        return (HTMLDocument(HTMLSanitizer().sanitize(result.html).markup), result.unknownShortcodes)
    }

    @Test("classic text: blank lines make paragraphs, single newlines line breaks, <pre> keeps its lines")
    func autoParagraphs() {
        let (page, _) = Self.converted(
            "أول فقرة\nوسطر ثان\n\nفقرة ثانية\n\n<pre>line 1\n\nline 3</pre>\n<ul>\n<li>بند</li>\n</ul>")
        #expect(page.all("//body/p").map(\.text) == ["أول فقرة وسطر ثان", "فقرة ثانية"])
        #expect(page.count("//body/p[1]/br") == 1)
        #expect(page.html.contains("<pre>line 1\n\nline 3</pre>"))
        #expect(page.all("//ul/li").map(\.text) == ["بند"])
        #expect(page.count("//p/ul") == 0)
    }

    @Test("block markup: the comments go, dynamic blocks leave nothing, no paragraphs are invented")
    func blocks() {
        let (page, _) = Self.converted(
            "<!-- wp:paragraph -->\n<p>نص</p>\n<!-- /wp:paragraph -->\n<!-- wp:latest-posts {\"postsToShow\":3} /-->\n<!-- wp:heading {\"level\":2} -->\n<h2>عنوان</h2>\n<!-- /wp:heading -->"
        )
        #expect(page.all("//body/*").map(\.name) == ["p", "h2"])
        #expect(!page.html.contains("wp:"))
    }

    @Test("[caption] becomes a figure with its figcaption, linked or not")
    func caption() {
        let (page, _) = Self.converted(
            #"[caption id="attachment_6" align="alignright" width="300"]<a href="/full.jpg"><img src="/media/a.jpg" alt="بديل" /></a> نص الشرح[/caption]"#
        )
        let figure = page.first("//figure")
        #expect(figure != nil)
        #expect(page.first("//figure//img")?["alt"] == "بديل")
        #expect(page.first("//figure/figcaption")?.text == "نص الشرح")
        let (old, _) = Self.converted(#"[caption caption="شرح قديم"]<img src="/media/b.jpg" alt="" />[/caption]"#)
        #expect(old.first("//figure/figcaption")?.text == "شرح قديم")
    }

    @Test("[gallery] lists its attachments (by ids, else the post's), each a figure")
    func gallery() {
        let body = WordPressBody(
            attachments: [
                1: .init(url: "/media/1.jpg", alt: "واحد", caption: "الأولى"),
                2: .init(url: "/media/2.jpg", alt: "اثنان", caption: ""),
            ], attachmentsOfPost: [7: [2, 1]])
        let (byIDs, _) = Self.converted(#"[gallery ids="1,2" columns="2"]"#, body: body)
        #expect(byIDs.all("//figure/img").map { $0["alt"] } == ["واحد", "اثنان"])
        #expect(byIDs.all("//figure/figcaption").map(\.text) == ["الأولى"])
        let (ofPost, _) = Self.converted("[gallery]", body: body)
        #expect(ofPost.all("//figure/img").map { $0["alt"] } == ["اثنان", "واحد"])
    }

    @Test("embeds, audio and video become links; unknown shortcodes stay as text and are counted")
    func embedsAndUnknown() {
        let (page, unknown) = Self.converted(
            "مقدمة\n\nhttps://www.youtube.com/watch?v=abc\n\n[embed]https://vimeo.com/123[/embed]\n\n[audio mp3=\"https://files.example/a.mp3\"]\n\n[contact-form id=\"3\"] و[1] و[تحديث]"
        )
        let links = page.all("//a").map { $0["href"] }
        #expect(
            links == ["https://www.youtube.com/watch?v=abc", "https://vimeo.com/123", "https://files.example/a.mp3"])
        #expect(unknown == ["contact-form": 1])
        #expect(page.html.contains("[contact-form id=&quot;3&quot;]"))
        #expect(page.html.contains("[1]") && page.html.contains("[تحديث]"))
    }

    @Test("old addresses meet whatever the escapes' case, the slash or the host")
    func oldAddressKeys() {
        let lower = OldURL.key("https://old.example/2020/01/02/%d8%ae%d8%a8%d8%b1/")
        #expect(lower == "/2020/01/02/خبر")
        #expect(OldURL.key("/2020/01/02/%D8%AE%D8%A8%D8%B1") == lower)
        #expect(OldURL.key("/2020/01/02/خبر/") == lower)
        #expect(OldURL.key("/?utm_source=x&p=12") == "/?p=12")
        #expect(OldURL.key("/?P=12#comments") == "/?p=12")
        #expect(OldURL.key("javascript:alert(1)") == nil)
    }
}
