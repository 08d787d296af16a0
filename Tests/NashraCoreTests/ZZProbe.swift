import CLibXML2
import Foundation
import NashraCore
import Testing

func dump(_ node: xmlNodePtr?, _ indent: String, _ maxDepth: Int) {
    var n = node
    while let c = n {
        if indent.count / 2 > maxDepth {
            print(indent + "...")
            return
        }
        let name = c.pointee.name.map { String(cString: $0) } ?? "?"
        let content = c.pointee.content.map { String(cString: $0) } ?? ""
        print(indent + "\(c.pointee.type.rawValue) \(name) \(content.debugDescription)")
        dump(c.pointee.children, indent + "  ", maxDepth)
        n = c.pointee.next
    }
}

func parse(_ html: String, huge: Bool) -> htmlDocPtr? {
    let document = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + html + "</body></html>"
    var options =
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
        | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOBLANKS.rawValue
    if huge { options |= XML_PARSE_HUGE.rawValue }
    return document.withCString { htmlReadMemory($0, Int32(document.utf8.count), nil, "UTF-8", Int32(options)) }
}

@Test func zzprobe() {
    for i in ["a</body>b<p>c</p>", "<p>x</p></html><p>y</p>", "<embed src=x>e"] {
        print("==", i)
        let d = parse(i, huge: false)
        dump(xmlDocGetRootElement(d), "", 10)
        xmlFreeDoc(d)
    }
    let deep =
        "<p>before</p>" + String(repeating: "<div>", count: 1000) + "deep" + String(repeating: "</div>", count: 1000)
        + "<p>after</p>"
    for huge in [false, true] {
        let d = parse(deep, huge: huge)
        var depth = 0
        var n = xmlDocGetRootElement(d)
        var texts: [String] = []
        // walk deepest chain
        while let c = n {
            depth += 1
            var ch = c.pointee.children
            n = nil
            while let x = ch {
                if x.pointee.type == XML_ELEMENT_NODE,
                    String(cString: x.pointee.name) == "div" || String(cString: x.pointee.name) == "body"
                {
                    n = x
                } else if x.pointee.type == XML_TEXT_NODE {
                    texts.append(String(cString: x.pointee.content))
                }
                ch = x.pointee.next
            }
        }
        print("huge", huge, "depth", depth, texts)
        xmlFreeDoc(d)
    }
    let s = HTMLSanitizer()
    for i in ["<p>a &amp; b</p>", "<p>a & b</p>", "<p>قال &quot;نعم&quot; - ثم</p>", "<p>a</p><p>b</p>"] {
        let h = s.sanitize(i)
        print(h.markup, ReadingTime.minutes(for: h))
    }
    let many = "<p>" + Array(repeating: "a &amp; b", count: 100).joined(separator: " ") + "</p>"
    print("200 words with 100 ampersands:", ReadingTime.minutes(for: s.sanitize(many)))
    let many2 = "<p>" + Array(repeating: "a & b", count: 100).joined(separator: " ") + "</p>"
    print("200 words with 100 ampersands raw:", ReadingTime.minutes(for: s.sanitize(many2)))
}
