import Foundation
import NashraWeb
import Testing

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
                "search.mustache: snippetHTML", "admin-editor.mustache: previewHTML",
            ])
    }
}
