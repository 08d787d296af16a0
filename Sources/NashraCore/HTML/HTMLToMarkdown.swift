import CLibXML2

/// Turns sanitized HTML back into Markdown, so articles imported as HTML can be edited in the
/// Markdown editor.
///
/// The output is CommonMark written so that Ink, the renderer behind ``MarkdownRenderer``, turns
/// it back into the same HTML; where Ink departs from CommonMark, the output keeps to what both
/// read alike:
///
/// - Paragraphs are separated by blank lines; `<h2>`...`<h4>` become `## `...`#### `;
///   `<strong>` `**x**`, `<em>` `*x*`, `<a>` `[text](url)` (no title: Ink has none), `<img>`
///   `![alt](src)`, `<code>` a backtick span, `<pre>` a fenced block, `<hr>` `***`.
/// - `<br>` is a backslash at the end of the line (Ink drops two trailing spaces in quotes).
/// - Blockquotes get `> ` on their first line and on every line of a list or code block inside;
///   lines after a `<br>` are lazy continuation lines, the only form Ink keeps in a quote. Ink
///   still joins the paragraphs of a quote into one, and nested quotes are flattened.
/// - Lists use `- ` and `1. `, nested ones indented to the parent's text; deeper levels switch to
///   `*`/`+` and `)` and a top-level numbered list holding a bullet list is indented one space,
///   because Ink otherwise reads the parent's next item into the nested list. Ink can still not
///   represent a bullet list nested two levels inside a numbered one.
/// - A `<figure>` with a caption, and every `<table>`, are written as raw HTML (which CommonMark
///   and Ink both pass through and the renderer sanitizes): Markdown has no captions, and pipe
///   tables are neither CommonMark nor able to hold `colspan`. `<mark>` and unknown elements
///   keep their content only.
/// - Text is escaped where it would otherwise turn into markup. Ink ignores backslash escapes
///   for `*`, `_`, `` ` ``, `~`, `<` and `\`, so those become character references (`&#42;`),
///   as does `[` inside link text; backslashes are used where Ink honours them: `\]`, and `\#`,
///   `\>`, `\-`, `\+`, `\=`, `\|`, `\[` and `1\.` at the start of a line.
/// - Whitespace in text collapses as in HTML (runs of ASCII whitespace become one space, none at
///   the start or end of a line); non-breaking spaces are kept, as `&nbsp;` where Ink would
///   drop them.
///
/// Known differences after a round trip through Ink: a paragraph that starts with an image is
/// split after the image, a caption-less figure loses its `<figure>`, and code blocks gain a
/// final newline.
public enum HTMLToMarkdown {
    /// The Markdown for `html`, trimmed.
    public static func convert(_ html: SafeHTML) -> String {
        if html.isEmpty { return "" }
        // Parsed exactly as the sanitizer parses, so the tree has the shape the sanitizer wrote.
        let document =
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + html.markup + "</body></html>"
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue
        )
        let length = Int32(clamping: document.utf8.count)
        let parsed: htmlDocPtr? = document.withCString { pointer in
            htmlReadMemory(pointer, length, nil, "UTF-8", options)
        }
        guard let doc = parsed else { return "" }
        defer { xmlFreeDoc(doc) }
        var blocks: [MarkdownBlock] = []
        var node = doc.pointee.children
        while let current = node {
            if current.pointee.type == XML_ELEMENT_NODE, LibXML.name(of: current) == "html" {
                var child = current.pointee.children
                while let part = child {
                    if LibXML.name(of: part) == "body" { blocks += MarkdownWriter.blocks(in: part, depth: 0) }
                    child = part.pointee.next
                }
            }
            node = current.pointee.next
        }
        let markdown = blocks.map(\.text).joined(separator: "\n\n")
        // Leading spaces stay: they are the indentation of a top-level list.
        var end = markdown.endIndex
        while end > markdown.startIndex, markdown[markdown.index(before: end)].isASCIIWhitespace {
            end = markdown.index(before: end)
        }
        return String(markdown[..<end].drop(while: { $0 == "\n" || $0 == "\r" }))
    }
}

/// One block of Markdown.
struct MarkdownBlock {
    enum Kind {
        /// Lines after the first may be lazy continuation lines inside a quote.
        case paragraph
        /// Already quoted; a quote inside a quote joins it.
        case quote
        case other
    }

    var text: String
    var kind: Kind
}

/// The tree walk: blocks here, inline content through ``InlineMarkdown``.
enum MarkdownWriter {
    /// Past this depth only text is kept (the sanitizer already caps nesting at 64).
    static let maxDepth = 100
    static let headingLevels: [String: Int] = ["h1": 2, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4]
    /// Elements that end the surrounding paragraph.
    static let blockElements: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "pre", "hr", "figure",
        "figcaption", "table", "thead", "tbody", "tr", "td", "th", "div",
    ]

    static func children(of node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            result.append(current)
            child = current.pointee.next
        }
        return result
    }

    static func isElement(_ node: xmlNodePtr, _ names: Set<String>) -> Bool {
        node.pointee.type == XML_ELEMENT_NODE && names.contains(LibXML.name(of: node))
    }

    // MARK: Blocks

    /// The blocks for the children of `parent`; loose inline content becomes paragraphs.
    static func blocks(in parent: xmlNodePtr, depth: Int) -> [MarkdownBlock] {
        var result: [MarkdownBlock] = []
        var run = InlineMarkdown()
        func endParagraph() {
            let text = run.finish()
            if !text.isEmpty { result.append(MarkdownBlock(text: text, kind: .paragraph)) }
            run = InlineMarkdown()
        }
        for child in children(of: parent) {
            guard child.pointee.type == XML_ELEMENT_NODE else {
                inline(child, into: &run, depth: depth + 1)
                continue
            }
            let name = LibXML.name(of: child)
            guard blockElements.contains(name), depth < maxDepth else {
                inline(child, into: &run, depth: depth + 1)
                continue
            }
            endParagraph()
            result += block(child, named: name, depth: depth + 1)
        }
        endParagraph()
        return result
    }

    private static func block(_ node: xmlNodePtr, named name: String, depth: Int) -> [MarkdownBlock] {
        switch name {
        case "p":
            var text = InlineMarkdown()
            inlineChildren(of: node, into: &text, depth: depth)
            let markdown = text.finish()
            return markdown.isEmpty ? [] : [MarkdownBlock(text: markdown, kind: .paragraph)]
        case _ where headingLevels[name] != nil:
            var text = InlineMarkdown(breaksAsSpaces: true)
            inlineChildren(of: node, into: &text, depth: depth)
            var markdown = text.finish()
            if markdown.isEmpty { return [] }
            // Ink strips trailing `#` from headings, CommonMark a trailing ` #`.
            if markdown.hasSuffix("#") { markdown = String(markdown.dropLast()) + "&#35;" }
            let level = headingLevels[name] ?? 2
            return [MarkdownBlock(text: String(repeating: "#", count: level) + " " + markdown, kind: .other)]
        case "blockquote":
            return quote(node, depth: depth)
        case "ul", "ol":
            let text = list(node, level: 0, indent: 0, depth: depth)
            return text.isEmpty ? [] : [MarkdownBlock(text: text, kind: .other)]
        case "pre":
            return [MarkdownBlock(text: codeBlock(node), kind: .other)]
        case "hr":
            // Not `---`: Ink reads a leading `---` as the start of a metadata header.
            return [MarkdownBlock(text: "***", kind: .other)]
        case "figure":
            let hasCaption = children(of: node).contains { child in
                isElement(child, ["figcaption"]) && !plainText(of: child).allSatisfy(\.isASCIIWhitespace)
            }
            return hasCaption ? [MarkdownBlock(text: html(of: node), kind: .other)] : blocks(in: node, depth: depth)
        case "table":
            return [MarkdownBlock(text: html(of: node), kind: .other)]
        default:
            // li outside a list, figcaption outside a figure, table parts outside a table, div.
            return blocks(in: node, depth: depth)
        }
    }

    /// `> ` before the first line of each paragraph and before every line of other blocks; blank
    /// `>` lines between blocks. Quotes inside quotes are flattened.
    private static func quote(_ node: xmlNodePtr, depth: Int) -> [MarkdownBlock] {
        let inner = blocks(in: node, depth: depth)
        if inner.isEmpty { return [] }
        let quoted = inner.map { block -> String in
            if block.kind == .quote { return block.text }
            let lines = block.text.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.enumerated().map { index, line in
                if block.kind == .paragraph, index > 0 { return String(line) }
                return line.isEmpty ? ">" : "> " + line
            }.joined(separator: "\n")
        }
        return [MarkdownBlock(text: quoted.joined(separator: "\n>\n"), kind: .quote)]
    }

    /// The lines of a list at `indent` spaces; nested lists go to their item's text column.
    private static func list(_ node: xmlNodePtr, level: Int, indent: Int, depth: Int) -> String {
        let ordered = LibXML.name(of: node) == "ol"
        let items = children(of: node).filter { isElement($0, ["li"]) }
        var indent = indent
        if ordered, level == 0,
            items.contains(where: { item in children(of: item).contains { isElement($0, ["ul"]) } })
        {
            indent = 1
        }
        var lines: [String] = []
        for (index, item) in items.enumerated() {
            let marker: String
            if ordered {
                marker = "\(index + 1)" + (level % 2 == 0 ? "." : ")")
            } else {
                marker = level == 0 ? "-" : (level % 2 == 1 ? "*" : "+")
            }
            let textColumn = indent + marker.count + 1
            let padding = String(repeating: " ", count: textColumn)
            var itemLines: [String] = []
            var text = InlineMarkdown()
            func endText() {
                let markdown = text.finish()
                text = InlineMarkdown()
                guard !markdown.isEmpty else { return }
                let continued = markdown.replacingOccurrences(of: "\n", with: "\n" + padding)
                itemLines.append(itemLines.isEmpty ? continued : padding + continued)
            }
            for child in children(of: item) {
                if isElement(child, ["ul", "ol"]), depth < maxDepth {
                    endText()
                    if itemLines.isEmpty { itemLines.append("") }
                    let nested = list(child, level: level + 1, indent: textColumn, depth: depth + 1)
                    if !nested.isEmpty { itemLines.append(nested) }
                } else {
                    inline(child, into: &text, depth: depth + 1)
                }
            }
            endText()
            let first = itemLines.first ?? ""
            lines.append(String(repeating: " ", count: indent) + marker + " " + first)
            lines += itemLines.dropFirst()
        }
        return lines.joined(separator: "\n")
    }

    /// A fenced block, its fence longer than any run of backticks inside.
    private static func codeBlock(_ node: xmlNodePtr) -> String {
        var code = plainText(of: node)
        // Browsers ignore a newline right after `<pre>`, but not one at the start of `<code>`.
        if code.hasPrefix("\n") { code.removeFirst() }
        if code.hasSuffix("\n") { code.removeLast() }
        var longest = 0
        var run = 0
        for character in code {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + "\n" + code + "\n" + fence
    }

    // MARK: Inline content

    static func inlineChildren(of node: xmlNodePtr, into text: inout InlineMarkdown, depth: Int) {
        for child in children(of: node) { inline(child, into: &text, depth: depth + 1) }
    }

    static func inline(_ node: xmlNodePtr, into text: inout InlineMarkdown, depth: Int) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            text.text(LibXML.content(of: node))
            return
        case XML_ELEMENT_NODE:
            break
        default:
            return
        }
        if depth > maxDepth {
            text.text(plainText(of: node))
            return
        }
        switch LibXML.name(of: node) {
        case "strong", "b":
            text.open("**", closer: "**")
            inlineChildren(of: node, into: &text, depth: depth)
            text.close()
        case "em", "i":
            text.open("*", closer: "*")
            inlineChildren(of: node, into: &text, depth: depth)
            text.close()
        case "a":
            let href = LibXML.attributes(of: node)["href"] ?? ""
            text.open("[", closer: "](" + InlineMarkdown.destination(href) + ")")
            inlineChildren(of: node, into: &text, depth: depth)
            text.close()
        case "img":
            let attributes = LibXML.attributes(of: node)
            guard let src = attributes["src"], !src.isEmpty else { return }
            let alt = InlineMarkdown.escapedAlt(attributes["alt"] ?? "")
            text.atom("![" + alt + "](" + InlineMarkdown.destination(src) + ")")
        case "br":
            text.lineBreak()
        case "code", "tt", "kbd", "samp":
            let code = InlineMarkdown.collapsed(plainText(of: node))
            if code.allSatisfy({ $0 == " " }) {
                text.text(code)
            } else if code.contains("`") {
                text.text(code)  // Ink's code spans cannot hold a backtick
            } else {
                text.atom("`" + code + "`")
            }
        case "hr":
            text.lineBreak()
        case let name where blockElements.contains(name):
            // Inside a list item: blocks become lines.
            text.lineBreak()
            inlineChildren(of: node, into: &text, depth: depth)
            text.lineBreak()
        default:
            inlineChildren(of: node, into: &text, depth: depth)  // mark, span, unknown elements
        }
    }

    /// The concatenated text under `node`, gathered without recursion.
    static func plainText(of node: xmlNodePtr) -> String {
        var result = ""
        var stack: [xmlNodePtr] = [node]
        while let current = stack.popLast() {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                result += LibXML.content(of: current)
            case XML_ELEMENT_NODE:
                stack += children(of: current).reversed()
            default:
                continue
            }
        }
        return result
    }

    // MARK: Raw HTML

    /// Attributes worth carrying over; the renderer's sanitizer adds `rel` and `loading` again.
    static let htmlAttributes: [String: [String]] = [
        "a": ["href", "title"], "img": ["src", "alt"], "td": ["colspan", "rowspan"], "th": ["colspan", "rowspan"],
    ]
    static let voidElements: Set<String> = ["br", "hr", "img"]
    /// Table rows and sections start a new line, to keep the raw HTML readable; there is never
    /// a blank line, which would end the HTML block in CommonMark.
    static let lineBreakAfter: Set<String> = ["tr", "thead", "tbody"]

    /// `node` serialized as HTML on as few lines as possible, with text whitespace collapsed.
    static func html(of node: xmlNodePtr) -> String {
        var output = ""
        writeHTML(node, to: &output, depth: 0)
        return output
    }

    private static func writeHTML(_ node: xmlNodePtr, to output: inout String, depth: Int) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            output += HTMLEscaping.escape(InlineMarkdown.collapsed(LibXML.content(of: node)))
            return
        case XML_ELEMENT_NODE:
            break
        default:
            return
        }
        if depth > maxDepth {
            output += HTMLEscaping.escape(InlineMarkdown.collapsed(plainText(of: node)))
            return
        }
        let name = LibXML.name(of: node)
        let attributes = LibXML.attributes(of: node)
        output += "<" + name
        for key in htmlAttributes[name] ?? [] {
            guard let value = attributes[key] else { continue }
            output += " \(key)=\"\(HTMLEscaping.escape(value.replacingOccurrences(of: "\n", with: " ")))\""
        }
        output += ">"
        if voidElements.contains(name) { return }
        if name == "table" { output += "\n" }
        for child in children(of: node) { writeHTML(child, to: &output, depth: depth + 1) }
        output += "</\(name)>"
        if lineBreakAfter.contains(name) { output += "\n" }
    }
}
