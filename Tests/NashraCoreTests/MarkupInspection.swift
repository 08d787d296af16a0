import Foundation
import Testing

/// A start or end tag found in sanitized markup.
struct MarkupTag: Equatable {
    var name: String
    var isEnd: Bool
    /// Attribute names, in the order written.
    var attributes: [String]
}

/// Small, strict readers for the sanitizer's output, which always writes lowercase names and
/// double-quoted, escaped attribute values, so a raw `<` or `>` can only belong to a tag.
enum Markup {
    static let voidElements: Set<String> = ["br", "hr", "img"]
    static let allowedElements: Set<String> = [
        "p", "h2", "h3", "h4", "a", "strong", "em", "blockquote", "ul", "ol", "li", "figure", "figcaption",
        "img", "table", "thead", "tbody", "tr", "th", "td", "br", "hr", "code", "pre",
    ]
    static let allowedAttributes: [String: Set<String>] = [
        "a": ["href", "title", "rel"], "img": ["src", "alt", "loading"],
        "td": ["colspan", "rowspan"], "th": ["colspan", "rowspan"],
    ]

    static func tags(in markup: String) -> [MarkupTag] {
        var result: [MarkupTag] = []
        var rest = Substring(markup)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else {
                result.append(MarkupTag(name: "<unterminated>", isEnd: false, attributes: []))
                break
            }
            var inner = rest[rest.index(after: open)..<close]
            let isEnd = inner.first == "/"
            if isEnd { inner = inner.dropFirst() }
            let name = String(inner.prefix { $0 != " " })
            var attributes: [String] = []
            var tail = inner.dropFirst(name.count)
            while let equals = tail.firstIndex(of: "=") {
                attributes.append(String(tail[..<equals].filter { $0 != " " }))
                let quote = tail.index(after: equals)
                guard quote < tail.endIndex, tail[quote] == "\"",
                    let endQuote = tail[tail.index(after: quote)...].firstIndex(of: "\"")
                else {
                    attributes.append("<malformed>")
                    break
                }
                tail = tail[tail.index(after: endQuote)...]
            }
            if !tail.allSatisfy({ $0 == " " }) { attributes.append("<stray:\(tail)>") }
            result.append(MarkupTag(name: name, isEnd: isEnd, attributes: attributes))
            rest = rest[rest.index(after: close)...]
        }
        return result
    }

    /// Nil when every non-void element is closed in order, else the first problem.
    static func balanceProblem(in markup: String) -> String? {
        var stack: [String] = []
        for tag in tags(in: markup) where !voidElements.contains(tag.name) {
            if tag.isEnd {
                guard stack.last == tag.name else { return "</\(tag.name)> while \(stack.last ?? "nothing") is open" }
                stack.removeLast()
            } else {
                stack.append(tag.name)
            }
        }
        return stack.isEmpty ? nil : "unclosed: \(stack)"
    }

    /// Elements and attributes outside the allowlist, as `name` or `name@attribute`.
    static func disallowedParts(in markup: String) -> [String] {
        var problems: [String] = []
        for tag in tags(in: markup) {
            guard allowedElements.contains(tag.name) else {
                problems.append(tag.name)
                continue
            }
            let allowed = allowedAttributes[tag.name] ?? []
            problems += tag.attributes.filter { !allowed.contains($0) }.map { "\(tag.name)@\($0)" }
        }
        return problems
    }

    /// The markup with its tags removed (entities are left as written).
    static func text(of markup: String) -> String {
        var result = ""
        var inTag = false
        for character in markup {
            if character == "<" {
                inTag = true
            } else if character == ">" && inTag {
                inTag = false
            } else if !inTag {
                result.append(character)
            }
        }
        return result
    }

    /// Records an issue unless the markup is balanced and within the allowlist.
    static func expectWellFormedAndAllowed(_ markup: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(balanceProblem(in: markup) == nil, "unbalanced: \(markup)", sourceLocation: sourceLocation)
        #expect(disallowedParts(in: markup) == [], "outside the allowlist: \(markup)", sourceLocation: sourceLocation)
    }
}

@Suite("Markup inspection helpers")
struct MarkupInspectionTests {
    @Test func findsUnbalancedAndDisallowedMarkup() {
        #expect(Markup.balanceProblem(in: "<p>a<strong>b</strong></p><br>") == nil)
        #expect(Markup.balanceProblem(in: "<p>a<strong>b</p>") != nil)
        #expect(Markup.balanceProblem(in: "<p>a") != nil)
        #expect(Markup.disallowedParts(in: "<a href=\"/x\" rel=\"r\">x</a>") == [])
        #expect(Markup.disallowedParts(in: "<a href=\"/x\" onclick=\"y\">x</a><script>") == ["a@onclick", "script"])
        #expect(Markup.text(of: "<p>a<em>b</em></p>c") == "abc")
    }
}
