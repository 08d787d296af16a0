import Foundation
import NashraCore
import NashraTestSupport
import Testing

@testable import NashraWeb

/// The default theme: complete locales, escaping by type in templates.
@Suite("Default theme")
struct ThemeTests {
    static var root: URL { URL(fileURLWithPath: WebHarness.themeDirectory) }

    @Test func everyLocaleHasEveryKeyOfTheArabicOne() throws {
        let arabic = try Localizer(
            language: "ar", json: Data(contentsOf: Self.root.appendingPathComponent("locales/ar.json")))
        let english = try Localizer(
            language: "en", json: Data(contentsOf: Self.root.appendingPathComponent("locales/en.json")))
        #expect(
            arabic.keys.subtracting(english.keys).isEmpty, "missing in en: \(arabic.keys.subtracting(english.keys))")
        #expect(
            english.keys.subtracting(arabic.keys).isEmpty, "missing in ar: \(english.keys.subtracting(arabic.keys))")
    }

    @Test(arguments: [
        (0, "لا توجد تعليقات"), (1, "تعليق واحد"), (2, "تعليقان"), (3, "3 تعليقات"), (11, "11 تعليقاً"),
        (100, "100 تعليق"), (103, "103 تعليقات"),
    ])
    func arabicPluralsFollowCLDR(_ count: Int, _ expected: String) throws {
        let arabic = try Localizer(
            language: "ar", json: Data(contentsOf: Self.root.appendingPathComponent("locales/ar.json")))
        #expect(arabic.plural("comment_count", count) == expected)
    }

    /// Raw output (`{{{…}}}` or `{{& …}}`) is allowed only for fields named `…HTML`, which the view
    /// models type as SafeHTML — the sanitizer's output — and `…JSON`, typed SafeJSON, whose encoder
    /// escapes `<`, `>` and `&`.
    @Test func templatesPrintRawHTMLOnlyFromSafeHTMLFields() throws {
        let folder = Self.root.appendingPathComponent("templates")
        var rawFields: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            var rest = text[...]
            while let open = rest.range(of: "{{{") ?? rest.range(of: "{{&") {
                let after = rest[open.upperBound...]
                let name = after.prefix { $0 != "}" }.trimmingCharacters(in: .whitespaces)
                rawFields.append("\(file): \(name)")
                #expect(name.hasSuffix("HTML") || name.hasSuffix("JSON"), "\(file) prints \(name) unescaped")
                rest = after
            }
        }
        #expect(
            Set(rawFields) == [
                "article.mustache: bodyHTML", "comment.mustache: bodyHTML", "layout-top.mustache: dataJSON",
                "search.mustache: snippetHTML", "admin-editor.mustache: previewHTML", "page.mustache: bodyHTML",
                "admin-page-editor.mustache: previewHTML",
            ])
    }

    /// Every key the Swift code names literally is on the list the theme is checked against at start.
    @Test func localeKeysNameEveryKeyTheCodeUses() throws {
        let sources = Self.root.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/NashraWeb")
        let patterns = [
            #"(?:text|plural)\("([a-z0-9_]+)""#, #"flash\(request, "([a-z0-9_]+)""#, #"title: "([a-z0-9_]+)""#,
            #"\?\? "(admin_[a-z0-9_]+)""#,
        ].map { try! NSRegularExpression(pattern: $0) }
        var used = Set<String>()
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for pattern in patterns {
                for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    if let range = Range(match.range(at: 1), in: text) { used.insert(String(text[range])) }
                }
            }
        }
        #expect(used.count > 60, "the scan found \(used.count) keys")
        let unlisted = used.subtracting(LocaleKeys.required).filter { !$0.hasSuffix("_") }
        #expect(unlisted.isEmpty, "used in the code but not in LocaleKeys: \(unlisted.sorted())")
        let arabic = try Localizer(
            language: "ar", json: Data(contentsOf: Self.root.appendingPathComponent("locales/ar.json")))
        let missing = LocaleKeys.required.filter { !arabic.has($0) }
        #expect(missing.isEmpty, "not in ar.json: \(missing.sorted())")
    }

    /// A copy of the default theme with `change` applied to its folder.
    static func brokenTheme(_ change: (URL) throws -> Void) throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-theme-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: root, to: copy)
        try change(copy)
        return copy
    }

    @Test func aThemeWithoutATemplateRefusesToLoadNamingIt() async throws {
        let theme = try Self.brokenTheme {
            try FileManager.default.removeItem(at: $0.appendingPathComponent("templates/admin-audit.mustache"))
        }
        defer { try? FileManager.default.removeItem(at: theme) }
        do {
            _ = try await Theme(directory: theme.path)
            Issue.record("the theme loaded without the template")
        } catch {
            #expect("\(error)" == "theme template missing: admin-audit.mustache")
        }
    }

    @Test func aLocaleWithoutAKeyRefusesToLoadNamingIt() async throws {
        let theme = try Self.brokenTheme { folder in
            let file = folder.appendingPathComponent("locales/en.json")
            var strings = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any] ?? [:]
            strings["admin_audit_sign_in_throttled"] = nil
            try JSONSerialization.data(withJSONObject: strings).write(to: file)
        }
        defer { try? FileManager.default.removeItem(at: theme) }
        do {
            _ = try await Theme(directory: theme.path)
            Issue.record("the theme loaded without the key")
        } catch {
            #expect("\(error)" == #"locale en: no string for "admin_audit_sign_in_throttled""#)
        }
    }

    @Test func aTemplateThatDoesNotParseRefusesToLoadNamingItsLine() async throws {
        let theme = try Self.brokenTheme { folder in
            try "<p>one</p>\n<p>two</p>\n{{/never-opened}}\n".write(
                to: folder.appendingPathComponent("templates/extra.mustache"), atomically: true, encoding: .utf8)
        }
        defer { try? FileManager.default.removeItem(at: theme) }
        do {
            _ = try await Theme(directory: theme.path)
            Issue.record("the theme loaded with a broken template")
        } catch {
            #expect("\(error)".hasPrefix("theme template extra.mustache, line 3: "), "\(error)")
        }
    }

    @Test func everyTemplateEscapesWithTheSiteEscaping() async throws {
        // A custom theme's templates get it too: the loader declares it, not the files.
        let theme = try Self.brokenTheme { folder in
            try "<p title=\"{{text}}\">{{text}}</p>".write(
                to: folder.appendingPathComponent("templates/extra.mustache"), atomically: true, encoding: .utf8)
            // One that asks for Mustache's HTML escaping by name gets ours as well.
            try "{{% CONTENT_TYPE: HTML}}\n<p title=\"{{text}}\">{{text}}</p>".write(
                to: folder.appendingPathComponent("templates/declared.mustache"), atomically: true, encoding: .utf8)
        }
        defer { try? FileManager.default.removeItem(at: theme) }
        let loaded = try await Theme(directory: theme.path)
        let library = try #require(loaded.libraries["ar"])
        let html = library.render(["text": "\"\u{0338} x=1 <\u{0338}b>"], withTemplate: "extra") ?? ""
        let expected = "<p title=\"&quot;\u{0338} x=1 &lt;\u{0338}b&gt;\">&quot;\u{0338} x=1 &lt;\u{0338}b&gt;</p>"
        #expect(html == expected)
        let declared = library.render(["text": "\"\u{0338} x=1 <\u{0338}b>"], withTemplate: "declared") ?? ""
        #expect(declared == expected)
    }

    /// A language's templates have its strings written in, escaped as the tag printed them; what
    /// could change how a template parses keeps its tag.
    @Test func stringsAreWrittenIntoALanguagesTemplatesOnlyWhereThatIsSafe() {
        let strings = ["a": "<b>\"x\" & y</b>", "brace": "{x}", "plain": "نص"]
        #expect(
            ThemeTemplates.inliningStrings("[{{t.a}}|{{ t.plain }}]", strings)
                == "[&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;|نص]")
        #expect(ThemeTemplates.inliningStrings("{{t.brace}}", strings) == "{{t.brace}}")
        #expect(ThemeTemplates.inliningStrings("{{t.missing}}", strings) == "{{t.missing}}")
        for kept in ["", "  ", "سطر\nثان"] {
            #expect(ThemeTemplates.inliningStrings("{{t.k}}{{#x}}", ["k": kept]) == "{{t.k}}{{#x}}")
        }
        for whole in ["{{! {{t.plain}} }}", "{{% CONTENT_TYPE: TEXT}}\n{{t.plain}}"] {
            #expect(ThemeTemplates.inliningStrings(whole, strings) == whole)
        }
        #expect(
            ThemeTemplates.inliningStrings("{{{t.a}}} {{&t.a}} {{#t.a}}x{{/t.a}}", strings)
                == "{{{t.a}}} {{&t.a}} {{#t.a}}x{{/t.a}}")
        #expect(ThemeTemplates.inliningStrings("{{=<% %>=}}<%t.a%> {{t.a}}", strings) == "{{=<% %>=}}<%t.a%> {{t.a}}")
    }

    /// Every public template renders the same with the strings written in as with them looked up.
    @Test func aLanguagesOwnTemplatesRenderAsTheTemplatesAsWritten() async throws {
        let theme = try await Theme(directory: WebHarness.themeDirectory)
        let asWritten = try ThemeTemplates.load(from: WebHarness.themeDirectory + "/templates")
        for language in ["ar", "en"] {
            let strings = theme.localizer(for: language).strings
            let model: [String: Any] = [
                "t": strings, "layout": ["lang": language, "nav": [["name": "قسم", "url": "/section/x"]]],
                "content": [
                    "title": "عنوان", "commentsOpen": true, "hasRelated": true,
                    "related": [["title": "بطاقة", "url": "/news/y"]],
                    "form": [
                        "action": "/news/x/comments", "token": "t", "hasErrors": true,
                        "summary": [["href": "#c", "message": "m"]],
                    ],
                    "comments": [["authorName": "قارئ", "canReply": true, "children": []]], "hasComments": true,
                ],
            ]
            for template in [TemplateName.article, .home, .list, .search, .error, .page] {
                let written = asWritten.render(model, withTemplate: template.rawValue)
                let inlined = try #require(theme.libraries[language]).render(model, withTemplate: template.rawValue)
                #expect(written?.isEmpty == false)
                #expect(written == inlined, "\(language) \(template)")
                if template == .article {
                    // The comments' heading holds the language's word, written in, and the count.
                    let heading = HTMLDocument(inlined ?? "").first("//h2[@id='comments-title']")
                    #expect(heading?.text.hasPrefix(try #require(strings["comments"])) == true, "\(language)")
                }
            }
        }
    }
}
