import Foundation
import Mustache
import NashraCore

/// How `{{name}}` is escaped in every template a theme loads: ``HTMLEscaping``, scalar by scalar.
///
/// swift-mustache's own HTML escaping compares whole characters, so a quote or bracket followed by
/// a combining mark (`"` + U+0338 is one character) went out as it was, and could end an attribute
/// and start another (`onmouseover=…`) in a title or a reader's name. It was also an eighth of an
/// article render. Each template is parsed with this content type declared at its start.
struct ThemeHTMLContentType: MustacheContentType {
    static let name = "NASHRA_HTML"

    func escapeText(_ text: String) -> String { HTMLEscaping.escape(text) }
}

enum ThemeTemplates {
    /// Registered before any template is parsed: the parser resolves the name as it reads the pragma.
    /// Also under `HTML`, so a theme that declares `{{% CONTENT_TYPE: HTML}}` itself gets ours too.
    private static let registered: Void = {
        MustacheContentTypes.register(ThemeHTMLContentType(), named: ThemeHTMLContentType.name)
        MustacheContentTypes.register(ThemeHTMLContentType(), named: "HTML")
    }()

    /// A template file of the theme: its path under `templates/` and its text.
    struct File {
        let path: String
        let text: String
    }

    /// Every `*.mustache` in `folder` and its subfolders, read once for every language's copy. As
    /// swift-mustache's own loader: a folder named *.mustache is skipped, bad UTF-8 decoded leniently.
    static func files(in folder: String) -> [File] {
        let root = URL(fileURLWithPath: folder)
        guard let paths = FileManager.default.enumerator(atPath: folder) else { return [] }
        return paths.compactMap { item in
            guard let path = item as? String, path.hasSuffix(".mustache"),
                let bytes = FileManager.default.contents(atPath: root.appendingPathComponent(path).path)
            else { return nil }
            return File(path: path, text: String(decoding: bytes, as: UTF8.self))
        }
    }

    /// The templates of `folder` as written (see ``library(_:strings:)``).
    static func load(from folder: String) throws -> MustacheLibrary { try library(files(in: folder)) }

    /// `files` as templates named by their path (`sub/template`), each parsed with the content type
    /// declared on a line of its own before the file's first (a standalone tag: it leaves no trace
    /// in the output).
    ///
    /// With `strings`, each `{{t.KEY}}` is written into the template as that language's string,
    /// escaped as the tag would have printed it (see ``inliningStrings(_:_:)``).
    static func library(_ files: [File], strings: [String: String]? = nil) throws -> MustacheLibrary {
        _ = registered
        var library = MustacheLibrary()
        for file in files {
            let text = strings.map { inliningStrings(file.text, $0) } ?? file.text
            do {
                try library.register(
                    "{{% CONTENT_TYPE: \(ThemeHTMLContentType.name)}}\n" + text, named: String(file.path.dropLast(9)))
            } catch let error as MustacheTemplate.ParserError {
                throw ThemeError.invalidTemplate(
                    file.path, line: max(1, error.context.lineNumber - 1),
                    problem: "\(error.error) near “\(error.context.line)”")
            }
        }
        return library
    }

    private static let stringTag = try! NSRegularExpression(pattern: #"(?<!\{)\{\{\s*t\.([A-Za-z0-9_]+)\s*\}\}(?!\})"#)

    /// `text` with every `{{t.KEY}}` replaced by the HTML-escaped string for KEY: the strings table
    /// is the same for every page of a language, and Mustache looked each one up by walking the
    /// whole context stack (a card or a form field sits a few objects deep).
    ///
    /// Only where the text prints exactly as the tag did. A string keeps its tag when it has a brace
    /// (it could make or join a tag), a line break (an indented partial would indent its second
    /// line) or nothing but white space (a line left with only a section tag would become
    /// standalone and lose its line break); so does a key the table lacks. A template with a
    /// comment, a pragma or a delimiter change is left whole. Triple, `&` and section tags stay.
    static func inliningStrings(_ text: String, _ strings: [String: String]) -> String {
        guard !text.contains("{{="), !text.contains("{{!"), !text.contains("{{%") else { return text }
        let matches = stringTag.matches(in: text, range: NSRange(text.startIndex..., in: text))
        guard !matches.isEmpty else { return text }
        var out = ""
        var position = text.startIndex
        for match in matches {
            guard let whole = Range(match.range, in: text), let keyRange = Range(match.range(at: 1), in: text),
                let value = strings[String(text[keyRange])], Self.printsAsWritten(value)
            else { continue }
            out += text[position..<whole.lowerBound]
            out += HTMLEscaping.escape(value)
            position = whole.upperBound
        }
        out += text[position...]
        return out
    }

    private static func printsAsWritten(_ value: String) -> Bool {
        !value.contains(where: { $0 == "{" || $0 == "}" || $0.isNewline })
            && value.contains(where: { !$0.isWhitespace })
    }
}
