import Foundation

/// Writes the whole site as a WordPress export (WXR 1.2), streaming to the file: WordPress's
/// importer reads it (sections as categories with their parents, tags, authors, threaded comments,
/// uploads as attachments by URL), and our own importer reads it back without loss; the fields
/// WordPress has no place for travel as `_nashra_*` post meta.
public struct WordPressExport: Sendable {
    public var baseURL: String

    public init(baseURL: String) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
    }

    /// How much was written.
    public struct Summary: Sendable, Hashable {
        public var articles = 0
        public var comments = 0
        public var sections = 0
        public var authors = 0
        public var attachments = 0
        public var pages = 0
    }

    public func run(from store: some ContentStore & NewsroomStore, to path: String) async throws -> Summary {
        // Readers' emails are in it: owner-only.
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var out = XMLOutput(handle: handle)
        var summary = Summary()
        let settings = try await store.settings()
        let sections = try await store.sections()
        let sectionsByID = Dictionary(sections.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        out.write(
            """
            <?xml version="1.0" encoding="UTF-8" ?>
            <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" \
            xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" \
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/" \
            xmlns:nashra="\(WXRNamespace.nashra)">
            <channel>

            """)
        out.element("title", settings.name)
        out.element("link", baseURL)
        out.element("description", settings.tagline)
        out.element("language", settings.language.rawValue)
        out.element("generator", "Nashra")
        out.element("wp:wxr_version", "1.2")
        out.element("wp:base_site_url", baseURL)
        out.element("wp:base_blog_url", baseURL)
        for author in try await store.allAuthors() {
            out.write("<wp:author>")
            out.element("wp:author_id", String(author.id))
            out.cdata("wp:author_login", author.slug)
            out.cdata("wp:author_email", "")
            out.cdata("wp:author_display_name", author.name)
            out.cdata("wp:author_first_name", "")
            out.cdata("wp:author_last_name", "")
            // WXR has no biography; WordPress's importer skips elements it does not know. Written even
            // when empty: our export is the site as it is, so importing it sets the biography too.
            out.cdata("nashra:author_bio", author.bio)
            out.write("</wp:author>\n")
            summary.authors += 1
        }
        for section in Self.parentsFirst(sections) {
            out.write("<wp:category>")
            out.element("wp:term_id", String(section.id))
            out.cdata("wp:category_nicename", Self.wordpressSlug(section.slug))
            out.cdata(
                "wp:category_parent",
                section.parentID.flatMap { sectionsByID[$0] }.map { Self.wordpressSlug($0.slug) } ?? "")
            out.cdata("wp:cat_name", section.name)
            out.cdata("wp:category_description", section.description)
            out.write("</wp:category>\n")
            summary.sections += 1
        }
        var after: Int64 = 0
        while true {
            let ids = try await store.articleIDs(after: after, limit: 200)
            guard let last = ids.last else { break }
            after = last
            for id in ids {
                guard let article = try await store.article(id: id) else { continue }
                let comments = try await store.allComments(articleID: id)
                write(article, comments: comments, sections: sectionsByID, to: &out)
                summary.articles += 1
                summary.comments += comments.count
            }
        }
        for page in try await store.allPages() {
            writePage(page, to: &out)
            summary.pages += 1
        }
        var offset = 0
        while true {
            let page = try await store.media(limit: 200, offset: offset)
            for item in page.items {
                writeAttachment(item, to: &out)
                summary.attachments += 1
            }
            offset += page.items.count
            if page.items.isEmpty || offset >= page.total { break }
        }
        out.write("</channel>\n</rss>\n")
        try out.flush()
        return summary
    }

    // MARK: - Items

    private func write(_ article: Article, comments: [Comment], sections: [Int64: Section], to out: inout XMLOutput) {
        let status: String
        switch article.status {
        case .published: status = "publish"
        case .scheduled: status = "future"
        case .draft: status = "draft"
        case .pending: status = "pending"
        case .trash: status = "trash"
        }
        let date = article.publishedAt.map(Self.wordpressDate) ?? "0000-00-00 00:00:00"
        out.write("<item>\n")
        out.element("title", article.title)
        out.element("link", baseURL + "/news/" + PercentEncoding.encode(article.slug))
        if let published = article.publishedAt { out.element("pubDate", Self.rfc822(published)) }
        out.cdata("dc:creator", article.author.slug)
        out.write("<guid isPermaLink=\"false\">\(XMLOutput.escape(baseURL + "/?p=\(article.id)"))</guid>\n")
        out.element("description", "")
        out.cdata("content:encoded", article.body.markup)
        out.cdata("excerpt:encoded", article.summary)
        out.element("wp:post_id", String(article.id))
        out.cdata("wp:post_date", date)
        out.cdata("wp:post_date_gmt", date)
        out.cdata("wp:post_modified", Self.wordpressDate(article.updatedAt))
        out.cdata("wp:post_modified_gmt", Self.wordpressDate(article.updatedAt))
        out.cdata("wp:comment_status", article.commentsOpen ? "open" : "closed")
        out.cdata("wp:ping_status", "closed")
        out.cdata("wp:post_name", Self.wordpressSlug(article.slug))
        out.cdata("wp:status", status)
        out.element("wp:post_parent", "0")
        out.element("wp:menu_order", "0")
        out.cdata("wp:post_type", "post")
        out.cdata("wp:post_password", "")
        out.element("wp:is_sticky", article.isPinned ? "1" : "0")
        let section = sections[article.section.id] ?? article.section
        out.write(
            "<category domain=\"category\" nicename=\"\(XMLOutput.escape(Self.wordpressSlug(section.slug)))\">"
                + XMLOutput.cdataSection(section.name) + "</category>\n")
        for tag in article.tags {
            out.write(
                "<category domain=\"post_tag\" nicename=\"\(XMLOutput.escape(Self.wordpressSlug(tag.slug)))\">"
                    + XMLOutput.cdataSection(tag.name) + "</category>\n")
        }
        var meta: [(String, String)] = []
        if let source = article.source {
            meta.append(("_nashra_source_name", source.name))
            if let url = source.url { meta.append(("_nashra_source_url", url)) }
        }
        if let cover = article.cover { meta += [("_nashra_cover_url", cover.url), ("_nashra_cover_alt", cover.alt)] }
        if article.isBreaking { meta.append(("_nashra_breaking", "1")) }
        if let markdown = article.bodyMarkdown { meta.append(("_nashra_markdown", markdown)) }
        // Under Yoast's keys, which WordPress sites with Yoast (and our importer) read.
        if !article.seo.title.isEmpty { meta.append(("_yoast_wpseo_title", article.seo.title)) }
        if !article.seo.description.isEmpty { meta.append(("_yoast_wpseo_metadesc", article.seo.description)) }
        out.postmeta(meta)
        for comment in comments {
            out.write("<wp:comment>\n")
            out.element("wp:comment_id", String(comment.id))
            out.cdata("wp:comment_author", comment.authorName)
            out.cdata("wp:comment_author_email", comment.authorEmail)
            out.element("wp:comment_author_url", comment.authorURL ?? "")
            out.cdata("wp:comment_author_IP", "")
            out.cdata("wp:comment_date", Self.wordpressDate(comment.createdAt))
            out.cdata("wp:comment_date_gmt", Self.wordpressDate(comment.createdAt))
            // WordPress keeps comments as HTML; ours are text.
            out.cdata("wp:comment_content", HTMLEscaping.escape(comment.body))
            let approved: String
            switch comment.status {
            case .approved: approved = "1"
            case .pending: approved = "0"
            case .spam: approved = "spam"
            case .trash: approved = "trash"
            }
            out.cdata("wp:comment_approved", approved)
            out.cdata("wp:comment_type", "comment")
            out.element("wp:comment_parent", String(comment.parentID ?? 0))
            out.element("wp:comment_user_id", "0")
            out.write("</wp:comment>\n")
        }
        out.write("</item>\n")
    }

    private func writePage(_ page: StaticPage, to out: inout XMLOutput) {
        let status: String
        switch page.state {
        case .published: status = "publish"
        case .draft: status = "draft"
        case .trash: status = "trash"
        }
        let date = Self.wordpressDate(page.updatedAt)
        out.write("<item>\n")
        out.element("title", page.title)
        out.element("link", baseURL + "/" + PercentEncoding.encode(page.slug))
        out.write(
            "<guid isPermaLink=\"false\">\(XMLOutput.escape(baseURL + "/?page_id=\(Self.pageIDBase + page.id)"))</guid>\n"
        )
        out.cdata("content:encoded", page.body.markup)
        out.element("wp:post_id", String(Self.pageIDBase + page.id))
        out.cdata("wp:post_date", date)
        out.cdata("wp:post_date_gmt", date)
        out.cdata("wp:comment_status", "closed")
        out.cdata("wp:post_name", Self.wordpressSlug(page.slug))
        out.cdata("wp:status", status)
        out.element("wp:post_parent", "0")
        out.element("wp:menu_order", String(page.position))
        out.cdata("wp:post_type", "page")
        var meta = [("_nashra_in_footer", page.inFooter ? "1" : "0")]
        if let markdown = page.bodyMarkdown { meta.append(("_nashra_markdown", markdown)) }
        out.postmeta(meta)
        out.write("</item>\n")
    }

    private func writeAttachment(_ item: MediaItem, to out: inout XMLOutput) {
        let url = baseURL + "/media/" + item.fileName
        let date = Self.wordpressDate(item.uploadedAt)
        out.write("<item>\n")
        out.element("title", item.originalName)
        out.element("link", url)
        out.write("<guid isPermaLink=\"false\">\(XMLOutput.escape(url))</guid>\n")
        // Attachment ids are kept apart from article ids, which are the posts'.
        out.element("wp:post_id", String(Self.attachmentIDBase + item.id))
        out.cdata("wp:post_date", date)
        out.cdata("wp:post_date_gmt", date)
        out.cdata("wp:post_name", Self.wordpressSlug(Slug.make(from: item.originalName)))
        out.cdata("wp:status", "inherit")
        out.element("wp:post_parent", "0")
        out.cdata("wp:post_type", "attachment")
        out.cdata("wp:post_mime_type", item.mimeType)
        out.cdata("wp:attachment_url", url)
        // WordPress keeps a picture's caption as its excerpt and its alt text in postmeta; the
        // credit under the key of the Media Credit plugin, the focal point under ours.
        let details = item.details
        out.cdata("excerpt:encoded", details.caption)
        var meta: [(String, String)] = [("_nashra_original_name", item.originalName)]
        if !details.alt.isEmpty { meta.append(("_wp_attachment_image_alt", details.alt)) }
        if !details.credit.isEmpty { meta.append(("_media_credit", details.credit)) }
        if details.focus != .centre {
            meta.append(("_nashra_focal_point", "\(details.focus.x),\(details.focus.y)"))
        }
        out.postmeta(meta)
        out.write("</item>\n")
    }

    /// Media and page ids are written above these, so they never meet an article's id in one export.
    public static let attachmentIDBase: Int64 = 1_000_000_000
    public static let pageIDBase: Int64 = 2_000_000_000

    // MARK: - Formats

    static func parentsFirst(_ sections: [Section]) -> [Section] {
        let byID = Dictionary(sections.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var done = Set<Int64>()
        var ordered: [Section] = []
        func visit(_ section: Section, depth: Int) {
            guard !done.contains(section.id), depth < 32 else { return }
            if let parent = section.parentID.flatMap({ byID[$0] }) { visit(parent, depth: depth + 1) }
            done.insert(section.id)
            ordered.append(section)
        }
        for section in sections { visit(section, depth: 0) }
        return ordered
    }

    /// WordPress keeps non-ASCII slugs percent-encoded, in lower case.
    static func wordpressSlug(_ slug: String) -> String { PercentEncoding.encode(slug).lowercased() }

    static func wordpressDate(_ date: Date) -> String {
        let parts = Calendar.utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0, parts.second ?? 0)
    }

    static func rfc822(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss +0000"
        return formatter.string(from: date)
    }
}

extension Calendar {
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}

/// XML written in pieces through a buffer.
struct XMLOutput {
    let handle: FileHandle
    private var buffer = ""

    init(handle: FileHandle) {
        self.handle = handle
    }

    mutating func write(_ text: String) {
        buffer += text
        if buffer.utf8.count > 1 << 16 { try? flush() }
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: Data(buffer.utf8))
        buffer = ""
    }

    mutating func element(_ name: String, _ value: String) {
        write("<\(name)>\(Self.escape(value))</\(name)>\n")
    }

    mutating func cdata(_ name: String, _ value: String) {
        write("<\(name)>\(Self.cdataSection(value))</\(name)>\n")
    }

    /// `wp:postmeta` elements, one per key and value.
    mutating func postmeta(_ pairs: [(key: String, value: String)]) {
        for (key, value) in pairs {
            write("<wp:postmeta>")
            cdata("wp:meta_key", key)
            cdata("wp:meta_value", value)
            write("</wp:postmeta>\n")
        }
    }

    /// Characters XML 1.0 cannot hold at all (most C0 controls, lone surrogates' stand-ins, U+FFFE/F) are dropped.
    static func xmlSafe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isAllowed($0) }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter(isAllowed)))
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    static func escape(_ text: String) -> String {
        var result = ""
        for character in xmlSafe(text) {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A CDATA section; a `]]>` inside is split across two sections.
    static func cdataSection(_ text: String) -> String {
        "<![CDATA[" + xmlSafe(text).replacingOccurrences(of: "]]>", with: "]]]]><![CDATA[>") + "]]>"
    }
}
