import CLibXML2
import Foundation

/// Reads a WordPress export one author, term or item at a time, with libxml2's streaming
/// `xmlTextReader`: memory holds the current item, never the file.
///
/// Elements are matched by namespace URI, not by prefix, so a prefix declared anywhere works and a
/// `wp:` prefix bound to another URI is ignored. Every WXR namespace WordPress has written
/// (`http` or `https`, `export/1.0/` to `export/1.2/`) counts. The network is never used and
/// external entities are not loaded.
public final class WXRReader {
    /// The site fields read so far (they come before the first item in every real export).
    public private(set) var channel = WXRChannel()
    /// Leaves post bodies and comment texts empty, for a reading that only needs the
    /// rest (the import's first pass): their text is never copied out of libxml2.
    public var skipsBodies = false
    private var skippingText = false

    private let reader: xmlTextReaderPtr
    private var path: [Name] = []
    private var text = ""
    private var author: WXRAuthor?
    private var term: WXRTerm?
    private var item: WXRItem?
    private var comment: WXRComment?
    private var meta: (key: String, value: String)?
    private var itemTerm: WXRItemTerm?
    private var finished = false

    /// Opens the file; nothing is read yet.
    /// - Throws: ``WXRError`` when the file cannot be opened.
    public init(path filePath: String) throws(WXRError) {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)
        guard let reader = xmlReaderForFile(filePath, nil, options) else {
            throw WXRError(line: 0, column: 0, message: "cannot open \(filePath)")
        }
        self.reader = reader
        // The message goes into the thrown error, not to standard error.
        xmlTextReaderSetStructuredErrorHandler(reader, { _, _ in }, nil)
    }

    deinit { xmlFreeTextReader(reader) }

    /// The line the parser has reached (it reads ahead of the current node).
    public var line: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }

    /// The line of the current node; libxml2 keeps element lines up to 65535, so past that the
    /// parser's line stands in (a few lines late at most).
    private var nodeLine: Int {
        let line = xmlTextReaderCurrentNode(reader).map { Int(xmlGetLineNo($0)) } ?? 0
        return line > 0 && line < 65535 ? line : self.line
    }

    /// The next author, term or item, or nil at the end of the file.
    /// - Throws: ``WXRError`` with the line and column where the XML stops being well-formed.
    public func next() throws(WXRError) -> WXREntry? {
        while !finished {
            let status = xmlTextReaderRead(reader)
            if status == 0 {
                finished = true
                break
            }
            guard status == 1 else { throw lastError() }
            if let entry = step() { return entry }
        }
        return nil
    }

    private func lastError() -> WXRError {
        finished = true
        guard let error = xmlGetLastError() else {
            return WXRError(line: line, column: 0, message: "the XML is not well-formed")
        }
        var message = (error.pointee.message.map { String(cString: $0) } ?? "the XML is not well-formed")
            .trimmingASCIIWhitespace()
        // Where in the export it happened, which libxml2 cannot say: a cut-short file stops inside an item.
        if let item { message += " (inside <item> from line \(item.line))" }
        return WXRError(line: Int(error.pointee.line), column: Int(error.pointee.int2), message: message)
    }

    // MARK: - Nodes

    /// An element's name with its namespace reduced to the WXR ones.
    private struct Name: Hashable {
        var space: Space
        var local: String
    }

    private enum Space: Hashable {
        case none, wp, excerpt, content, dc, nashra, other
    }

    private static func space(of uri: String?) -> Space {
        guard let uri, !uri.isEmpty else { return .none }
        switch uri {
        case "http://purl.org/rss/1.0/modules/content/": return .content
        case "http://purl.org/dc/elements/1.1/": return .dc
        case WXRNamespace.nashra: return .nashra
        default: break
        }
        for scheme in ["http://", "https://"] {
            let prefix = scheme + "wordpress.org/export/"
            guard uri.hasPrefix(prefix) else { continue }
            let rest = uri.dropFirst(prefix.count)
            // 1.0/ 1.1/ 1.2/ (and a later 1.x/), with or without excerpt/.
            let version = rest.prefix { $0 != "/" }
            guard version.hasPrefix("1."), version.dropFirst(2).allSatisfy(\.isNumber), !version.dropFirst(2).isEmpty
            else { return .other }
            let after = rest.dropFirst(version.count)
            if after == "/" { return .wp }
            if after == "/excerpt/" { return .excerpt }
        }
        return .other
    }

    /// Namespace URIs come from the parser's dictionary: one pointer per URI, so each is read once.
    private var spaces: [UnsafePointer<xmlChar>: Space] = [:]

    private func currentName() -> Name {
        let local = xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
        guard let uri = xmlTextReaderConstNamespaceUri(reader) else { return Name(space: .none, local: local) }
        if let known = spaces[uri] { return Name(space: known, local: local) }
        let space = Self.space(of: String(cString: uri))
        if spaces.count < 64 { spaces[uri] = space }
        return Name(space: space, local: local)
    }

    private func attribute(_ name: String) -> String {
        guard xmlTextReaderMoveToAttribute(reader, Array(name.utf8) + [0]) == 1 else { return "" }
        defer { xmlTextReaderMoveToElement(reader) }
        return xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
    }

    private func step() -> WXREntry? {
        switch xmlTextReaderNodeType(reader) {
        case 1:  // element
            let name = currentName()
            let empty = xmlTextReaderIsEmptyElement(reader) == 1
            path.append(name)
            text = ""
            open(name)
            if empty { return close() }
        case 3, 4, 13, 14:  // text, CDATA, whitespace
            if !skippingText, let value = xmlTextReaderConstValue(reader) { text += String(cString: value) }
        case 15:  // end of element
            return close()
        default:
            break
        }
        return nil
    }

    private func open(_ name: Name) {
        let depthInChannel = path.count - 2  // rss, channel
        if skipsBodies, item != nil,
            name.local == "encoded" && name.space == .content || name.space == .wp && name.local == "comment_content"
        {
            skippingText = true
        }
        switch (name.space, name.local) {
        case (.none, "item") where depthInChannel == 1:
            item = WXRItem()
            item?.line = nodeLine
        case (.wp, "author") where depthInChannel == 1:
            author = WXRAuthor()
            author?.line = nodeLine
        case (.wp, "category") where depthInChannel == 1, (.wp, "tag") where depthInChannel == 1,
            (.wp, "term") where depthInChannel == 1:
            term = WXRTerm()
            term?.line = nodeLine
            term?.kind = name.local == "tag" ? .tag : .category
        case (.wp, "comment") where item != nil && depthInChannel == 2:
            comment = WXRComment()
        case (.wp, "postmeta") where item != nil && depthInChannel == 2:
            meta = ("", "")
        case (.none, "category") where item != nil && depthInChannel == 2:
            itemTerm = WXRItemTerm(domain: attribute("domain"), slug: attribute("nicename"), name: "")
        default:
            break
        }
    }

    private func close() -> WXREntry? {
        guard let name = path.popLast() else { return nil }
        skippingText = false
        let value = text
        text = ""
        let depthInChannel = path.count - 2
        if depthInChannel == 0 {
            switch (name.space, name.local) {
            case (.none, "item"):
                defer { item = nil }
                return item.map(WXREntry.item)
            case (.wp, "author"):
                defer { author = nil }
                return author.map(WXREntry.author)
            case (.wp, "category"), (.wp, "tag"), (.wp, "term"):
                defer { term = nil }
                return term.map(WXREntry.term)
            default:
                setChannel(name, value)
            }
        } else if depthInChannel == 1, item != nil {
            switch (name.space, name.local) {
            case (.wp, "comment"):
                if let comment { item?.comments.append(comment) }
                comment = nil
            case (.wp, "postmeta"):
                if let meta { item?.meta.append(meta) }
                meta = nil
            case (.none, "category"):
                if var itemTerm {
                    itemTerm.name = value
                    item?.terms.append(itemTerm)
                }
                itemTerm = nil
            default:
                setItem(name, value)
            }
        } else if depthInChannel == 1 {
            if author != nil { setAuthor(name, value) } else if term != nil { setTerm(name, value) }
        } else if depthInChannel == 2 {
            if comment != nil, path.last == Name(space: .wp, local: "comment") {
                setComment(name, value)
            } else if meta != nil, name.space == .wp {
                if name.local == "meta_key" {
                    meta?.key = value
                } else if name.local == "meta_value" {
                    meta?.value = value
                }
            }
        }
        return nil
    }

    // MARK: - Fields

    private func setChannel(_ name: Name, _ value: String) {
        switch (name.space, name.local) {
        case (.none, "title"): channel.title = value
        case (.none, "link"): channel.link = value
        case (.none, "language"): channel.language = value
        case (.wp, "wxr_version"): channel.version = value.trimmingASCIIWhitespace()
        case (.wp, "base_site_url"): channel.baseSiteURL = value
        case (.wp, "base_blog_url"): channel.baseBlogURL = value
        default: break
        }
    }

    private func setAuthor(_ name: Name, _ value: String) {
        if name.space == .nashra, name.local == "author_bio" { author?.bio = value }
        guard name.space == .wp else { return }
        switch name.local {
        case "author_id": author?.id = Int64(value.trimmingASCIIWhitespace())
        case "author_login": author?.login = value
        case "author_email": author?.email = value
        case "author_display_name": author?.displayName = value
        case "author_first_name": author?.firstName = value
        case "author_last_name": author?.lastName = value
        default: break
        }
    }

    private func setTerm(_ name: Name, _ value: String) {
        guard name.space == .wp else { return }
        switch name.local {
        case "term_id": term?.id = Int64(value.trimmingASCIIWhitespace())
        case "category_nicename", "tag_slug", "term_slug": term?.slug = value
        case "cat_name", "tag_name", "term_name": term?.name = value
        case "category_parent", "term_parent": term?.parentSlug = value
        case "category_description", "tag_description", "term_description": term?.description = value
        case "term_taxonomy":
            switch value {
            case "category": term?.kind = .category
            case "post_tag": term?.kind = .tag
            default: term?.kind = .other(taxonomy: value)
            }
        default: break
        }
    }

    private func setItem(_ name: Name, _ value: String) {
        func number() -> Int64 { Int64(value.trimmingASCIIWhitespace()) ?? 0 }
        switch (name.space, name.local) {
        case (.none, "title"): item?.title = value
        case (.none, "link"): item?.link = value
        case (.none, "guid"): item?.guid = value
        case (.dc, "creator"): item?.creator = value
        case (.content, "encoded"): item?.content = value
        case (.excerpt, "encoded"): item?.excerpt = value
        // The first of a repeated id wins: a second one is not WordPress's.
        case (.wp, "post_id") where item?.postID == 0: item?.postID = number()
        case (.wp, "post_date"): item?.date = value
        case (.wp, "post_date_gmt"): item?.dateGMT = value
        case (.wp, "post_modified_gmt"): item?.modifiedGMT = value
        case (.wp, "comment_status"): item?.commentStatus = value
        case (.wp, "post_name"): item?.slug = value
        case (.wp, "status"): item?.status = value
        case (.wp, "post_parent"): item?.parentID = number()
        case (.wp, "menu_order"): item?.menuOrder = Int(number())
        case (.wp, "post_type"): item?.type = value
        case (.wp, "post_password"): item?.password = value
        case (.wp, "is_sticky"): item?.isSticky = number() == 1
        case (.wp, "attachment_url"): item?.attachmentURL = value
        default: break
        }
    }

    private func setComment(_ name: Name, _ value: String) {
        guard name.space == .wp else { return }
        func number() -> Int64 { Int64(value.trimmingASCIIWhitespace()) ?? 0 }
        switch name.local {
        case "comment_id": comment?.id = number()
        case "comment_parent": comment?.parentID = number()
        case "comment_author": comment?.authorName = value
        case "comment_author_email": comment?.authorEmail = value
        case "comment_author_url": comment?.authorURL = value
        case "comment_author_IP": comment?.authorIP = value
        case "comment_date": comment?.date = value
        case "comment_date_gmt": comment?.dateGMT = value
        case "comment_content": comment?.content = value
        case "comment_approved": comment?.approved = value
        case "comment_type": comment?.type = value
        default: break
        }
    }
}
